"""Portable credentials: Open Badges 3.0, signed with eddsa-rdfc-2022, revocable by status list.

Other apps call `issuing.issue(holder, AchievementSpec, evidence)`; this app imports none of them
(only `learning.signals`, to hear about a confirmed attendance). See docs/methods/credentials.md.
"""

"""What self-learning tells other apps.

`unit_passed` — a person passed a unit's knowledge check (sent when the pass is theirs: at once
when signed in, or when they claim a private link's progress). Keyword arguments: `user`,
`unit_id`, `unit_version`, `title`, `summary` (German texts of the unit), `competences`
(competence id -> level the unit demonstrates), `points` ("4/5"), `passed_at`.
The credentials app listens and makes the unit's credential claimable.
"""

from django.dispatch import Signal

unit_passed = Signal()

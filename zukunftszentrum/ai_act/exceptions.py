"""Domain exceptions of the inventory; views turn them into messages."""

from __future__ import annotations


class NotAllowed(Exception):
    """The active role may not do this to this system (the message says why)."""


class NothingToStore(Exception):
    """The classification is not complete, or nothing changed since the stored result."""

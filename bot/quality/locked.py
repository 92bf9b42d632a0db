"""Locked test parts are measured, never read.

A part whose name holds "locked" is the held-out judge of a gate: the team
must not tune on its messages, so error lists and JSON reports name a locked
item's file, line and kinds but withhold its text unless asked
(``her2bot eval --show-locked``).
"""

from __future__ import annotations

WITHHELD = "(a locked item: text withheld; --show-locked prints it)"


def is_locked(name: str) -> bool:
    return "locked" in name


def shown(name: str, text: str, show_locked: bool) -> str:
    """The text to print for an item of the part called ``name``."""
    return WITHHELD if is_locked(name) and not show_locked else text

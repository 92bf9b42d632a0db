"""Tap-to-call buttons for the Rasa webhook: a person one tap away.

A reply's ``calls`` (the numbers its text tells the reader to call now: 988
and 911 for a crisis, 911 for an emergency, both for a message the bot could
not read) become buttons: 988 to call or text, 911 to call. They are the only
numbers from outside the fact sheet the bot may give. Fallbacks get the
Susan G. Komen helpline from the knowledge base. Each is a Rasa button with
a ``url`` (``tel:`` / ``sms:``) to open, not text to send back; its
``payload`` is the same link.
"""

from __future__ import annotations

import re
from typing import Any

from bot.content.model import Helpline

BUTTONS: dict[str, tuple[tuple[str, str], ...]] = {
    "988": (("Call 988 (Suicide & Crisis Lifeline)", "tel:988"), ("Text 988", "sms:988")),
    "911": (("Call 911", "tel:911"),),
}


def tel(phone: str) -> str:
    """A tel: link for a printed number ("1-877-465-6636" -> "tel:+18774656636")."""
    digits = re.sub(r"\D", "", phone)
    return f"tel:+{digits}" if len(digits) == 11 and digits.startswith("1") else f"tel:{digits}"


def call_buttons(numbers: list[str], fallback: bool, helpline: Helpline) -> list[dict[str, Any]]:
    """The link buttons a reply carries (first, before suggestions), in the order its text gives the numbers."""
    calls = [button for number in numbers for button in BUTTONS[number]]
    if fallback:
        calls.append((f"Talk to a person: {helpline.organisation} {helpline.phone}", tel(helpline.phone)))
    return [{"title": title, "payload": url, "url": url, "type": "web_url"} for title, url in calls]

"""'Questions for my doctor': the sheet's own list, and which replies defer a
question to the care team.

The sheet's questions are read from the knowledge base (the
``doctor_questions`` topic, written in our words as a numbered list), never
copied here. The user's own deferred questions are kept by each front end
(the widget's sessionStorage, the REPL's session), not in the Bot's state.
"""

from __future__ import annotations

import re

from bot.content.model import Content

TOPIC = "doctor_questions"
# Replies of these kinds send the question to the person's care team.
DEFERRED_KINDS = frozenset({"decision", "symptom_report"})
_ITEM = re.compile(r"^\s*\d+[.)]\s+(?P<text>.+)$")


def sheet_questions(content: Content) -> tuple[str, ...]:
    """The numbered questions of the doctor_questions topic (lines that wrap
    are joined); () if the content has no such topic."""
    topic = content.topics.get(TOPIC)
    if topic is None:
        return ()
    items: list[str] = []
    for line in topic.answer.splitlines():
        item = _ITEM.match(line)
        if item:
            items.append(item["text"].strip())
        elif items and line.strip():
            items[-1] = f"{items[-1]} {line.strip()}"
    return tuple(items)


def is_deferred(kind: str) -> bool:
    """True when a reply of this kind is a question for the care team."""
    return kind in DEFERRED_KINDS

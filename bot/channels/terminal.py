"""Terminal presentation for the chat: colour (only when wanted) and reply layout.

Colour is used only when the output is a terminal, ``TERM`` is not ``dumb``
and ``NO_COLOR`` is unset or empty (https://no-color.org). Everything here is
plain string work, with no prompt_toolkit, so the piped chat stays light.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import IO, Mapping, Sequence

from bot.answer.format import body_of, wrap
from bot.reply import Reply

MAX_WIDTH = 100  # long lines are hard to read, even on a wide terminal
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def colour_wanted(stream: IO[str] | None, environ: Mapping[str, str] | None = None) -> bool:
    """True when `stream` is a terminal that should get colour."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("TERM", "") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    """Columns to wrap replies to: the terminal width, capped for readability."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(20, min(columns - 1, MAX_WIDTH))


def strip_colour(text: str) -> str:
    return _SGR.sub("", text)


class Paint:
    """ANSI styling that turns into a no-op when colour is off."""

    __slots__ = ("on",)

    def __init__(self, on: bool = True) -> None:
        self.on = on

    def _sgr(self, code: str, text: str) -> str:
        if not self.on or not text:
            return text
        # style each line on its own so a wrapped block stays styled line by line
        return "\n".join(f"\x1b[{code}m{line}\x1b[0m" if line else line for line in text.split("\n"))

    def dim(self, text: str) -> str:
        return self._sgr("2", text)

    def bold(self, text: str) -> str:
        return self._sgr("1", text)

    def accent(self, text: str) -> str:  # numbers of choices, command names
        return self._sgr("36", text)

    def warn(self, text: str) -> str:
        return self._sgr("33", text)


def numbered(items: Sequence[str], width: int, paint: Paint) -> list[str]:
    """Number the items: short names (drug choices) in columns, questions one a line."""
    labels = [f"{i}.".rjust(len(f"{len(items)}.")) for i in range(1, len(items) + 1)]
    label_w = len(labels[0])
    longest = max(len(item) for item in items)
    rows: list[str] = []
    if longest <= 20 and not any(item.endswith("?") for item in items):  # names, not questions
        cell_w = label_w + 1 + longest + 3
        per_row = max(1, min(4, (width - 2) // cell_w))
        for start in range(0, len(items), per_row):
            cells = [
                paint.accent(label) + " " + item.ljust(cell_w - label_w - 1)
                for label, item in zip(labels[start:start + per_row], items[start:start + per_row])
            ]
            rows.append(("  " + "".join(cells)).rstrip())
        return rows
    for label, item in zip(labels, items):
        lines = wrap(item, width - label_w - 3).split("\n")
        rows.append("  " + paint.accent(label) + " " + lines[0])
        rows += ["  " + " " * (label_w + 1) + line for line in lines[1:]]
    return rows


def layout_reply(reply: Reply, width: int, paint: Paint, *, choosing: bool = False) -> str:
    """A reply as the chat shows it: body, numbered choices, dimmed disclaimer.

    `choosing` is true when the bot asked the user to pick (clarification or
    "which drug?"): the choices then follow the question directly. Otherwise
    they come after the disclaimer as follow-up ideas. A body that already
    lists the suggestions as "- item" lines gets those lines numbered in place
    instead of repeating them.
    """
    urgent = bool(reply.calls)  # it tells the reader to call 988 / 911 now: in bold
    body_lines = body_of(reply).split("\n")
    suggestions = list(reply.suggestions)
    in_body = {f"- {s}" for s in suggestions}
    listed_in_body = bool(suggestions) and in_body <= {line.strip() for line in body_lines}
    parts: list[str] = []
    if listed_in_body:
        kept = wrap("\n".join(line for line in body_lines if line.strip() not in in_body), width)
        parts.append(paint.bold(kept) if urgent else kept)
        parts += numbered(suggestions, width, paint)
    else:
        body = wrap("\n".join(body_lines), width)
        parts.append(paint.bold(body) if urgent else body)
        if suggestions and choosing:
            parts += numbered(suggestions, width, paint)
    parts += ["", paint.dim(wrap(reply.disclaimer, width))]
    if suggestions and not choosing and not listed_in_body:
        parts += ["", "You could also ask:"]
        parts += numbered(suggestions, width, paint)
    return "\n".join(parts)

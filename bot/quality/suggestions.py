"""Suggestions the bot does not answer with the intent they stand for.

Every follow-up question the content can offer (``Renderer.all_answers()``:
topic suggestions, the fallback's, the ones templates build for each drug
and side effect) is asked in a fresh conversation. A suggestion that is one
of an intent's example phrasings (same word stems once names are masked)
stands for that intent and must be answered with it; any other must at least
get an answer, not a fallback, a "Did you mean...?" or a safety reply.
Each miss is a warning at the line the suggestion (or its template) is
written on.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

from bot.quality.report import Finding, Report
from bot.understand.ranking import content_words, mask_example, stem

if TYPE_CHECKING:
    from bot.content.model import Content, Example
    from bot.core import Bot


def check_suggestions(bot: "Bot") -> Report:
    offered: dict[str, str] = {}  # suggestion -> the first answer that offers it
    for label, rendered in bot.render.all_answers():
        for text in rendered.suggestions:
            offered.setdefault(text, label)
    stands_for: dict[tuple[str, ...], dict[str, "Example"]] = {}  # word stems -> intent -> its example
    examples = (example for intent in bot.content.intents for example in intent.examples)
    for choice, intent_id, example in zip(bot.intents.choices, bot.intents.owner, examples):  # as the ranker has them
        stands_for.setdefault(_stems(choice), {}).setdefault(intent_id, example)
    answers = {i.id for i in bot.content.intents}
    report = Report()
    for text, label in offered.items():
        reply, _ = bot.respond(text, None)
        wanted = stands_for.get(_stems(content_words(mask_example(text, bot.entities))), {})
        got = reply.intent or "a fallback"
        if wanted and reply.intent in wanted or not wanted and reply.intent in answers:
            continue
        file, line = _place(bot.content, text)
        if wanted:
            goal = f"intent {' or '.join(sorted(wanted))}"
            why = "it is the phrasing " + ", ".join(f"of {i} at {e.file}:{e.line}" for i, e in sorted(wanted.items()))
        else:
            goal, why = "an answer", "it is no intent's phrasing"
        report.warnings.append(Finding(
            file, line, "suggestion", f"suggestion {text!r} is answered with {got}, not with {goal}",
            f"{why}; offered with {label}; reword it so the bot answers it as it promises",
        ))
    report.info.append(f"suggestions: {len(offered) - len(report.warnings)} of {len(offered)} answered as they promise")
    return report


def _stems(choice: str) -> tuple[str, ...]:
    return tuple(sorted({stem(w) for w in choice.split()}))


def _place(content: "Content", text: str) -> tuple[str, int]:
    """Where a suggestion is written: as it is, or as the knowledge template that builds it."""
    texts = [(source.file, value, line) for source in content.sources.values() for value, line in source.texts]
    exact = next(((file, line) for file, value, line in texts if value.strip() == text), None)
    if exact is not None:
        return exact
    for file, value, line in texts:
        pattern = _template(value) if "{" in value and file.startswith("knowledge") else None
        if pattern is not None and pattern.fullmatch(text):
            return file, line
    return "knowledge/", 0


def _template(value: str) -> re.Pattern[str] | None:
    """A template as a pattern that matches what it renders; None if it is no template."""
    try:
        parts = [re.escape(literal) + (".+?" if name is not None else "") for literal, name, _, _ in string.Formatter().parse(value)]
    except ValueError:  # a lone brace: not a template
        return None
    return re.compile("".join(parts), re.DOTALL)

"""The scope screen: questions the fact sheet cannot answer, before ranking.

Runs on messages the message-kind stage found to be questions. Rules come
from ``intents/safety.yaml`` and are compiled once; the first rule with a
matching pattern wins (facts the sheet does not have: costs, schedules,
statistics; subjects outside it: other cancers and treatments). Negation
patterns ("I don't want to know about ...") are screened here too, so a
declined topic is never answered as if it had been asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.content.model import Content, SafetyRule


@dataclass(frozen=True)
class ScreenHit:
    rule: SafetyRule
    pattern: str


def _combined(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """All of a rule's patterns as one expression, or None if they cannot be
    joined (e.g. one sets a global flag); then each is tried in turn."""
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None


class ScopeScreen:
    def __init__(self, content: Content) -> None:
        # one combined expression per rule for the quick "any hit?" test; the
        # separate ones only to name the pattern that matched (for --debug)
        self.rules = tuple(
            (rule, _combined(rule.patterns), tuple(re.compile(p) for p in rule.patterns)) for rule in content.safety
        )
        self.negations = tuple(re.compile(p) for p in content.negation_patterns)

    def screen(self, normalised: str) -> ScreenHit | None:
        for rule, combined, patterns in self.rules:
            if combined is None or combined.search(normalised):
                which = next((p.pattern for p in patterns if p.search(normalised)), None)
                if which is not None:
                    return ScreenHit(rule, which)
        return None

    def is_negated(self, normalised: str) -> bool:
        return any(p.search(normalised) for p in self.negations)

"""Stage 3: the safety screen, run on every message before intent matching.

Rules come from ``intents/safety.yaml`` and are compiled once. The first rule
with a matching pattern wins (self-harm, then emergencies, then personal
medical decisions, then facts the sheet does not have). Negation patterns
("I don't want to know about ...") are screened here too, so a declined topic
is never answered as if it had been asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Content, SafetyRule


@dataclass(frozen=True)
class ScreenHit:
    rule: SafetyRule
    pattern: str


class SafetyScreen:
    def __init__(self, content: Content) -> None:
        self.rules = tuple(
            (rule, tuple(re.compile(p) for p in rule.patterns)) for rule in content.safety
        )
        self.negations = tuple(re.compile(p) for p in content.negation_patterns)

    def screen(self, normalised: str) -> ScreenHit | None:
        for rule, patterns in self.rules:
            for pattern in patterns:
                if pattern.search(normalised):
                    return ScreenHit(rule, pattern.pattern)
        return None

    def is_negated(self, normalised: str) -> bool:
        return any(p.search(normalised) for p in self.negations)

"""Warn about concept terms that were probably meant to offer a choice of phrases.

In the term language (intents/concepts.yaml) a choice ``a|b`` holds ONE word
each, and spaces separate positions. So ``when shes|she is cold`` reads as
``when``, ``shes|she``, ``is``, ``cold``: a term that matches nothing that was
meant. The sign this check looks for: two neighbouring positions, one of
them a choice, that share a word (``im|she is|he is`` -> ``im|she``,
``is|he``, ``is``), which a real sequence almost never has. It catches most
such slips, not all: ``shes|she is`` shares no word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.quality.report import Finding, Report

if TYPE_CHECKING:
    from bot.core import Bot


def shared_choice_word(term: str) -> str | None:
    """A word two neighbouring positions of ``term`` share, one of them a
    choice ("is|he is"), or None."""
    positions = term.split()
    for left, right in zip(positions, positions[1:]):
        if "|" in left or "|" in right:
            shared = sorted(set(left.split("|")) & set(right.split("|")))
            if shared:
                return shared[0]
    return None


def check_concept_terms(bot: "Bot") -> Report:
    report = Report()
    for concept in bot.content.concepts:
        for term in concept.terms:
            word = shared_choice_word(term)
            if word is not None:
                report.warnings.append(Finding(
                    concept.file, concept.line, "choice-words", f"concept '{concept.id}': '{term}'",
                    f"two neighbouring positions both hold '{word}': a choice holds one word each, "
                    "so write a phrase such as 'she is' as a term of its own"))
    return report

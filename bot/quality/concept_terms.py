"""Warn about concept terms that were probably meant to offer a choice of phrases.

In the term language (intents/concepts.yaml) a choice ``a|b`` holds ONE word
each, and spaces separate positions. So ``when shes|she is cold`` reads as
``when``, ``shes|she``, ``is``, ``cold``: a term that matches nothing that was
meant. The sign this check looks for: two neighbouring positions, one of
them a choice, that share a word (``im|she is|he is`` -> ``im|she``,
``is|he``, ``is``), which a real sequence almost never has. A second sign: a
choice that offers ``a``, ``an`` or ``be`` among words of another sort, then a
plain word (``somebody|someone|a person`` -> ``somebody|someone|a``,
``person``; ``live|be here``): an article or "be" is there for the phrase it
starts. It catches most such slips, not all: ``shes|she is`` shows neither.
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


# words that only start a phrase ("a person", "be here"), and the words they may stand
# beside in a choice of their own sort ("the|my|a", "is|being|be")
PHRASE_STARTS = frozenset({"a", "an", "be"})
SAME_SORT = frozenset({"a", "an", "the", "my", "her", "his", "their", "your", "our", "its", "this", "that", "one",
                       "two", "any", "per", "someones", "be", "is", "being", "so", "such", "like", "at", "them"})


def phrase_start_in_choice(term: str) -> str | None:
    """The choice of ``term`` that offers a phrase's first word ("a", "be") among
    words of another sort, followed by a plain word ("someone|a person"), or None."""
    positions = term.split()
    for left, right in zip(positions, positions[1:]):
        words = left.split("|")
        if len(words) < 2 or "|" in right or right == ".." or right.startswith("<"):
            continue
        if PHRASE_STARTS & set(words) and not SAME_SORT & (set(words) - PHRASE_STARTS):
            return f"{left} {right}"
    return None


def choice_slip(term: str) -> str | None:
    """Why ``term`` looks like a phrase written inside a choice of words, or None."""
    word = shared_choice_word(term)
    if word is not None:
        return (f"two neighbouring positions both hold '{word}': a choice holds one word each, "
                "so write a phrase such as 'she is' as a term of its own")
    pair = phrase_start_in_choice(term)
    if pair is not None:
        return (f"'{pair}' reads as a choice of one word each, then '{pair.split()[1]}' for all of "
                "them: write a phrase such as 'a person' as a term of its own")
    return None


def check_concept_terms(bot: "Bot") -> Report:
    report = Report()
    for concept in bot.content.concepts:
        for term in concept.terms:
            why = choice_slip(term)
            if why is not None:
                report.warnings.append(Finding(concept.file, concept.line, "choice-words",
                                               f"concept '{concept.id}': '{term}'", why))
    return report

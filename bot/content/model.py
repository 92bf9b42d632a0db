"""Immutable typed objects for the loaded content (knowledge base and intents).

These are built once at start-up by ``content.py`` and shared, read-only, by
every conversation. Nothing here reads files or matches text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Brand:
    """A product of a drug, as the sheet's table names it (Herceptin, Phesgo)."""

    name: str
    route: str
    note: str | None = None
    also_contains: tuple[str, ...] = ()  # other drugs in the same product (Phesgo: trastuzumab)


@dataclass(frozen=True)
class DrugSideEffect:
    id: str
    note: str | None = None


@dataclass(frozen=True)
class Drug:
    id: str
    name: str
    pronunciation: str
    kind: str
    brands: tuple[Brand, ...]
    aliases: tuple[str, ...]
    used_for: tuple[str, ...]
    side_effects: tuple[DrugSideEffect, ...]
    contains_trastuzumab: bool
    reaches_brain: bool
    her2_low: bool
    used_after: tuple[str, ...]
    section: str
    full_name: str | None = None
    given_with: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def brand_names(self) -> tuple[str, ...]:
        return tuple(b.name for b in self.brands)

    @property
    def routes(self) -> tuple[str, ...]:
        seen: list[str] = []
        for brand in self.brands:
            if brand.route not in seen:
                seen.append(brand.route)
        return tuple(seen)

    @property
    def side_effect_ids(self) -> tuple[str, ...]:
        return tuple(se.id for se in self.side_effects)


@dataclass(frozen=True)
class Kind:
    id: str
    name: str
    plural: str
    aliases: tuple[str, ...]
    explain: str
    section: str


@dataclass(frozen=True)
class Route:
    id: str
    name: str
    plural: str
    how: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Monitoring:
    id: str
    text: str
    section: str


@dataclass(frozen=True)
class SideEffect:
    id: str
    name: str
    aliases: tuple[str, ...]
    monitoring: str | None = None
    listed: bool = True


@dataclass(frozen=True)
class SideEffectWords:
    """Lay words that stand for one or more of the sheet's side-effect terms
    ("blood counts" -> low platelet counts, low white blood cell counts, anemia)."""

    words: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class UnnamedCondition:
    """A specific condition the sheet does not name (hives), and the sheet's
    broader term it falls under (rash). Never an alias: the answer says so."""

    names: tuple[str, ...]
    broader: str


@dataclass(frozen=True)
class Situation:
    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    section: str
    answer: str
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Helpline:
    organisation: str
    phone_words: str
    phone: str
    web: str
    more_info: str
    section: str


# What an intent's `answer:` points at. `kind` is one of ANSWER_KINDS.
ANSWER_KINDS = ("topic", "drug", "lookup", "compare", "chitchat")
DRUG_ATTRIBUTES = (
    "overview",
    "side_effects",
    "side_effect_check",
    "how_given",
    "used_for",
    "kind",
    "pronunciation",
    "names",
    "contains",
    "monitoring",
    "brain",
)


@dataclass(frozen=True)
class Answer:
    kind: str
    target: str = ""

    @property
    def needs_drug(self) -> bool:
        return self.kind in ("drug", "compare")

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}" if self.target else self.kind


@dataclass(frozen=True)
class Example:
    text: str
    file: str
    line: int


@dataclass(frozen=True)
class Intent:
    id: str
    answer: Answer
    examples: tuple[Example, ...]
    file: str
    line: int
    title: str = ""
    per_drug: str = ""  # the intent that answers this look-up for named drugs ("which are pills" -> "how is X given")


@dataclass(frozen=True)
class SafetyRule:
    """A screen run before intent matching: any pattern hit sends the reply."""

    id: str
    response: str
    patterns: tuple[str, ...]
    fallback: bool
    file: str
    line: int


@dataclass(frozen=True)
class Concept:
    """A word family the message-kind stage looks for (intents/concepts.yaml).

    ``terms`` use a small pattern language (see concepts.yaml's header);
    ``tags`` group concepts for the rules; ``related`` names the fact sheet's
    side-effect terms a symptom concept is linked to."""

    id: str
    terms: tuple[str, ...]
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    says: str | None = None  # for what the sheet does not cover: how the reply names it


@dataclass(frozen=True)
class KindRule:
    """One named rule of the message-kind stage (intents/kinds.yaml).

    Each list names concept ids or tags. The rule holds when every condition
    given holds: ``any`` - one of them anywhere in the message; ``with`` - each
    of them somewhere in the message; ``together`` - each of them in one
    sentence; ``reported`` - one of these symptom concepts is reported (someone
    has it, now or lately) in that sentence; ``unless`` - none of them in that
    sentence (in the message, for a rule with only ``any``/``with``);
    ``several`` - two or more separate mentions of each of them in the message;
    ``unless_reported`` - not when one of these symptom concepts is reported in
    a message that asks nothing (no question mark, no clause opened by a
    question word): a symptom told beside another medicine tells, it does not
    ask about the medicine. ``asks`` - only in a message that asks something
    (the opposite test). ``unless_said`` - none of them anywhere in the message, for a
    cue that speaks for the whole message ("... all of it at once. Not on purpose").
    ``opens`` - one of them is the first word of a clause, after any lead-in words
    ("ok so skip the dose?"): in a note or a fragment the "should I" is left out.
    A ``weak`` rule's kind may still be raised by the nearest example messages
    (a body part said to be changed may be part of an emergency or a crisis)."""

    id: str
    kind: str
    why: str
    any: tuple[str, ...] = ()
    with_: tuple[str, ...] = ()
    together: tuple[str, ...] = ()
    reported: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    several: tuple[str, ...] = ()
    unless_reported: tuple[str, ...] = ()
    unless_said: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()
    weak: bool = False
    asks: bool = False
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Source:
    """Where one content entry was written, and every text in it with its line.

    Checks use it to name FILE:LINE for things the model keeps without a
    line of their own (an alias, a suggestion, a template).
    """

    file: str
    line: int
    texts: tuple[tuple[str, int], ...] = ()

    def line_of(self, text: str) -> int:
        """The line of `text` in this entry (stripped, exact), else the entry's own line."""
        wanted = text.strip()
        return next((line for value, line in self.texts if value.strip() == wanted), self.line)


@dataclass(frozen=True)
class LearnedModel:
    """A linear model's weights, as `her2bot train` wrote them (intents/<kind>_model.json):
    the message kind it reads; for each block of features (words, word pieces), each
    feature's rarity (idf) and weight; the intercept; the probability at or above which
    it speaks, over a message the rules read as no risky kind and over one they read as
    another risky kind; and a digest of the messages it learned from."""

    kind: str
    blocks: tuple[tuple[str, Mapping[str, tuple[float, float]]], ...]
    intercept: float
    threshold: float
    threshold_over_risky: float
    trained_on: str


@dataclass(frozen=True)
class Content:
    """Everything the bot knows, loaded and checked once."""

    root: str
    drugs: tuple[Drug, ...]
    kinds: Mapping[str, Kind]
    routes: Mapping[str, Route]
    monitoring: Mapping[str, Monitoring]
    side_effects: Mapping[str, SideEffect]
    situations: Mapping[str, Situation]
    topics: Mapping[str, Topic]
    helpline: Helpline
    disclaimer: str
    responses: Mapping[str, str]
    chitchat: Mapping[str, str]
    fallback_suggestions: tuple[str, ...]
    templates: Mapping[str, str]
    lookups: Mapping[str, str]
    intents: tuple[Intent, ...]
    safety: tuple[SafetyRule, ...]
    negation_patterns: tuple[str, ...]
    domain_words: frozenset[str]
    side_effect_words: tuple[SideEffectWords, ...] = ()
    unnamed_conditions: tuple[UnnamedCondition, ...] = ()
    concepts: tuple[Concept, ...] = ()
    kind_rules: tuple[KindRule, ...] = ()
    kind_examples: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # kind -> the learned back-up for that kind (bot/understand/learned_kind.py)
    learned_kinds: Mapping[str, LearnedModel] = field(default_factory=lambda: MappingProxyType({}))
    drug_by_id: Mapping[str, Drug] = field(default_factory=lambda: MappingProxyType({}))
    intent_by_id: Mapping[str, Intent] = field(default_factory=lambda: MappingProxyType({}))
    # "section/id" for an entry with an id ("drugs/tucatinib"), "section" for
    # the others ("fallback_suggestions"): where each was written.
    sources: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))

"""Stage 5: the dialogue policy. Decides what to do with a ranked message.

Two explicit fallback rules, as in Rasa's FallbackClassifier:
  * threshold: the best intent must score at least ``threshold`` (0-100);
  * margin: the runner-up intent must trail by at least ``margin``, or the bot
    asks "Did you mean ...?" with both as choices.
Then slots are filled: a drug question without a drug uses the drug of the
conversation (for "how is it given") or asks which drug; an elliptical
follow-up ("and Enhertu?", "what about nausea") reuses the last question with
the new drug or side effect. Every decision carries a human-readable reason,
shown by ``--debug``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping

from bot.understand.entities import Found
from bot.understand.frame import Frame
from bot.content.model import Content, Intent
from bot.understand.ranking import FILLER, Candidate
from bot.reply import State

THRESHOLD = 38.0
HER2_STATUS_TOPICS = {"low": "her2_low", "positive": "her2_positive"}  # a status and the topic that explains it
MARGIN = 2.0

# Words that may surround an elliptical follow-up: "and for tukysa then?"
FOLLOW_UP_WORDS = FILLER | frozenset("what how about for and then also same question too instead else".split())
# At least one of these marks a bare name as a follow-up ("and Enhertu?"),
# unless the bot has just asked which drug was meant.
FOLLOW_UP_CUES = frozenset("and also too instead then same".split())
# "does tukysa?", "is kadcyla one of them?", "does enhertu list it?": a
# question cut down to its verb and a name
AUXILIARIES = frozenset("does do did is are can could will would".split())
SAME_QUESTION = frozenset("one of them the those these either it that this list lists cause causes have has".split())


def has_follow_up_cue(words: list[str]) -> bool:
    """'and Enhertu?', 'what about tukysa', 'how about T-DXd', 'Kadcyla too?',
    'does tukysa?' — but not 'tell me about tukysa', a new question."""
    if any(w in FOLLOW_UP_CUES for w in words):
        return True
    if len(words) >= 2 and words[0] in AUXILIARIES and words[1].startswith("@") \
            and all(w.startswith("@") or w in SAME_QUESTION for w in words[2:]):
        return True
    return any(a in ("what", "how") and b == "about" for a, b in zip(words, words[1:]))
# Share of unknown words at which a message is treated as out of scope, and
# the score penalty for each share of unknown words below that.
UNKNOWN_SHARE_LIMIT = 0.5
UNKNOWN_PENALTY = 40.0
# An unknown word this long (not English, not a near-miss of a word the bot
# knows) is taken for a name outside the sheet: "tamoxifen", "kisqali".
FOREIGN_TERM_MIN = 4
# Words that ask across all drugs, and how far below the best a look-up
# intent may score and still be preferred to a drug intent with no drug.
ACROSS_CUES = frozenset("which any all list drugs medicines medications meds therapies treatments ones options".split())
LOOKUP_WINDOW = 15.0
# Extra score needed when a message has no entity and no domain word.
OFF_DOMAIN_EXTRA = 14.0
# Words that ask for treatments (not only across drugs, as ACROSS_CUES): they
# settle a near tie between a look-up and its topic in favour of the look-up.
THERAPY_WORDS = frozenset("treatment treatments drug drugs medicine medicines medication medications meds options therapy therapies".split())
CHEMO = "chemo"  # "chemo", "chemotherapy"
# Words that point back at the drug already being discussed.
PRONOUNS = frozenset("it its it s this that they them these those same drug medicine med medication".split())


@dataclass(frozen=True)
class Decision:
    action: str  # answer | clarify | fallback | ask_drug
    intent: str | None
    confidence: float
    reason: str
    slots: dict[str, str] = field(default_factory=dict)
    options: tuple[str, ...] = ()  # intent ids, for clarify
    drugs: tuple[str, ...] = ()  # every drug the answer is about (the frame's, or from context)
    side_effects: tuple[str, ...] = ()  # every side effect it is about


class Policy:
    def __init__(
        self,
        content: Content,
        threshold: float = THRESHOLD,
        margin: float = MARGIN,
    ) -> None:
        self.intents: Mapping[str, Intent] = content.intent_by_id
        self.domain_words = content.domain_words
        # the intent that answers "does <drug> cause <side effect>", if any
        self.side_effect_check = next(
            (i.id for i in content.intents if (i.answer.kind, i.answer.target) == ("drug", "side_effect_check")), None
        )
        self.contains_intent = next(
            (i.id for i in content.intents if (i.answer.kind, i.answer.target) == ("drug", "contains")), None
        )
        self.kind_intent = next(
            (i.id for i in content.intents if (i.answer.kind, i.answer.target) == ("drug", "kind")), None
        )
        self.threshold = threshold
        self.margin = margin
        self.drugs = content.drugs

    # ----------------------------------------------------------- helpers
    def uses_slots(self, intent_id: str | None) -> bool:
        intent = self.intents.get(intent_id or "")
        if intent is None:
            return False
        a = intent.answer
        return a.kind in ("drug", "compare") or (a.kind == "lookup" and a.target == "side_effect")

    def effective(self, intent_id: str, found: Found) -> str:
        """The answer an intent would give for these entities (for tie-breaks)."""
        answer = self.intents[intent_id].answer
        if intent_id and answer.kind == "drug" and answer.target == "side_effect_check" and not found.values("side_effect"):
            return "drug:side_effects"
        return str(answer)

    @staticmethod
    def unknown_words(found: Found) -> list[str]:
        """Words the spelling stage could not place (see bot/understand/spelling.py)."""
        return [w for w in found.unknown if w not in FILLER and not w.isdigit()]

    def on_topic(self, found: Found) -> bool:
        """Does the message use any word of the bot's subject (intents/scope.yaml)?"""
        for w in found.corrected_tokens or found.tokens:
            if w in self.domain_words or (len(w) > 3 and w.endswith("s") and w[:-1] in self.domain_words):
                return True
        return False

    def is_follow_up(self, found: Found, state: State) -> bool:
        words = found.masked.split()
        # "is enhertu one of them" re-asks; "does kadcyla cause nausea" asks something new
        cut = FOLLOW_UP_WORDS if "@side_effect" in words else FOLLOW_UP_WORDS | SAME_QUESTION
        rest = [w for w in words if w not in cut]
        if not rest or not all(w in ("@drug", "@side_effect") for w in rest):
            return False
        if state.awaiting is not None or has_follow_up_cue(words):
            return True
        # a bare name after a question about one thing asks it again ("kadcyla?"
        # after "does enhertu cause fatigue"); after an overview it is a new question
        last = self.intents.get(state.intent) if state.intent else None
        return len(words) == len(rest) == 1 and last is not None and last.answer.target != "overview"

    def unknown_share(self, found: Found) -> tuple[float, list[str]]:
        unknown = self.unknown_words(found)
        content = [w for w in found.masked.split() if w not in FILLER]
        return (len(unknown) / len(content) if content else 0.0), unknown

    # ------------------------------------------------------------ decide
    def decide(self, found: Found, ranked: list[Candidate], state: State, frame: Frame | None = None) -> Decision:
        frame = frame or Frame(drugs=tuple(found.values("drug")), side_effects=tuple(found.values("side_effect")))
        decision = self._decide(found, ranked, state, frame)
        return self.resolve(decision, frame, state, found)

    def topic_intent(self, topic: str) -> str | None:
        return next((i.id for i in self.intents.values() if (i.answer.kind, i.answer.target) == ("topic", topic)), None)

    @staticmethod
    def many(found: Found) -> bool:
        return any(w in ("they", "them", "those", "these", "their", "both", "each", "either") for w in found.tokens)

    def group_drugs(self, found: Found) -> list[str]:
        """The drugs a route or kind names ("the pills", "the antibodies")."""
        routes, kinds = found.values("route"), found.values("kind")
        if not (routes or kinds):
            return []
        return [d.id for d in self.drugs if set(d.routes) & set(routes) or d.kind in kinds]

    def resolve(self, decision: Decision, frame: Frame, state: State, found: Found) -> Decision:
        """Every drug and side effect the answer is about: all the message names,
        or, when it points back, those of the conversation ("they" -> the drugs
        the last answer listed)."""
        if decision.action != "answer" or decision.intent is None:
            return decision
        slots = decision.slots
        drugs = list(frame.drugs)
        reason = decision.reason
        answer = self.intents[decision.intent].answer
        if answer.needs_drug and not drugs and frame.refers == "many" and state.listed:
            drugs = state.listed.split(",")  # "what are their brand names", "do both contain trastuzumab"
            reason += "; the drugs of the last answer ('they')"
        if answer.kind == "compare" or answer.target == "names":  # "how is it different from kadcyla"
            drugs += [d for d in (slots.get("drug"), slots.get("drug_2")) if d and d not in drugs]
        if answer.needs_drug and not drugs and frame.refers != "one" and self.group_drugs(found):
            drugs = self.group_drugs(found)
        if not drugs:
            drugs = [d for d in (slots.get("drug"), slots.get("drug_2")) if d]
        effects = list(frame.side_effects) or (slots["side_effect"].split(",") if "side_effect" in slots else [])
        return replace(decision, drugs=tuple(dict.fromkeys(drugs)), side_effects=tuple(dict.fromkeys(effects)), reason=reason)

    def _decide(self, found: Found, ranked: list[Candidate], state: State, frame: Frame) -> Decision:
        drugs = list(frame.drugs)
        effects = list(frame.side_effects)
        statuses = [s for s in frame.her2 if s in HER2_STATUS_TOPICS]
        if len(set(statuses)) > 1 and not drugs and self.topic_intent(HER2_STATUS_TOPICS[statuses[0]]):
            # "HER2-low vs HER2-positive": both topics, not "did you mean"
            intent = self.topic_intent(HER2_STATUS_TOPICS[statuses[0]])
            return Decision("answer", intent, 1.0, f"two HER2 statuses named ({', '.join(statuses)}): each one's topic")

        contains = self.contains_intent
        about_a_drug = bool(drugs) or (frame.refers == "one" and bool(state.drug)) or \
            (frame.refers == "many" and bool(state.listed))
        if (frame.ingredient or frame.asks_contents) and about_a_drug and contains and frame.form != "which":
            # "is there trastuzumab in enhertu", "what's in it": what one drug holds, not an overview
            what = f"an ingredient named ({frame.ingredient})" if frame.ingredient else "what a drug holds"
            return self.fill(contains, 1.0, self.base_slots(drugs, effects, found, state), state, found,
                             f"{what}, of the drug named or in context")
        if self.side_effect_check and state.intent and self.is_follow_up(found, state) and effects \
                and not drugs and state.drug and self.intents[state.intent].answer.kind == "drug":
            # "what about the heart?" after any question about a drug
            slots = self.follow_up_slots(state, drugs, effects)
            return self.fill(self.side_effect_check, 1.0, slots, state, found,
                             f"follow-up: side effect of the drug in context ({state.drug})")
        if state.intent and (self.uses_slots(state.intent) or (drugs and self.intents[state.intent].per_drug)) \
                and self.is_follow_up(found, state):
            slots = self.follow_up_slots(state, drugs, effects)
            counterpart = self.intents[state.intent].per_drug
            if counterpart and drugs:  # "which drugs list heart problems?" then "does tukysa?"
                return self.fill(counterpart, 1.0, slots, state, found,
                                 f"follow-up: '{state.intent}' asked of the drug named, as '{counterpart}'")
            if self.intents[state.intent].answer.target not in ("side_effect_check", "side_effect"):
                slots.pop("side_effect", None)  # only questions about a side effect carry one over
            return self.fill(state.intent, 1.0, slots, state, found,
                             f"follow-up: reused last intent '{state.intent}' with the new {' and '.join(k for k in ('drug', 'side_effect') if (drugs if k == 'drug' else effects))}")

        if not ranked:
            return Decision("fallback", None, 0.0, "no intent scored above zero")
        share, unknown = self.unknown_share(found)
        foreign = [w for w in unknown if len(w) >= FOREIGN_TERM_MIN or not w.isascii()]
        if foreign and not drugs:
            return Decision("fallback", ranked[0].intent, 0.0,
                            f"out of scope: names something outside the fact sheet ({', '.join(foreign[:5])})")
        if share >= UNKNOWN_SHARE_LIMIT:
            return Decision("fallback", ranked[0].intent, 0.0,
                            f"out of scope: {share:.0%} of the words are unknown to me ({', '.join(unknown[:5])})")
        penalty = UNKNOWN_PENALTY * share
        if penalty:
            ranked = [Candidate(c.intent, round(c.score - penalty, 2), c.example) for c in ranked]
        top = ranked[0]
        confidence = round(max(top.score, 0) / 100, 3)
        unknown_note = f" (after -{penalty:.1f} for unknown words: {', '.join(unknown[:5])})" if penalty else ""
        threshold = self.threshold
        if not found.entities and not self.on_topic(found):
            threshold += OFF_DOMAIN_EXTRA
            unknown_note += " (no entity or domain word: higher threshold)"
        if top.score < threshold:
            return Decision("fallback", top.intent, confidence,
                            f"threshold: best intent '{top.intent}' scored {top.score:.1f}{unknown_note} < {threshold:.0f}")
        top = self.prefer_lookup(top, ranked, drugs, found, state)
        asked_of_drugs = self.per_drug(top, drugs, frame, state)
        converted, top = asked_of_drugs is not top, asked_of_drugs
        # a look-up turned into its per-drug answer is a decision of its own: no tie to break
        runner = None if converted else next((c for c in ranked if c.intent != top.intent and
                                              self.effective(c.intent, found) != self.effective(top.intent, found)), None)
        if runner is not None and top.score - runner.score < self.margin:
            settled = self.settle_tie(top, runner, drugs, found, state)
            if settled is not None:
                top, runner = settled, None
        if runner is not None and top.score - runner.score < self.margin:
            return Decision("clarify", top.intent, confidence,
                            f"margin: '{top.intent}' {top.score:.1f} vs '{runner.intent}' {runner.score:.1f}, gap < {self.margin:.0f}",
                            self.base_slots(drugs, effects, found, state), (top.intent, runner.intent))
        slots = self.base_slots(drugs, effects, found, state)
        if top.intent == self.contains_intent and self.kind_intent and frame.ingredient is None \
                and any(t.startswith(CHEMO) for t in found.tokens):
            # "does kadcyla contain chemo": the sheet's answer is what kind of drug it is, not its antibody
            return self.fill(self.kind_intent, confidence, slots, state, found,
                             f"chemotherapy asked of a drug's contents: what kind of drug it is ('{self.kind_intent}')")
        return self.fill(top.intent, confidence, slots, state, found,
                         f"threshold and margin passed: '{top.intent}' {top.score:.1f}{unknown_note}"
                         + (f", runner-up '{runner.intent}' {runner.score:.1f}" if runner else ""))

    def prefer_lookup(self, top: Candidate, ranked: list[Candidate], drugs: list[str], found: Found, state: State) -> Candidate:
        """'which drugs are shots' is a look-up across drugs, not 'how is <drug>
        given' with the drug missing: when the best intent needs a drug that the
        message neither names nor points back to, and the message asks across
        drugs ('which', 'any', 'drugs'), take the best intent that needs none
        if it is close enough."""
        if drugs or not self.intents[top.intent].answer.needs_drug:
            return top
        if self.refers_back(found, state) or not any(w in ACROSS_CUES for w in found.tokens):
            return top
        for c in ranked[1:]:
            if top.score - c.score > LOOKUP_WINDOW:
                break
            if not self.intents[c.intent].answer.needs_drug:
                return c
        return top

    def per_drug(self, top: Candidate, drugs: list[str], frame: Frame, state: State) -> Candidate:
        """A look-up across drugs asked about drugs the message names, or about
        "that one" or "they" in context, is answered drug by drug (intents' `per_drug`);
        "which ones contain herceptin" still asks for the list."""
        counterpart = self.intents[top.intent].per_drug
        pointed = (frame.refers == "one" and state.drug) or (frame.refers == "many" and state.listed)
        if counterpart and frame.form != "which" and (drugs or pointed):
            return Candidate(counterpart, top.score, top.example)
        return top

    @staticmethod
    def refers_back(found: Found, state: State) -> bool:
        """'it', 'its', ... or, with a drug in context, a follow-up cue ('and ...?')."""
        if any(w in PRONOUNS for w in found.tokens):
            return True
        return bool(state.drug) and has_follow_up_cue(list(found.tokens[:2]))

    def settle_tie(self, top: Candidate, runner: Candidate, drugs: list[str], found: Found, state: State) -> Candidate | None:
        """A near-tie between a one-drug intent and an intent that needs no
        drug is not ambiguous: a named drug, 'it', or 'and ...?' with a drug in
        context means the one-drug intent; otherwise the other one. Nor is one
        between a look-up and a topic: asking for treatments or drugs means the
        look-up, otherwise the topic."""
        kinds = [self.intents[c.intent].answer.kind for c in (top, runner)]
        if sorted(kinds) == ["lookup", "topic"]:
            # "is there any treatment for her2-low" lists the drugs; "what is her2-low" explains it
            lookup, topic = (top, runner) if kinds[0] == "lookup" else (runner, top)
            return lookup if THERAPY_WORDS & set(found.tokens) else topic
        a, b = (self.intents[c.intent].answer.needs_drug for c in (top, runner))
        if a == b:
            return None
        drug_side, other_side = (top, runner) if a else (runner, top)
        return drug_side if (drugs or self.refers_back(found, state)) else other_side

    def base_slots(self, drugs: list[str], effects: list[str], found: Found, state: State) -> dict[str, str]:
        slots: dict[str, str] = {}
        if drugs:
            slots["drug"] = drugs[0]
        if len(drugs) > 1:
            slots["drug_2"] = drugs[1]
        elif drugs and len({e.text for e in found.entities if e.type == "drug"}) > 1:
            slots["drug_2"] = drugs[0]  # two names of one drug ("herceptin hylecta" and "herceptin")
        if effects:
            slots["side_effect"] = effects[0]
        for type_ in ("route", "kind", "situation", "her2_status"):
            value = found.first(type_)
            if value:
                slots[type_] = value
        return slots

    def follow_up_slots(self, state: State, drugs: list[str], effects: list[str]) -> dict[str, str]:
        slots: dict[str, str] = {}
        drug = drugs[0] if drugs else state.drug
        if drug:
            slots["drug"] = drug
        if len(drugs) > 1:
            slots["drug_2"] = drugs[1]
        effect = effects[0] if effects else state.side_effect
        if effect:
            slots["side_effect"] = effect
        return slots

    def fill(self, intent_id: str, confidence: float, slots: dict[str, str], state: State, found: Found, reason: str) -> Decision:
        answer = self.intents[intent_id].answer
        if answer.kind == "lookup" and answer.target == "side_effect" and "side_effect" not in slots and state.side_effect:
            slots["side_effect"] = state.side_effect
            reason += "; side effect from context"
        if answer.kind == "drug" and answer.target == "side_effect_check" and "side_effect" not in slots and state.side_effect and state.intent == intent_id:
            slots["side_effect"] = state.side_effect
        if answer.needs_drug and "drug" not in slots:
            unknown = self.unknown_words(found)
            refers_back = any(w in PRONOUNS for w in found.tokens)
            if unknown and not refers_back:
                return Decision("fallback", intent_id, confidence,
                                f"'{intent_id}' needs a drug; the message names none I know (unknown words: {', '.join(unknown[:5])})")
            group = [] if refers_back and state.drug and not self.many(found) else \
                self.group_drugs(found) or (state.listed.split(",") if (refers_back or self.many(found)) and state.listed else [])
            if group:
                slots["drug"] = group[0]
                if answer.kind == "compare" and len(group) > 1:
                    slots["drug_2"] = group[1]  # "what's the difference between those two"
                reason += "; the drugs of a group or of the last answer"
            elif not state.drug:
                return Decision("ask_drug", intent_id, confidence, reason + "; needs a drug and none is known yet", slots)
            else:
                slots["drug"] = state.drug
                reason += "; drug from context"
        if answer.kind == "drug" and answer.target == "names" and "drug_2" not in slots \
                and state.drug and state.drug != slots["drug"] and any(w in PRONOUNS for w in found.tokens):
            # "is it the same as enhertu?" with Kadcyla in context
            slots["drug_2"], slots["drug"] = slots["drug"], state.drug
            reason += "; first drug from context"
        if answer.kind == "compare":
            if "drug_2" not in slots:
                if not state.drug or state.drug == slots["drug"]:
                    return Decision("ask_drug", intent_id, confidence, reason + "; compare needs two drugs", slots)
                slots["drug_2"] = state.drug
                reason += "; second drug from context"
        return Decision("answer", intent_id, confidence, reason, slots)

"""The safety policy: what to do with a crisis, an emergency, a decision or a
symptom report, before (and instead of) any intent.

Decided by the message kind alone (bot/understand/kind.py); grounded as
every answer is: the only outside facts are 911 and 988.

- crisis: 988 (call or text) and 911, warmly, first;
- emergency: call 911 or the local emergency number now, then the care team;
- decision: no advice and no yes/no: a question for their doctor, nurse or
  pharmacist, and the Komen helpline; when the question is also plainly one
  of the sheet's topics ("can I join a clinical trial?"), what the sheet says
  follows; when a sign is told too, the symptom report's care-team part comes
  first;
- symptom report: tell the care team today, 911 if severe or sudden; THEN,
  when the sheet lists a side effect linked to that symptom for their drug,
  that fact, and that only the care team can say what causes it. Never the
  fact alone, and never "not listed" as reassurance.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.content.model import Content
from bot.reply import State
from bot.understand.entities import Found
from bot.understand.kind import MessageKind
from bot.decide.policy import Decision

MAX_DRUGS = 2  # a report names one drug, sometimes two; more is a list, not a report
FOLLOW_SCORE = 0.6  # how sure the intent ranking must be for its answer to follow a decision reply
# Answers that may follow a decision reply: facts, never a yes/no about a side effect
FOLLOWING = {"topic": None, "lookup": None, "drug": ("how_given", "used_for", "kind", "overview", "names", "pronunciation")}


@dataclass(frozen=True)
class SafetyDecision:
    kind: str
    reason: str
    listed: tuple[tuple[str, str], ...] = ()  # (drug id, side-effect id) the sheet lists, for a symptom report
    slots: tuple[tuple[str, str], ...] = ()

    @property
    def intent(self) -> str:
        return f"safety.{self.kind}"


class SafetyPolicy:
    def __init__(self, content: Content) -> None:
        self.content = content

    def may_follow(self, info: Decision) -> bool:
        """May this answer follow a decision reply ("can I take Nerlynx at home?" -> how it is given)?"""
        if info.action != "answer" or info.confidence < FOLLOW_SCORE or info.intent is None:
            return False
        answer = self.content.intent_by_id[info.intent].answer
        if answer.kind not in FOLLOWING:
            return False
        targets = FOLLOWING[answer.kind]
        return targets is None or answer.target in targets

    @staticmethod
    def followed(decision: SafetyDecision, info: Decision) -> SafetyDecision:
        return replace(decision, reason=f"{decision.reason}; then what the sheet says: '{info.intent}' ({info.reason})")

    @staticmethod
    def reported_too(decision: SafetyDecision) -> SafetyDecision:
        return replace(decision, reason=f"{decision.reason}; a sign is told too: the care-team part comes first")

    def decide(self, kind: MessageKind, found: Found, state: State, related: tuple[str, ...] = ()) -> SafetyDecision:
        """The safety reply for this kind; ``related``: the sheet's side effects linked to the
        symptoms a report names (KindReader.related), cited when the sheet lists one for their drug."""
        slots = tuple((e.type, e.value) for e in found.entities if e.type in ("drug", "side_effect"))
        if kind.kind != "symptom_report":
            return SafetyDecision(kind.kind, kind.reason, (), slots)
        drugs = found.values("drug") or ([state.drug] if state.drug else [])
        effects = list(related) + [e for e in found.values("side_effect") if e not in related]
        listed = tuple(
            (drug_id, effect)
            for drug_id in drugs[:MAX_DRUGS]
            for effect in effects
            if effect in self.content.drug_by_id[drug_id].side_effect_ids
        )
        reason = kind.reason
        if listed:
            reason += "; the sheet lists " + ", ".join(f"{e} for {d}" for d, e in listed)
        elif drugs:
            reason += "; no linked side effect is listed for " + ", ".join(drugs[:MAX_DRUGS])
        return SafetyDecision(kind.kind, reason, listed, slots)

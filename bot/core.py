"""The Bot: one pipeline that every front end calls.

    text -> normalise -> find entities -> fix spelling -> message kind
         -> (crisis, emergency, decision, symptom report: safety policy)
         -> scope screen -> rank intents -> dialogue policy -> render answer -> Reply

``Bot.load()`` reads and checks the content once and precomputes every index.
``Bot.respond(text, state)`` is a pure function of (text, state, content) and
returns the Reply and the new state; a :class:`Conversation` wraps it for one
user, and can save/restore its state as plain JSON. A Bot is immutable after
load, so one instance serves many conversations on many threads.
"""

from __future__ import annotations

import os
from dataclasses import replace
import re
import threading
from types import MappingProxyType
from typing import Any

from bot.content import load_content, snapshot
from bot.content.loader import resolve_root
from bot.understand.entities import EntityIndex, Found
from bot.content.model import Content, Drug
from bot.understand.normalise import MAX_CHARS, normalise, truncate
from bot.decide.policy import HER2_STATUS_TOPICS, Decision, Policy
from bot.understand.entities import COMMON_WORDS
from bot.understand.ranking import FILLER, IntentIndex, content_words
from bot.answer.casing import Casing
from bot.answer.citations import Citer
from bot.answer.render import Renderer, Rendered, capitalise
from bot.understand.concepts import ConceptIndex, Reading
from bot.understand.frame import Frame, FrameReader
from bot.understand.kind import (
    ALARMS, NEAREST_CRISIS_NEEDS, KindReader, MessageKind, from_nearest,
)
from bot.understand.language import UNREADABLE, mostly_unreadable
from bot.understand.learned_kind import LearnedKinds
from bot.understand.neighbours import Neighbours
from bot.reply import Debug, Reply, State, reply_id
from bot.decide.safety import SafetyPolicy
from bot.decide.scope import ScopeScreen
from bot.understand.spelling import Speller, apply_spelling
from bot.understand.vocabulary import english_words, rarer_words

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
CLEAR_QUESTION = 75.0  # an intent this sure: the message is a question, no back-up reading needed
# A message this short that names no drug ("side effects?", "liver too?") may
# be about the drug in context: ranked again with it, that reading wins when a
# question about one drug comes out this much ahead.
CONTEXT_WORDS = 3
LAST_SENTENCE_GAIN = 10.0
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
CONTEXT_GAIN = 5.0
PLAIN_FORMS = ("define", "which", "compare")  # "what is hospice care": asks for information, never a back-up reading
OUT_OF_SCOPE = "safety.out_of_scope_fact"  # the intent of "the fact sheet does not cover costs" and the like
FEELINGS = "feelings"  # the small-talk intent whose reply meets a hard feeling
TOLD = "the message tells and asks nothing"
ACKNOWLEDGE = "acknowledge"  # the reply to a turn of only "ok", "got it", "never mind"
_WORD = re.compile(r"[^\W_]+")


def _vocabulary(content: Content) -> frozenset[str]:
    """Every word the bot has seen in its own content: not 'unknown' to it."""
    texts: list[str] = [e.text for i in content.intents for e in i.examples]
    texts += [t.answer for t in content.topics.values()]
    texts += list(content.templates.values()) + list(content.lookups.values())
    words: set[str] = set()
    for text in texts:  # a plain split is enough here: this only lists words
        words.update(_WORD.findall(_PLACEHOLDER.sub(" ", text).casefold().replace("'", "")))
    return frozenset(words)


class Bot:
    """Loaded content plus precomputed indexes. Create with :meth:`load`."""

    def __init__(self, content: Content) -> None:
        self.learned = LearnedKinds(content.learned_kinds.values())  # crisis first
        # the models' weights now live in self.learned, in the form a message is read with:
        # the raw tables (half of a snapshot's size and load time) are not kept twice
        content = replace(content, learned_kinds=MappingProxyType(
            {kind: replace(model, blocks=()) for kind, model in content.learned_kinds.items()}))
        self.content = content
        vocabulary = _vocabulary(content)
        english = english_words()
        rarer = rarer_words()
        self.entities = EntityIndex(content, ordinary_words=vocabulary | english, rarer_words=rarer)
        self.intents = IntentIndex(content.intents, self.entities, english)
        self._neighbours: Neighbours | None = None
        self._neighbours_lock = threading.Lock()
        self.concepts = ConceptIndex(content.concepts, {e.id: e.name for e in content.side_effects.values()})
        self.kinds = KindReader(content, self.concepts)
        # the small-talk phrasings of the intents, word for word ("goodbye", "im done"): the
        # learned back-ups are for words no list holds, and these are on one
        self.small_talk = frozenset(normalise(e.text) for i in content.intents if i.answer.kind == "chitchat"
                                    for e in i.examples)
        outside = {c.id: c.says or "" for c in content.concepts if {"outside", "outside_name"} & set(c.tags)}
        self.frames = FrameReader(content, outside)
        self.speller = Speller(
            vocabulary | self.entities.known_words | content.domain_words | COMMON_WORDS | self.concepts.words,
            english,
            keep=FILLER,
            prefixes=self.concepts.prefixes,
            known=self.concepts.vocabulary,
            rarer=rarer,
        )
        self.safety = SafetyPolicy(content)
        self.scope = ScopeScreen(content)
        self.policy = Policy(content)
        self.render = Renderer(content)
        self.citations = Citer(content)
        self.casing = Casing(content)
        self.disclaimer = content.disclaimer
        # the drugs each topic's answer names ("HER2-low ... Enhertu"): what "it" means after it
        self.topic_drugs = {t.id: tuple(dict.fromkeys(e.value for e in self.entities.find(normalise(t.answer)).entities
                                                      if e.type == "drug"))
                            for t in content.topics.values()}

    @property
    def neighbours(self) -> Neighbours:
        """The nearest-example index (thousands of example messages, masked),
        built once, on first need: most messages never need it (a clear
        question, a kind a rule found), and a one-shot `her2bot ask` should
        not pay for it. Long-running front ends call :meth:`warm_up`."""
        if self._neighbours is None:
            with self._neighbours_lock:
                if self._neighbours is None:
                    c = self.content
                    questions = [e.text for i in c.intents if i.answer.kind != "chitchat" for e in i.examples]
                    self._neighbours = Neighbours(dict(c.kind_examples), questions, self.entities)
        return self._neighbours

    def warm_up(self) -> "Bot":
        """Build every index now (servers and the REPL, before the first user)."""
        _ = self.neighbours
        return self

    @classmethod
    def load(cls, content_dir: str | os.PathLike[str] | None = None) -> "Bot":
        """Load content from a folder (default: see content.default_root), or
        its snapshot when neither the content nor the code has changed since
        (bot/content/snapshot.py)."""
        root = resolve_root(content_dir)
        return snapshot.load_or_build(root, lambda: cls(load_content(root)), Bot.warm_up)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["_neighbours_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._neighbours_lock = threading.Lock()

    def conversation(self, state: State | dict[str, Any] | None = None) -> "Conversation":
        return Conversation(self, state)

    def summary(self) -> dict[str, int]:
        c = self.content
        return {
            "intents": len(c.intents),
            "examples": sum(len(i.examples) for i in c.intents),
            "drugs": len(c.drugs),
            "topics": len(c.topics),
            "side_effects": len(c.side_effects),
            "safety_rules": len(c.safety),
        }

    # ------------------------------------------------------------ pipeline
    def respond(self, text: str, state: State | dict[str, Any] | None = None, *, debug: bool = False) -> tuple[Reply, State]:
        """Answer one message. Never raises for any text; returns (reply, new state)."""
        if not isinstance(state, State):
            state = State.from_dict(state)
        state = self._known_only(state)
        if not isinstance(text, str):
            raise TypeError("message must be text (str)")
        text, was_cut = truncate(text, MAX_CHARS)
        norm = normalise(text)
        found = apply_spelling(self.entities.find(norm), self.speller)
        reading = self.concepts.read(text, found)
        kind = self.kinds.read(reading)
        reply, new_state = self._decide_and_render(text, norm, found, kind, reading, state, debug)
        if was_cut:
            note = self.content.responses["long_message_note"].format(limit=MAX_CHARS)
            reply = _with_text(reply, f"{note}\n\n{reply.text}")
        turn = state.turns + 1
        return replace(reply, reply_id=reply_id(turn, reply)), new_state.updated(turns=turn)

    def _confirmed(self, backup: MessageKind, norm: str, reading: Reading) -> bool:
        """May the nearest examples' reading stand? A crisis no rule read needs the learned
        crisis model to agree a little (NEAREST_CRISIS_NEEDS): two back-ups that learned from
        the same corpus in different ways, both, before a 988 reply. The nearest example alone
        met "Happy Friday! Last infusion of the cycle done." with "after my last infusion
        friday i'm going to end things on my own terms". Without that model it stands."""
        if backup.kind != "crisis" or "crisis" not in self.learned.kinds:
            return True
        return self.learned.probabilities(norm)["crisis"] >= NEAREST_CRISIS_NEEDS

    def _learned_kind(self, norm: str, kind: MessageKind, reading: Reading) -> MessageKind:
        """The last back-up: a learned model may raise the message to its kind
        (KindReader.learned_kind in bot/understand/kind.py says when)."""
        return self.kinds.learned_kind(self.learned, self.small_talk, norm, kind, reading)

    def _known_only(self, state: State) -> State:
        """Forget state values the current content does not know (e.g. state
        saved before an editor renamed an intent), instead of failing."""
        c = self.content
        changes = {
            "intent": state.intent if state.intent in self.content.intent_by_id else None,
            "drug": state.drug if state.drug in c.drug_by_id else None,
            "drug_2": state.drug_2 if state.drug_2 in c.drug_by_id else None,
            "side_effect": ",".join(e for e in (state.side_effect or "").split(",") if e in c.side_effects) or None,
            "route": state.route if state.route in c.routes else None,
            "awaiting": state.awaiting if state.awaiting == "drug" else None,
            "listed": ",".join(d for d in (state.listed or "").split(",") if d in c.drug_by_id) or None,
        }
        return state if all(getattr(state, k) == v for k, v in changes.items()) else state.updated(**changes)

    def _decide_and_render(
        self, text: str, norm: str, found: Found, kind: MessageKind, reading: Reading, state: State, debug: bool
    ) -> tuple[Reply, State]:
        frame = self.frames.read(found, reading)

        def dbg(decision: str, reason: str, ranking: list[Any] = ()) -> Debug | None:
            if not debug:
                return None
            return Debug(
                normalised=norm,
                masked=found.masked,
                kind=kind.kind,
                kind_reason=kind.reason,
                frame=frame.describe(),
                entities=tuple({"type": e.type, "value": e.value, "text": e.text, "fuzzy": e.fuzzy} for e in found.entities),
                ranking=tuple({"intent": c.intent, "score": c.score, "example": c.example} for c in ranking[:5]),
                decision=decision,
                reason=reason,
                threshold=self.policy.threshold,
                margin=self.policy.margin,
            )

        if not norm:
            r = self.render.fixed("empty_message")
            return self._reply(r, "empty", 1.0, {}, False, dbg("empty", "message has no words")), state
        ranked = self._rank_in_context(found, frame, state, self.intents.rank(found.masked))
        ranked = self._rank_after_topic(found, frame, state, ranked)
        clear = bool(ranked) and ranked[0].score >= CLEAR_QUESTION
        # a subject the sheet has no facts for (alcohol, costs...) is asked about, not a decision;
        # but "a bottle of wine and all my oxy here" may still be an alarm
        outside = frame.outside_subject
        if (not kind.risky or kind.weak) and not clear and frame.form not in PLAIN_FORMS \
                and self.kinds.could_support(reading) and (not outside or self.kinds.has_crisis_words(reading)):
            # no rule (or only a weak one) found a risky kind: the nearest example messages may
            backup = from_nearest(self.neighbours.nearest(found.masked), ranked[0].score if ranked else 0.0)
            if backup is not None and (not outside or backup.kind in ALARMS) and self.kinds.supports(backup.kind, reading) \
                    and kind.raised_by(backup) and self._confirmed(backup, norm, reading):
                kind = backup
        kind = self._learned_kind(norm, kind, reading)
        if kind.risky:
            return self._safety_reply(kind, found, frame, ranked, state, dbg, reading), state
        # a question: the safety readings above weighed the whole message; the answer may rest on its last sentence
        ranked = self._rank_last_sentence(text, ranked)
        if frame.outside:  # the conversation still moves on to a drug it named ("and its side effects?")
            reason = f"out of scope: the fact sheet does not cover {', '.join(frame.outside)}"
            moved = state.updated(drug=frame.drugs[0], listed=None) if frame.drugs else state
            unreadable, told = self._unreadable_or_told(found, reading)
            if told is not None:  # "the parking costs a fortune lol" asks nothing about costs
                return self._told(told, reason, 0.0, ranked, dbg), moved
            if unreadable:  # an unknown word read as a name may be a foreign word
                return self._cant_answer(True, reason, 0.0, ranked, dbg), moved
            # a subject the sheet has no facts for (costs...) is named as such; another medicine is a plain fallback
            label = OUT_OF_SCOPE if frame.outside_subject else None
            return self._reply(self.render.outside(list(frame.outside)), label, 0.0, {}, True,
                               dbg("fallback", reason, ranked)), moved
        screened = self._screen(norm, found, dbg)
        if screened is not None:
            told = self._unreadable_or_told(found, reading)[1] if screened.fallback else None
            if told is not None:  # "rang the bell after my last radiation!" asks nothing about radiation
                return self._told(told, screened.debug.reason if screened.debug else "", 0.0, ranked, dbg), state
            return screened, state
        decision = self.policy.decide(found, ranked, state, frame)
        if decision.action == "fallback":
            unreadable, told = self._unreadable_or_told(found, reading)
            if told is not None:
                return self._told(told, decision.reason, decision.confidence, ranked, dbg), state
            return self._cant_answer(unreadable, decision.reason, decision.confidence, ranked, dbg), state
        if self._answers_nothing_asked(decision, frame, ranked):
            told = self._unreadable_or_told(found, reading)[1]
            if told is not None:  # "Feeling overwhelmed but hopeful. Just wanted to say that out loud"
                return self._told(told, f"{decision.action} '{decision.intent}' at {ranked[0].score:.1f}, no drug named",
                                  decision.confidence, ranked, dbg), state
        info = dbg(decision.action, decision.reason, ranked)
        if decision.action == "clarify":
            questions = tuple(self._question_for(i, decision.slots, state) for i in decision.options)
            r = self.render.clarify(questions)
            return self._reply(r, "clarify", decision.confidence, decision.slots, False, info), state
        if decision.action == "ask_drug":
            r = self.render.ask_drug()
            new_state = state.updated(intent=decision.intent, drug=decision.slots.get("drug"), drug_2=None, awaiting="drug")
            return self._reply(r, decision.intent, decision.confidence, decision.slots, False, info), new_state
        rendered = self._render_answer(decision, frame)
        return self._reply(rendered, decision.intent, decision.confidence, self._entities(decision), False, info), \
            self._next_state(state, decision, rendered)

    def _answers_nothing_asked(self, decision: Decision, frame: Frame, ranked: list[Any]) -> bool:
        """Would the bot answer (or ask which drug or which question) for a message that names no
        drug, on an intent that is no clear match and no small talk? If the message asks
        nothing, that answer is to a question nobody asked."""
        if frame.drugs or not ranked or ranked[0].score >= CLEAR_QUESTION:
            return False
        intent = self.content.intent_by_id.get(decision.intent or "")
        return intent is None or intent.answer.kind != "chitchat"

    def _unreadable_or_told(self, found: Found, reading: Reading) -> tuple[bool, str | None]:
        """Is the message mostly in words the bot can't read (it may hold what the bot could
        not see), and if not, what does it tell while asking nothing (KindReader.told)?"""
        if mostly_unreadable(found):
            return True, None
        return False, self.kinds.told(reading)

    def _cant_answer(self, unreadable: bool, why: str, confidence: float, ranked: list[Any], dbg) -> Reply:
        """The can't-answer reply; for a message the bot can't read, the one with 911 and 988 first."""
        reason = f"{why}; {UNREADABLE}" if unreadable else why
        return self._reply(self.render.fallback(unreadable), None, confidence, {}, True, dbg("fallback", reason, ranked))

    def _told(self, told: str, why: str, confidence: float, ranked: list[Any], dbg) -> Reply:
        """Nothing to answer in a message that tells and asks nothing: a hard feeling gets the
        feelings reply; news or a vent is thanked, with the helpline, instead of "I can't
        answer that". Anything else told keeps that reply: the bot may not have understood."""
        if told == "ack":
            reason = f"{why}; {TOLD}: only an acknowledgement"
            return self._reply(self.render.chitchat(ACKNOWLEDGE), ACKNOWLEDGE, 1.0, {}, False, dbg("social", reason, ranked))
        if told == "feeling":
            reason = f"{why}; {TOLD}, a feeling: the feelings reply"
            return self._reply(self.render.chitchat(FEELINGS), FEELINGS, 1.0, {}, False, dbg("social", reason, ranked))
        reason = f"{why}; {TOLD}: thanked"
        return self._reply(self.render.fallback(told=True), None, confidence, {}, True,
                           dbg("fallback", reason, ranked), "social")

    def _rank_last_sentence(self, text: str, ranked: list[Any]) -> list[Any]:
        """'my husband's oncologist brought up margenza. what is it for': the
        question is the last sentence; the story before it only blurs the
        ranking. The last sentence is ranked alone, and that ranking wins when
        its best intent scores LAST_SENTENCE_GAIN points more."""
        sentences = [p for p in _SENTENCE_SPLIT.split(text) if p.strip()]
        if len(sentences) < 2:
            return ranked
        last = apply_spelling(self.entities.find(normalise(sentences[-1])), self.speller)
        if len(last.masked.split()) < 2:
            return ranked
        alternative = self.intents.rank(last.masked)
        if alternative and (not ranked or alternative[0].score >= ranked[0].score + LAST_SENTENCE_GAIN):
            return alternative
        return ranked

    def _rank_in_context(self, found: Found, frame: Frame, state: State, ranked: list[Any]) -> list[Any]:
        """'side effects?' after a question about Nerlynx asks about Nerlynx:
        a short message naming no drug is ranked again with the drug in
        context, and that ranking is kept when a one-drug question leads it by
        CONTEXT_GAIN points over the best reading without it."""
        if not state.drug or frame.drugs or frame.ingredient or frame.refers == "many" or frame.form == "which":
            return ranked
        if len(content_words(found.masked).split()) > CONTEXT_WORDS:
            return ranked
        if self.policy.unknown_words(found) or not (found.entities or self.policy.on_topic(found)):
            return ranked  # "what is the capital of peru" is not about Enhertu
        alternative = self.intents.rank(f"{found.masked} @drug")
        if alternative and not self.content.intent_by_id[alternative[0].intent].answer.needs_drug:
            return ranked
        return _better_in_context(ranked, alternative)

    def _rank_after_topic(self, found: Found, frame: Frame, state: State, ranked: list[Any]) -> list[Any]:
        """'which drugs are for that' after the HER2-low answer asks about
        HER2-low: a short message that points back ("that", "it") and names
        no drug is ranked again with the last topic's title, and that ranking
        is kept when it leads by CONTEXT_GAIN points."""
        last = self.content.intent_by_id.get(state.intent or "")
        if last is None or last.answer.kind != "topic" or frame.drugs or frame.refers != "one":
            return ranked
        if len(content_words(found.masked).split()) > CONTEXT_WORDS + 2:
            return ranked
        topic = self.content.topics.get(last.answer.target)
        if topic is None:
            return ranked
        return _better_in_context(ranked, self.intents.rank(f"{found.masked} {normalise(topic.title)}"))

    def _safety_reply(self, kind: MessageKind, found: Found, frame: Frame, ranked: list[Any], state: State, dbg,
                      reading: Reading) -> Reply:
        """A crisis, emergency, decision or symptom report: the safety policy's reply."""
        # the side effects a rule's report links to: worked out here, for the one kind whose reply cites them
        related = self.kinds.related(reading) if kind.kind == "symptom_report" and kind.linked else ()
        safety = self.safety.decide(kind, found, state, related)
        r = self.render.safety(safety.kind, safety.listed)
        fallback = False
        if kind.kind == "decision":
            if frame.outside:  # "what dose of tukysa": the sheet has none of that, and it is for the care team
                r = self.render.joined(self.render.not_covered(list(frame.outside)), r)
                fallback = True
            else:  # "can I join a trial?": the care team's call, then what the sheet says
                info = self.policy.decide(found, ranked, state, frame)
                if self.safety.may_follow(info):
                    r = self.render.joined(r, self._render_answer(info, frame))
                    safety = self.safety.followed(safety, info)
            if self.kinds.reports_a_symptom(reading):
                # "skin looks yellow? took milk thistle": a decision outranks the report, but
                # the sign must still reach the care team today, and that comes first
                r = self.render.joined(self.render.safety("symptom_report"), r)
                safety = self.safety.reported_too(safety)
        return self._reply(r, safety.intent, kind.score, dict(reversed(safety.slots)), fallback,
                           dbg("safety", safety.reason, ranked), kind.kind)

    def _screen(self, norm: str, found: Found, dbg) -> Reply | None:
        """Subjects outside the sheet (other cancers...) and declined topics."""
        hit = self.scope.screen(norm)
        corrected = " ".join(found.corrected_tokens)
        if hit is None and corrected != norm:  # "how much dose it cots" is still about cost
            hit = self.scope.screen(corrected)
        if hit is not None:
            reason = f"out of scope: rule '{hit.rule.id}' matched pattern {hit.pattern!r}"
            scope_kind = "off_topic" if hit.rule.response == "fallback" else "question"
            if hit.rule.response == "fallback":
                return self._reply(self.render.fallback(), None, 0.0, {}, True, dbg("fallback", reason), scope_kind)
            slots = {e.type: e.value for e in reversed(found.entities)}
            r = self.render.safety(hit.rule.response)
            return self._reply(r, f"safety.{hit.rule.id}", 1.0, slots, hit.rule.fallback, dbg("safety", reason), scope_kind)
        if self.scope.is_negated(norm) or self.scope.is_negated(corrected):
            return self._reply(self.render.fixed("decline"), "decline", 1.0, {}, False,
                               dbg("decline", "negation pattern matched"))
        return None

    @staticmethod
    def _entities(decision: Decision) -> dict[str, str]:
        """The Reply's entities: the slots, with every drug and side effect the answer covers."""
        entities = dict(decision.slots)
        for i, drug in enumerate(decision.drugs):
            entities["drug" if i == 0 else f"drug_{i + 1}"] = drug
        for i, effect in enumerate(decision.side_effects):
            entities["side_effect" if i == 0 else f"side_effect_{i + 1}"] = effect
        return entities

    def _next_state(self, state: State, decision: Decision, rendered: Rendered) -> State:
        """What the conversation remembers: the first drug ("it"), and every drug
        the answer was about or listed ("they"). An answer that is not about
        the drugs asked of (a topic, a look-up) is remembered by the drugs IT
        names: after "what is used after trastuzumab stops working", "it" is
        Kadcyla, not trastuzumab."""
        slots = decision.slots
        named = [s.split(":", 1)[1] for s in rendered.sources if s.startswith("drug:")]
        named += [d for s in rendered.sources if s.startswith("topic:") for d in self.topic_drugs.get(s[6:], ())]
        drug = decision.drugs[0] if decision.drugs else slots.get("drug", state.drug)
        if named and not self.policy.uses_slots(decision.intent):
            listed = list(dict.fromkeys(named))
            drug = listed[0] if len(listed) == 1 else drug
        else:
            listed = list(decision.drugs) or named
        return state.updated(
            intent=decision.intent,
            drug=drug,
            drug_2=slots.get("drug_2"),
            side_effect=",".join(decision.side_effects) if decision.side_effects else slots.get("side_effect", state.side_effect),
            route=slots.get("route", state.route),
            awaiting=None,
            listed=",".join(listed) if listed else None,
        )

    def _render_answer(self, decision: Decision, frame: Frame) -> Rendered:
        answer = self.content.intent_by_id[decision.intent].answer
        drugs = [self.content.drug_by_id[d] for d in decision.drugs if d in self.content.drug_by_id]
        effects = list(decision.side_effects)
        if answer.kind == "topic":
            topics = [HER2_STATUS_TOPICS[s] for s in frame.her2 if s in HER2_STATUS_TOPICS] \
                if answer.target in HER2_STATUS_TOPICS.values() else []
            return self.render.joined_all([self.render.topic(t) for t in dict.fromkeys(topics or [answer.target])])
        if answer.kind == "chitchat":
            return self.render.chitchat(answer.target)
        if answer.kind == "lookup":
            if answer.target == "side_effect" and len(effects) > 1:
                return self.render.joined_all([self.render.lookup("side_effect", e) for e in effects])
            return self.render.lookup(answer.target, effects[0] if effects else None)
        assert drugs  # the policy only answers drug intents with a drug
        if answer.kind == "compare":
            return self.render.compare_many(drugs)
        if answer.target == "names":
            if not frame.drugs and len(drugs) > 1:  # "what are their brand names": each one's names
                return self.render.joined_all([self.render.names(d, None, ()) for d in drugs])
            other = drugs[1] if len(drugs) > 1 else drugs[0] if frame.repeated else None
            return self.render.names(drugs[0], other, frame.products)
        if answer.target == "side_effect_check" and effects:
            return self.render.side_effect_checks(drugs, effects, dict(frame.unnamed), frame.how_common)
        if answer.target == "contains":
            return self.render.contains(drugs, frame.products, frame.ingredient or "trastuzumab")
        return self.render.joined_all([self.render.drug(answer.target, d) for d in drugs])

    def _question_for(self, intent_id: str, slots: dict[str, str], state: State) -> str:
        """A question that asks for this intent, with the user's entities filled in."""
        intent = self.content.intent_by_id[intent_id]
        drug_id = slots.get("drug") or state.drug
        drug: Drug | None = self.content.drug_by_id.get(drug_id or "")
        effect = self.content.side_effects.get(slots.get("side_effect") or state.side_effect or "")
        values = {"drug": drug.brand_names[0] if drug else None, "side_effect": effect.name if effect else None}
        for example in intent.examples:
            names = _PLACEHOLDER.findall(example.text)
            if all(values.get(n) for n in names) and len(set(names)) == len(names):
                text = _PLACEHOLDER.sub(lambda m: values[m.group(1)] or "", example.text)
                return self.casing(capitalise(text.rstrip("?")) + "?")
        return intent.title or intent.id

    def _kind_of(self, intent: str | None) -> str:
        """The kind of a message the intents answered: small talk or a question."""
        answer = self.content.intent_by_id[intent].answer if intent in self.content.intent_by_id else None
        return "social" if intent in ("empty", "decline", ACKNOWLEDGE) or (answer and answer.kind == "chitchat") else "question"

    def _reply(self, r: Rendered, intent: str | None, confidence: float, entities: dict[str, str], fallback: bool,
               debug: Debug | None, kind: str | None = None) -> Reply:
        text = f"{r.text}\n\n{self.disclaimer}"
        return Reply(
            text=text,
            kind=kind or self._kind_of(intent),
            intent=intent,
            confidence=round(float(confidence), 3),
            entities=dict(entities),
            fallback=fallback,
            suggestions=tuple(r.suggestions),
            sources=tuple(r.sources),
            citations=self.citations.cite(r.sources, intent, fallback),
            disclaimer=self.disclaimer,
            calls=r.calls,
            debug=debug,
        )


def _with_text(reply: Reply, text: str) -> Reply:
    return replace(reply, text=text)


class Conversation:
    """One user's conversation: holds the state between turns. Thread-safe."""

    def __init__(self, bot: Bot, state: State | dict[str, Any] | None = None) -> None:
        self.bot = bot
        self._state = state if isinstance(state, State) else State.from_dict(state)
        self._lock = threading.Lock()

    def ask(self, text: str, *, debug: bool = False) -> Reply:
        with self._lock:
            reply, self._state = self.bot.respond(text, self._state, debug=debug)
            return reply

    @property
    def state(self) -> dict[str, Any]:
        """The conversation state as plain JSON-ready data (save it anywhere)."""
        return self._state.to_dict()

    def reset(self) -> None:
        with self._lock:
            self._state = State()


def _better_in_context(ranked: list[Any], alternative: list[Any]) -> list[Any]:
    """The ranking read with the conversation's context, when it leads the
    plain one by CONTEXT_GAIN points; otherwise the plain one."""
    if not alternative or (ranked and alternative[0].score < ranked[0].score + CONTEXT_GAIN):
        return ranked
    return alternative

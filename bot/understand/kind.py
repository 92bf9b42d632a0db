"""The message-kind stage: what KIND of message is this, before any intent?

Runs on every message after entities and spelling. It reads the concepts of
intents/concepts.yaml (``concepts.ConceptIndex``) and applies the named rules
of intents/kinds.yaml: each rule that holds is a candidate, and the kind with
the highest precedence wins (crisis > emergency > decision > symptom report),
so a message that is several things at once gets the safest reading. A
message no rule claims is a ``question`` (information, small talk or off
topic: the intent ranking tells those apart).

The one judgement made in code is whether a symptom is *reported*: someone
has it, now or lately. ``is_reported`` says how: a person linked to it ("my
ankles are swollen"), or a statement about it ("cough for a week", "chest
pain right now"); not a symptom asked about ("does enhertu cause a cough?"),
negated ("no fever"), imagined ("what if I get a rash") or only named as a
topic ("nausea with tukysa").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Final, Sequence

from mypy_extensions import mypyc_attr

from bot.content.model import Content, KindRule
from bot.reply import KINDS
from bot.understand.concepts import ConceptIndex, Mention, Reading
from bot.understand.learned_kind import LearnedKinds
from bot.understand.neighbours import Nearest

PERSON_REACH: Final = 8  # words from a person to their symptom ("my mom's feet and legs have been swelling")
LINK_REACH: Final = 3  # words from a person to the verb that links them to it
HYPOTHETICAL_REACH: Final = 6  # "what if i get a really bad rash", not the "if" of "sorry if dumb question but my sister..."
PROGRESSIVE_REACH: Final = 4  # words before a severe sign that may say it is going on ("her lips are going blue")
BEING: Final = frozenset({"is", "are", "am", "im", "shes", "hes", "theyre", "its"})
# "stopped since" may be a change that lasts ("my periods stopped since treatment"), "better since"
# a sign still there ("much better since they lowered the dose, still twice a day"); "settled since
# they changed things", "long gone since" are over
STILL_CHANGING: Final = ("stopped", "better")
LONG_AGO_REACH: Final = 1  # "a heart attack [10] years ago"
# what may follow a word that a complaint has ended ("the rash is gone now", "passed
# after she ate"); any other word makes it a change ("gone blue", "passed out")
ENDED_FOLLOWERS: Final = frozenset({"now", "and", "already", "completely", "totally", "entirely", "thankfully", "thank",
                             "thanks", "so", "but", "though", "too", "after", "by", "at", "days", "weeks", "months",
                             "years", "ages", "long"})
# ...and what, between the complaint and that word, makes it said of something else
# ("a headache since the radiotherapy finished")
ENDED_ELSEWHERE: Final = frozenset({"since", "after", "when", "until", "till", "before", "once", "because"})
# a word that, just before "came back", says it did not ("hasnt come back" may be a voice
# or an appetite still lost)
NOT_BACK: Final = frozenset({"never"})
# words that join signs into one list ("nausea and a rash, both gone now")
LIST_WORDS: Final = frozenset({"and", "or", "a", "an", "the", "her", "his", "my", "their", "some", "both", "also"})
# words that turn a sentence to something new: a sign said to be mild or over before one
# is not said of a different sign after it ("the rash settles after each infusion but
# now her throat is swelling")
CONTRASTS: Final = frozenset({"but", "however", "though", "although", "except", "whereas"})
TURNS: Final = frozenset({"and", "but", "now", "so", "then", "plus", "though", "although", "yet"})  # "in 2019 [and] my chest hurts"
SELF_WORDS: Final = frozenset({"i", "im", "me", "my", "ive", "id", "myself"})  # the writer speaking of themself
WRITER_WORDS: Final = SELF_WORDS - {"my"}  # the writer as the one who has it ("my sister's lungs" is hers)
NEGATION_REACH: Final = 2  # "no fever", "not much of a headache"
NEGATION_LINKS: Final = frozenset({"any", "a", "an", "much", "the", "of", "other", "more", "further"})  # "no other bleeding"
LIST_JOINS: Final = frozenset({"or", "nor"})  # "no fever or chills": the "no" reaches the second sign too
VERB_REACH: Final = 3  # "having a really severe allergic reaction"
QUESTION_REACH: Final = 4  # a question word this near a severe sign asks about it ("what does chest pain mean")
MEASURE_REACH: Final = 2  # words: "a 104 fever", "fever of 103"
HIGH_READING_REACH: Final = 4  # words: "is 104.2 too high a fever"
REPORT_LINKS: Final = frozenset({"on", "since", "after", "from", "during"})  # "mouth ulcers on tucatinib" reports
# ... but in a message that asks, "on" and "from" only name the drug asked about ("nausea on
# perjeta?", "anaemia from enhertu, what does that mean"; see KindReader._links)
NAMING_LINKS: Final = frozenset({"on", "from"})
TOLD_LINKS: Final = REPORT_LINKS - NAMING_LINKS
RISKY: Final = ("crisis", "emergency", "decision", "symptom_report")
# Words that make a message worth the back-up reading against the example banks.
SIGNAL_TAGS: Final = ("symptom", "red_flag", "crisis_sign", "death", "means", "method", "despair", "farewell", "mood",
               "self_question", "wish_to_act", "substance", "dose", "dose_question", "prognosis", "choice", "continue")
PRECEDENCE: Final = ("crisis", "emergency", "decision", "symptom_report", "question", "social", "off_topic")
RANK: Final = {kind: index for index, kind in enumerate(PRECEDENCE)}  # a kind's place in PRECEDENCE, in one look-up
# The nearest-example back-up may call a message a risky kind only when the
# message holds a word of that kind: examples say how words are used, they
# are not evidence on their own ("just wanted to say hi" is near "just wanted
# to say thank you before i sleep", and holds no word of a crisis).
STRONG_CRISIS: Final = ("crisis_sign", "death", "method", "despair", "farewell", "hoarding", "place", "mood")
EMERGENCY_SIGNS: Final = ("symptom", "red_flag", "soft_red_flag", "sudden_alarm", "other_took", "accident", "severity")
EVIDENCE: Final = {
    "crisis": (*STRONG_CRISIS, "means", "finality", "intent"),
    "emergency": EMERGENCY_SIGNS,
    "symptom_report": ("symptom", "mood"),
    "decision": ("self_question", "wish_to_act", "substance", "dose", "dose_question", "prognosis", "choice",
                 "continue", "action"),
}
# A crisis or an emergency needs only a word of any alarm: a missed crisis
# costs far more than a false alarm, and people write about one in words no
# list holds; medicine and doses count (an overdose is told in those words).
# But "tonight", "done" or a cup of tea is no such word; nor, for a crisis, a
# HER2 drug's name alone: near "can you overdose on neratinib", "do you take
# tukysa once or twice a day" asks a dose (it is still evidence that someone
# swallowed it, an emergency); nor how bad something is ("locked out of my email
# and it's killing me" sat nearest "the only way out i see is killing myself").
ALARMS: Final = ("crisis", "emergency")
ALARM_EVIDENCE: Final = (*STRONG_CRISIS, *EMERGENCY_SIGNS, *EVIDENCE["symptom_report"], "means", "dose")
NO_CRISIS_EVIDENCE: Final = ("drug_named", "severity")
# What a learned back-up needs the message to hold before it may raise it to its
# kind. A decision is about someone's own treatment, so the message names a person
# (I, my mom, she): "compare tykerb, tukysa and nerlynx" asks for information in
# the words of a choice, and people who ask about their own treatment say whose.
# And what it must not hold: no crisis for a message that says it is none ("im not
# suicidal, ..."); a message that names a symptom, a part of the body or an organ asks
# what a drug may do to it ("will enhertu hurt my lungs", "will tdm1 mess with my
# liver") or reports it, and the rules read both; nor a change told as agreed with the
# team ("stopped the dex with my oncologist's blessing"): news, not a question (stop 52:
# the retrained decision model read that one 0.90; no other message of the corpus moved).
# A symptom report is someone's, now or lately: the message names a person or a time
# ("achy muscles?" after a question about a drug asks for more of the sheet; on held-out
# runs this cost 0.1 point of recall), and not one that has gone ("the numbness went
# away, worried for nothing").
LEARNED_NEEDS: Final = {"decision": ("who",), "symptom_report": ("who", "now_or_lately")}
LEARNED_UNLESS: Final = {"crisis": ("denial",), "decision": ("symptom", "body_part", "organ", "team_agreed"),
                  "symptom_report": ("resolved",)}
# The nearest example messages may call a message a crisis that no rule read ("if
# someone has heart problems already can they get herceptin", "Happy Friday! Last
# infusion of the cycle done." sat nearest crisis examples): the learned crisis model
# must give it at least this probability too. On held-out runs of the dev parts (models
# trained without the part's fold), asked only of a crisis resting on a symptom's word,
# it took 18 of 539 false alarms away and no crisis (0.3 lost two); asked of every such
# crisis since stop 45, 18 more of 1,100 over 164 parts, and no crisis.
NEAREST_CRISIS_NEEDS: Final = 0.2


def _just_after(word: Mention, negations: Sequence[Mention]) -> bool:
    """Is the word right after a "not" (at most one word between: "hasn't really stopped")?"""
    return any(0 <= word.start - n.end <= 1 for n in negations)


class MessageKind:
    """The kind of a message, with its score and the reason shown in --debug. Read-only by
    agreement. A plain class, as Reading (bot/understand/concepts.py): compiled, a
    dataclass's own __init__ would run in the interpreter."""

    def __init__(self, kind: str, score: float, rule: str | None, reason: str, linked: bool = False,
                 clause: int | None = None, weak: bool = False) -> None:
        self.kind = kind
        self.score = score
        self.rule = rule
        self.reason = reason
        # a rule read it: the reply may cite the sheet's side effects linked to its symptoms
        # (KindReader.related, worked out by the reply that cites them, not for every message)
        self.linked = linked
        self.clause = clause  # the clause the rule held in
        self.weak = weak  # from a weak rule: the nearest example messages may still raise it

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MessageKind) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"MessageKind(kind={self.kind!r}, score={self.score!r}, rule={self.rule!r}, reason={self.reason!r}, "
                f"linked={self.linked!r}, clause={self.clause!r}, weak={self.weak!r})")

    def _fields(self) -> tuple[str, float, str | None, str, bool, int | None, bool]:
        return self.kind, self.score, self.rule, self.reason, self.linked, self.clause, self.weak

    def raised_by(self, other: "MessageKind") -> bool:
        """May ``other`` (the nearest-example reading) replace this reading?"""
        if not self.risky:
            return True
        return self.weak and other.risky and RANK[other.kind] < RANK[self.kind]

    @property
    def risky(self) -> bool:
        return self.kind in RISKY


QUESTION: Final = MessageKind("question", 0.0, None, "no rule found a risky kind")

BANK_THRESHOLD: Final = 55.0  # the nearest risky example must be this similar (0-100) to count
BANK_MARGIN: Final = 5.0  # ...and this much more similar than the nearest question


def from_nearest(nearest: Nearest | None, intent_score: float = 0.0) -> MessageKind | None:
    """The back-up reading: is the message near one risky kind's example
    messages, and clearly nearer to them than to any question's (the nearest
    benign example, or the best intent's score)?"""
    if nearest is None or nearest.kind not in RISKY:
        return None
    benign = max(nearest.question_score, intent_score)
    if nearest.score < BANK_THRESHOLD or nearest.score - benign < BANK_MARGIN:
        return None
    reason = (f"nearest example message is a {nearest.kind} example {nearest.example!r} "
              f"(similarity {nearest.score:.0f}, nearest question {benign:.0f})")
    return MessageKind(nearest.kind, round(nearest.score / 100, 3), None, reason)


# Kept in the snapshot (bot/content/snapshot.py), so pickled: see SNAPSHOT_CLASS in
# bot/understand/concepts.py for the two mypyc settings
@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)
@dataclass(frozen=True)
class _Rule:
    rule: KindRule
    any: frozenset[str]
    with_: tuple[frozenset[str], ...]
    together: tuple[frozenset[str], ...]
    reported: frozenset[str]
    unless: frozenset[str]
    several: tuple[frozenset[str], ...]
    unless_reported: frozenset[str]
    unless_said: frozenset[str]
    opens: frozenset[str]
    # derived in __post_init__ (declared, so that a compiled build knows them)
    anywhere: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)
    needed: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)
    parts: tuple[tuple[frozenset[str], bool], ...] = field(init=False, repr=False, compare=False)
    first_needed: frozenset[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        anywhere = ((self.any,) if self.any else ()) + self.with_
        object.__setattr__(self, "anywhere", anywhere)
        object.__setattr__(self, "needed", anywhere + self.together + ((self.reported,) if self.reported else ()) + self.several
                           + ((self.opens,) if self.opens else ()))
        # what one sentence must hold, each from its own words: the `together` groups, then
        # the reported symptom
        object.__setattr__(self, "parts", tuple((g, False) for g in self.together)
                           + (((self.reported, True),) if self.reported else ()))
        # the smallest group: the one a message most often lacks
        object.__setattr__(self, "first_needed", min(self.needed, key=len) if self.needed else None)

    def __reduce__(self) -> tuple[type[_Rule], tuple[Any, ...]]:
        # rebuilt from its fields, as terms.Position: pickle's default would set each
        # attribute, which a frozen dataclass refuses
        return _Rule, (self.rule, self.any, self.with_, self.together, self.reported, self.unless, self.several,
                       self.unless_reported, self.unless_said, self.opens)


@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)  # kept in the snapshot, as _Rule
class KindReader:
    """Rules and concept sets resolved once per Content."""

    def __init__(self, content: Content, concepts: ConceptIndex) -> None:
        self.concepts = concepts
        members = concepts.members
        self.rules = tuple(
            _Rule(r, members(r.any), tuple(members((name,)) for name in r.with_),
                  tuple(members((name,)) for name in r.together), members(r.reported), members(r.unless),
                  tuple(members((name,)) for name in r.several), members(r.unless_reported), members(r.unless_said),
                  members(r.opens))
            for r in sorted(content.kind_rules, key=lambda r: PRECEDENCE.index(r.kind))
        )
        # concept -> the rules whose smallest needed group holds it (by place in self.rules)
        self.rules_needing: dict[str, tuple[int, ...]] = {}
        for index, r in enumerate(self.rules):
            for concept in r.first_needed or ():
                self.rules_needing[concept] = (*self.rules_needing.get(concept, ()), index)
        self.rules_without_needs = tuple(i for i, r in enumerate(self.rules) if r.first_needed is None)
        self.tag = {tag: members((tag,)) for tag in
                    ("who", "possessive", "having", "when", "negation", "asks", "asks_anywhere", "hypothetical", "listing",
                     "filler", "event", "symptom", "lead", "outside_name", "resolved", "ended", "points_back",
                     "ongoing", "observed", "have_it", "very_high", "pet", "body_part", "good_news", "returned", "red_flag", "long_ago",
                     "long_past", "still_now", "today_or_now", "within_a_day", "asks_at_end", "deceased", "companion_sign", "outsider",
                     "request", "embedded_question", "severity", "verdict", "story", "thing", "for_a_while", "also_a_feeling", "of_the_mind", "telling",
                     "jitters", "nerves")}
        self.learned_needs = {kind: members(tags) for kind, tags in LEARNED_NEEDS.items()}
        self.learned_unless = {kind: members(tags) for kind, tags in LEARNED_UNLESS.items()}
        self.right_now = members(("right_now",))  # "right now", "as we speak": a sign going on at this moment
        # what keeps a sign that may be small talk (`for_a_while`, `also_a_feeling`, `jitters`)
        # news: it has lasted, or a medicine is named with it
        self.lasted_or_medicine = members(("lasting", "named_drug", "outside_name"))
        self.maybe_small_talk = members(("for_a_while", "also_a_feeling", "jitters"))
        self.feelings = members(("feeling", "mood"))
        self.news = members(("good_news", "telling"))
        self.acknowledgements = members(("acknowledgement", "lead"))
        self.signals = members(SIGNAL_TAGS)
        self.evidence = {kind: members(tags) for kind, tags in EVIDENCE.items()}
        self.crisis_or_end = members((*STRONG_CRISIS, "finality"))  # a word of a crisis, or of an end
        # words that say a talk of death is no crisis: planning made with a lawyer or the
        # hospice team, or not wanting to die; and the crisis words they do not explain
        self.reassurance = members(("planned_with_help", "fear_of_death"))
        self.beyond_reassurance = members(tuple(t for t in STRONG_CRISIS if t != "farewell") + ("means",))
        # ... or of a wish, or a goodbye; not the fear of the moment ("he sounds panicked")
        self.crisis_cue = members((*STRONG_CRISIS, "finality", "intent", "goodbye")) - members(("alarm_feeling",))
        self.how_it_goes = members(("mild", "passing", "gradual"))
        self.said_of_a_sign = members(("mild", "passing", "gradual", "resolved"))  # ...or over
        self.emergency_signs = members(EMERGENCY_SIGNS)
        self.alarm_evidence = members(ALARM_EVIDENCE)
        self.any_evidence = self.alarm_evidence.union(*self.evidence.values())
        not_crisis = members(NO_CRISIS_EVIDENCE)
        self.evidence["crisis"] -= not_crisis
        self.alarm_evidence_of = {"crisis": self.alarm_evidence - not_crisis, "emergency": self.alarm_evidence}
        assert set(PRECEDENCE) == set(KINDS)

    def outside_names(self, reading: Reading) -> list[str]:
        """Names of things outside the fact sheet (other medicines...), as written."""
        tag_outside_name = self.tag["outside_name"]
        return list(dict.fromkeys(m.text for m in reading.mentions if m.concept in tag_outside_name))

    def supports(self, kind: str, reading: Reading) -> bool:
        """Does the message hold a word of this kind (see EVIDENCE)? A symptom
        only asked about ("can phesgo cause a sore arm?") is no report."""
        if kind in ("symptom_report", "emergency") and (
                self._asked_about_no_one(reading)
                # every symptom named is denied ("i dont have chest pain"), or a pet's ("my cat keeps
                # sneezing"), or over ("my nosebleeds stopped after the first month, phew"),
                or self._every_symptom(reading, self._denied)
                or self.only_a_pets(reading)
                or self._every_symptom(reading, self._resolved)
                # or history ("when i was on herceptin in 2015 my face got flushed")
                or self._only_history(reading)):
            return False
        if kind == "crisis" and self.tag["good_news"] & reading.concepts and not self.crisis_or_end & reading.concepts:
            return False  # "just got good news, wanted to tell someone": near a last message, but glad
            # (not "thanks for everything, you won't hear from me after tonight": that is final)
        if kind == "crisis" and self.reassured(reading):
            return False  # "made a will with my lawyer last month, feels good to have it done": planning, not a goodbye
        if kind in ALARMS and self.alarm_evidence_of[kind] & reading.concepts:
            return True
        return bool(self.evidence.get(kind, frozenset()) & reading.concepts)

    def reassured(self, reading: Reading) -> bool:
        """Does the message say its talk of death is no crisis (planned with a lawyer or the
        hospice team; "I don't want to die but I'm not scared of it either"), with no word of
        a crisis beyond those words? Only the nearest examples' crisis yields to it. A fear
        inside a crisis's own words reassures no one: "not scared of dying" holds "scared of dying"."""
        if not self.reassurance & reading.concepts:
            return False
        ends = [(m.start, m.end) for m in reading.mentions if m.concept in self.crisis_or_end]
        cover = [(m.start, m.end) for m in reading.mentions if m.concept in self.reassurance
                 and not any(a <= m.start and m.end <= b and b - a > m.end - m.start for a, b in ends)]
        if not cover:
            return False
        return not any(m.concept in self.beyond_reassurance and not any(a <= m.start and m.end <= b for a, b in cover)
                       for m in reading.mentions)

    def has_crisis_words(self, reading: Reading) -> bool:
        """Does the message hold a word of a crisis itself (despair, a method, hoarding, an end...)?"""
        return bool(self.crisis_or_end & reading.concepts)

    def has_crisis_cue(self, reading: Reading) -> bool:
        """A word of a crisis or an end, of a wish or plan, or a goodbye: more than a medicine and a sign.
        Not a word inside the sign's own words: the wish of "I need him to wake up" is the sign."""
        if not self.crisis_cue & reading.concepts:
            return False
        signs = [(m.start, m.end) for m in reading.mentions if m.concept in self.emergency_signs]
        return any(m.concept in self.crisis_cue and not any(a <= m.start and m.end <= b for a, b in signs)
                   for m in reading.mentions)

    def reports_a_symptom(self, reading: Reading) -> bool:
        """Does someone (not a pet, nor someone outside their care) have a sign now or lately?"""
        pets = self._pets_symptoms(reading)
        return any(m.concept not in pets and self.is_reported(m, reading) for m in self._symptoms(reading))

    def only_a_pets(self, reading: Reading) -> bool:
        """Is every symptom the message names a pet's ("my dog has diarrhea after eating grass")?"""
        pets = self._pets_symptoms(reading)
        symptoms = self._symptoms(reading)
        return bool(symptoms) and all(s.concept in pets for s in symptoms)

    def could_support(self, reading: Reading) -> bool:
        """Could :meth:`supports` accept any kind for this message? If not, the
        back-up reading need not be computed."""
        return bool(self.any_evidence & reading.concepts)

    def has_signal(self, reading: Reading) -> bool:
        """Does the message hold any word of a risky kind (worth the back-up reading)?"""
        return any(m.concept in self.signals for m in reading.mentions)

    def read(self, reading: Reading) -> MessageKind:
        present = reading.concepts
        # most rules lack a concept they need: only those whose rarest group is present are tried
        tried = set(self.rules_without_needs)
        for concept in present:
            tried.update(self.rules_needing.get(concept, ()))
        for index in sorted(tried):
            r = self.rules[index]
            hit = self._holds(r, reading)
            if hit is not None:
                clause, mentions = hit
                linked = r.rule.kind in ("symptom_report", "emergency")
                shown = ", ".join(f"{m.concept} ('{m.text}')" for m in mentions)
                reason = f"rule '{r.rule.id}': {r.rule.why}" + (f" [{shown}]" if shown else "")
                return MessageKind(r.rule.kind, 1.0, r.rule.id, reason, linked, clause, r.rule.weak)
        return QUESTION

    def related(self, reading: Reading) -> tuple[str, ...]:
        """The sheet's side-effect terms linked to every symptom reported in the message."""
        return tuple(dict.fromkeys(
            effect
            for m in reading.mentions
            if m.concept in self.tag["symptom"] and self.is_reported(m, reading)
            for effect in self.concepts.concepts[m.concept].related
        ))

    def _holds(self, r: _Rule, reading: Reading) -> tuple[int | None, list[Mention]] | None:
        """Where the rule holds: (the clause of the reported symptom or None,
        the mentions that made it hold), or None."""
        present = reading.concepts
        for group in r.needed:
            if not group & present:
                return None
        if r.unless_said & present and self._said(r.unless_said, reading.mentions, reading):
            return None  # "... took the whole week of them at once. Not on purpose": said of the whole message
        if r.rule.asks and not self._asks(reading):
            return None  # told, not asked: "... took four bags to the charity shop. feels so good to declutter"
        if r.unless_reported and not self._asks(reading) and any(
                m.concept in r.unless_reported and self.is_reported(m, reading) for m in reading.mentions):
            return None  # "itchy rash since I started turmeric with my tukysa": told, nothing asked
        if r.opens and not self._opens_a_clause(r.opens, reading):
            return None  # "skip dose? tummy bug" opens with the act; "does skipping a dose matter?" does not
        found = [next(m for m in reading.mentions if m.concept in group) for group in r.anywhere]
        for group in r.several:
            spans = _separate([m for m in reading.mentions if m.concept in group])
            if len(spans) < 2:
                return None
            found += spans
        if not (r.together or r.reported):
            if r.unless & present and self._said(r.unless, reading.mentions, reading):
                return None
            return None, found
        # `together` and `unless` look at one sentence; a reported symptom is judged in its own clause
        for sentence, concepts in reading.sentence_concepts.items():
            mentions = reading.in_sentence(sentence)
            if r.unless & concepts and self._said(r.unless, mentions, reading):
                tail = self._after_a_contrast(r.unless, mentions, reading)
                if tail is None:
                    continue
                mentions, concepts = tail, frozenset([m.concept for m in tail])
            if any(not (group & concepts) for group in r.together):
                continue
            if r.reported and not r.reported & concepts:
                continue
            if r.opens and r.together and not self._opens_a_clause(r.opens, reading, mentions):
                continue  # the act that opens a clause is told in this sentence, not in another one
            # a symptom said to be absent is no part of a rule: "fast heart rate. no chest pain."
            # and one word is one part: "shivering" is not a fever together with shaking
            # (the reported symptom is the last part, and must be reported)
            parts = self._one_each(r.parts, mentions, reading)
            if parts is None:
                continue
            return (parts[-1].clause if r.reported else None), found + parts
        return None

    def _after_a_contrast(self, unless: frozenset[str], mentions: tuple[Mention, ...],
                          reading: Reading) -> tuple[Mention, ...] | None:
        """The part of a sentence after a contrast (CONTRASTS) when every word that keeps a rule
        from it is before the contrast, is a word of how a sign goes or that it is over, and is
        said of a sign named before it or is a verdict that names its own ("turned out to be
        heartburn"); None otherwise. "it comes and goes but my chest is tight" names no sign
        the "comes and goes" is said of, so it still speaks for the whole sentence."""
        turn = next((i for i in range(mentions[0].start, mentions[-1].end) if reading.words[i] in CONTRASTS), None)
        if turn is None:
            return None
        head = [m for m in mentions if m.end <= turn]
        for m in mentions:
            if m.concept not in unless or not self._said(unless, (m,), reading):
                continue
            if m.start >= turn or m.concept not in self.said_of_a_sign:
                return None
            if m.concept not in self.tag["verdict"] and not any(
                    s.end <= m.start and s.concept in self.tag["symptom"] for s in head):
                return None
        tail = tuple(m for m in mentions if m.start > turn)
        return tail or None

    def _said(self, concepts: frozenset[str], mentions: Sequence[Mention], reading: Reading) -> bool:
        """Is one of these concepts said? A word of how a sign goes (mild, passing, gradual)
        said with a "not" is not: "it is not easing off" does not say it passes."""
        return any(m.concept in concepts and not (m.concept in self.how_it_goes and self._negated(
            m, [n for n in reading.in_clause(m.clause) if n.end <= m.start], reading)) for m in mentions)

    def _one_each(self, groups: tuple[tuple[frozenset[str], bool], ...], mentions: tuple[Mention, ...],
                  reading: Reading, chosen: tuple[Mention, ...] = ()) -> list[Mention] | None:
        """One mention per (group, must it be reported), no two the same words, none denied;
        trying a group's next mention when its first leaves a later group without one
        ("burning up, 40 degrees": "burning up" is the fever, 40 the very high temperature)."""
        if len(chosen) == len(groups):
            return list(chosen)
        group, reported = groups[len(chosen)]
        used = {(m.start, m.end) for m in chosen}
        for m in mentions:
            if m.concept in group and (m.start, m.end) not in used and not self._denied(m, reading) \
                    and (not reported or self.is_reported(m, reading)):
                found = self._one_each(groups, mentions, reading, (*chosen, m))
                if found is not None:
                    return found
        return None

    # ----------------------------------------------------------- reported?
    def _tagged(self, mentions: Sequence[Mention], tag: str) -> list[Mention]:
        members = self.tag[tag]  # once, not once per mention (compiled, a comprehension would)
        return [m for m in mentions if m.concept in members]

    def is_reported(self, symptom: Mention, reading: Reading) -> bool:
        """Does someone have this symptom now or lately (see module docstring)? Worked
        out once per mention and kept in the reading."""
        known = reading.reported.get(symptom)
        if known is None:
            known = reading.reported[symptom] = self._is_reported(symptom, reading)
        return known

    def _is_reported(self, symptom: Mention, reading: Reading) -> bool:
        mentions = reading.in_clause(symptom.clause)
        before = [m for m in mentions if m.end <= symptom.start]
        if self._negated(symptom, before, reading):
            return False
        if self._a_pets(symptom, before, reading):
            return False  # "my dog has diarrhea": not a person in their care
        # an observation may run into the symptom ("is it normal to feel this sick")
        observed = [m for m in self._tagged(mentions, "observed") if m.start < symptom.start]
        if any(symptom.start - h.end <= HYPOTHETICAL_REACH and not any(o.start <= h.start and h.end <= o.end for o in observed)
               for h in self._tagged(before, "hypothetical")) and not self._had_in_a_later_clause(symptom, reading) \
                and not self._going_on_after_if(symptom, reading):
            # "what if i get a rash" (but not the "if" of "what does it mean if my lips...", nor
            # an "if" a later clause answers: "is it normal to cough blood? it is still coming")
            return False
        tag_within_a_day = self.tag["within_a_day"]
        if self._resolved(symptom, reading) and not any(m.concept in tag_within_a_day for m in mentions):
            # "my rash cleared up", "the numbness is gone now" (not "hasnt settled"); but a symptom
            # of the last day that has passed ("a fever last night, gone this morning") is still news
            return False
        if self._long_ago(symptom, mentions, reading):
            return False  # "my dad had a heart attack 10 years ago" (not "since last week")
        if self._of_someone_who_died(symptom, mentions, reading):
            return False  # "my mom died of a heart attack on herceptin": history, not news
        if self._in_a_story(symptom, before):
            return False  # "a TV drama where a woman on chemo collapsed": a story, not news
        if self._small_talk_sign(symptom, reading):
            return False  # "3am and can't sleep, scan tomorrow", "exhausted, not physically"
        if self._person_link(symptom, before) or observed or self._told_after(symptom, reading):
            return True
        if self._measured(symptom, reading):
            return True  # "a 104 fever", "temp of 39.5": someone took the reading
        if symptom.concept in self.tag["body_part"]:
            # a body part is no symptom by itself: only whose it is ("i pee every
            # hour"), or since when, makes it a report ("ears ringing since the new meds")
            tag_when, tag_who = self.tag["when"], self.tag["who"]
            return any(m.concept in tag_when or (m.concept in tag_who and m.end == symptom.start)
                       for m in mentions)
        event = symptom.concept in self.tag["event"]
        tag_points_back = self.tag["points_back"]
        pointed_at = any(m.start >= symptom.end and m.concept in tag_points_back for m in reading.mentions)
        if not event and not pointed_at and self._asked_about_no_one(reading):
            return False  # "low platelet counts with enhertu as well?", "muscle pain, which drug has that"
        tag_having = self.tag["having"]
        if event and any(m.concept in tag_having and symptom.start - m.end <= VERB_REACH
                         and not any(q.start == m.start for q in self._tagged(mentions, "asks")) for m in before):
            return True  # "... and having a severe allergic reaction", "got chest pain"
        opener = self._question_opener(mentions, reading.clauses[symptom.clause][0])
        if opener is not None and (not event or symptom.start - opener.end <= QUESTION_REACH):
            return False
        # "is chest pain listed?" asks; "chest pain right now, is that listed?" reports first, then asks
        listing = self._tagged(mentions, "listing")
        if listing and (symptom.concept not in self.tag["event"] or any(m.end <= symptom.start for m in listing)):
            return False
        if symptom.concept not in self.tag["event"] and self._tagged(mentions, "asks_anywhere"):
            return False
        return symptom.concept in self.tag["event"] or not self._bare_topic(mentions, reading, symptom.clause)

    def _small_talk_sign(self, symptom: Mention, reading: Reading) -> bool:
        """A sign that is small talk here: tiredness or the fog of memory (`also_a_feeling`)
        said to be of the mind ("exhausted, not physically, just in my head") or told as
        venting with no medicine and nothing lasting ("exhausted. not asking anything, just venting"); poor sleep
        (`for_a_while`) with neither ("3am and can't sleep, scan tomorrow"; not "for weeks",
        "on the steroids"); shaking or sweating (`jitters`) with a word of nerves or relief
        (`nerves`) after it, as its cause, or told as news with no medicine and nothing lasting
        ("STABLE!!! I'm shaking"); not "anxious and jittery on tykerb, is it the pill?"."""
        if symptom.concept not in self.maybe_small_talk:
            return False  # most signs: no set work on the per-message path
        unexplained = self.lasted_or_medicine.isdisjoint(reading.concepts)
        told_as_news = unexplained and not self.tag["telling"].isdisjoint(reading.concepts)
        if symptom.concept in self.tag["jitters"]:
            # the nerves told after it are its cause: "I'm shaking, just nerves"
            return told_as_news or any(m.start >= symptom.end for m in self._tagged(reading.mentions, "nerves"))
        if symptom.concept in self.tag["also_a_feeling"]:
            return told_as_news or not self.tag["of_the_mind"].isdisjoint(reading.concepts)
        return symptom.concept in self.tag["for_a_while"] and unexplained

    def _going_on_after_if(self, symptom: Mention, reading: Reading) -> bool:
        """A severe sign told as going on, after an "if": "is it ok to take my phesgo if my
        face is swelling" asks about a swelling that is happening (is/are + -ing), not one
        that might come ("if my face swells"). When unsure, the safe reading wins."""
        if symptom.concept not in self.tag["red_flag"]:
            return False
        start, end = reading.clauses[symptom.clause]
        words = reading.words[max(start, symptom.start - PROGRESSIVE_REACH):min(end, symptom.end + 2)]
        return any(w in BEING and nxt.endswith("ing") for w, nxt in zip(words, words[1:]))

    def _had_in_a_later_clause(self, symptom: Mention, reading: Reading) -> bool:
        """A later clause says it is had ("... it is a lot, and still coming") or going on
        right now ("what do you do if someone stops breathing?? like right now, my aunt"),
        or its own clause says so ("should i go to the ER if i cant breathe right now")."""
        tag_have_it = self.tag["have_it"]
        return any((m.clause > symptom.clause and m.concept in tag_have_it)
                   or (m.start >= symptom.end and m.concept in self.right_now)
                   for m in reading.mentions)

    def _told_after(self, symptom: Mention, reading: Reading) -> bool:
        """Said after the symptom: still going on, in its clause ("a nosebleed
        that's been going 2 hours"), or had, anywhere ("...? I just did")."""
        tag_have_it, tag_ongoing = self.tag["have_it"], self.tag["ongoing"]
        return any(m.start >= symptom.end and (
            m.concept in tag_have_it or (m.concept in tag_ongoing and m.clause == symptom.clause))
            for m in reading.mentions)

    def _measured(self, symptom: Mention, reading: Reading) -> bool:
        """A number right next to the symptom, or a very high reading a few
        words from it, in its clause: a reading someone took ("a 104 fever",
        "is 104.2 too high a fever")."""
        start, end = reading.clauses[symptom.clause]
        near = reading.words[max(start, symptom.start - MEASURE_REACH):symptom.start] + \
            reading.words[symptom.end:min(end, symptom.end + MEASURE_REACH)]
        tag_very_high = self.tag["very_high"]
        return any(w.isdigit() for w in near) or any(
            m.concept in tag_very_high and m.clause == symptom.clause
            and (0 <= symptom.start - m.end <= HIGH_READING_REACH or 0 <= m.start - symptom.end <= HIGH_READING_REACH)
            for m in reading.mentions)

    def _asked_about_no_one(self, reading: Reading) -> bool:
        """A question that names no person, no time and no count: it asks
        about a symptom, nobody is said to have it."""
        if self.tag["who"] & reading.concepts or self.tag["when"] & reading.concepts:
            return False
        links = self._links(reading)
        if any(w.isdigit() or w in links for w in reading.words):
            return False  # "3 loose stools a day", "since the nerlynx": told, not asked
        if reading.question_mark:
            return True
        return any(self._question_opener(reading.in_clause(c), start) is not None
                   for c, (start, _) in enumerate(reading.clauses))

    def _links(self, reading: Reading) -> frozenset[str]:
        """The words that tie a symptom to a time or a drug as had: REPORT_LINKS, but in a
        message that asks (with a "?" or a question word) "on" and "from" only name the drug
        ("nausea on perjeta?", "anaemia from enhertu, what does that mean exactly"), unless
        one opens a clause of its own ("... yellowish?? on tykerb": I am on it) or the
        question points back at what was told ("hair thinning on enhertu, is this expected?")
        without asking whether it is listed."""
        if not self._asks(reading) or any(reading.words[start] in NAMING_LINKS for start, end in reading.clauses if end > start):
            return REPORT_LINKS
        if not self.tag["points_back"].isdisjoint(reading.concepts) and self.tag["listing"].isdisjoint(reading.concepts):
            return REPORT_LINKS
        return TOLD_LINKS

    def _symptoms(self, reading: Reading) -> list[Mention]:
        return self._tagged(reading.mentions, "symptom")

    def _every_symptom(self, reading: Reading, test: Callable[[Mention, Reading], bool]) -> bool:
        """The message names a symptom, and each one passes ``test`` (denied, over); a bound
        method, not a closure: a compiled build cannot hold closures in this class."""
        symptoms = self._symptoms(reading)
        return bool(symptoms) and all(test(m, reading) for m in symptoms)

    def _resolved(self, symptom: Mention, reading: Reading) -> bool:
        """Said to be over, after it ("my rash cleared up"); not "hasn't settled", nor "my
        periods have stopped since treatment started" (a change that lasts), nor when it is
        said to be back ("it went away and came back"). In its own clause; or, in a message
        that then asks something, anywhere before the next symptom named ("had a fever last
        week, went to the ER, all good now. is fever listed?"); a red flag only if told as
        long ago ("back in March I passed out ... fine since"): a stroke sign that is
        "getting better now" is still an emergency."""
        if self.tag["resolved"].isdisjoint(reading.concepts) and self.tag["ended"].isdisjoint(reading.concepts):
            return False  # most messages: nothing said to be over
        if self._said_back(symptom, reading):
            return False
        mentions = reading.mentions
        clause = reading.in_clause(symptom.clause)
        if not reading.question_mark or (symptom.concept in self.tag["red_flag"] and not self._tagged(clause, "long_ago")):
            mentions = clause
        negations = self._tagged(mentions, "negation")
        tag_symptom = self.tag["symptom"]
        next_symptom = min((m.start for m in mentions if m.start >= symptom.end and m.concept in tag_symptom),
                           default=len(reading.words))
        if any(m.start > symptom.start and m.end >= symptom.end and m.start < next_symptom
               and not _just_after(m, negations)
               and not (m.text.endswith(STILL_CHANGING) and reading.words[m.end:m.end + 1] in (("since",), ("for",)))
               for m in self._tagged(mentions, "resolved")):
            return True
        ended = [m for m in self._tagged(mentions, "ended") if m.start >= symptom.end]
        if not ended:
            return False
        list_end = self._after_the_list(symptom, mentions, reading)
        return any(m.start < list_end and ENDED_ELSEWHERE.isdisjoint(reading.words[symptom.end:m.start])
                   and self._ended(m, mentions, negations, reading) for m in ended)

    def _after_the_list(self, symptom: Mention, mentions: Sequence[Mention], reading: Reading) -> int:
        """Where the next symptom starts that is not listed with this one ("diarrhoea and a
        rash, both gone now": the rash is in the list, and the word of an end is said of both)."""
        end = symptom.end
        for m in self._tagged(mentions, "symptom"):  # in order of place (Reading sorts them)
            if m.start < end:
                continue
            if not LIST_WORDS.issuperset(reading.words[end:m.start]):
                return m.start
            end = max(end, m.end)
        return len(reading.words)

    def _ended(self, word: Mention, mentions: Sequence[Mention], negations: Sequence[Mention], reading: Reading) -> bool:
        """A word that a complaint has ended ("gone", "passed", "back to normal") means so only
        last in its clause or before one of ENDED_FOLLOWERS ("gone blue", "passed out" are
        changes), not after a person ("she's gone", "mum passed" may be a death or a collapse)
        nor with a "not" just before it ("hasn't stopped")."""
        end = reading.clauses[word.clause][1]
        if word.end < end and reading.words[word.end] not in ENDED_FOLLOWERS:
            return False
        tag_who = self.tag["who"]
        return not _just_after(word, negations) and not any(
            m.end == word.start and m.concept in tag_who for m in mentions)

    def _only_history(self, reading: Reading) -> bool:
        """Every symptom named is history of years past, or only asked about after it was told
        as such ("last yr I had a 103 fever ..., all good now. is fever on its list?")."""
        if self.tag["long_past"].isdisjoint(reading.concepts):
            return False  # most messages
        symptoms = self._tagged(reading.mentions, "symptom")
        told = [s for s in symptoms if not self._said_back(s, reading) and self._years_past(s, reading.in_clause(s.clause), reading)]
        history = {s.concept for s in told}
        return bool(history) and all(s in told or (s.concept in history and not self.is_reported(s, reading))
                                     for s in symptoms)

    def _said_back(self, symptom: Mention, reading: Reading) -> bool:
        """Said to be back after it ("it went away and came back"), not with a "never" just
        before ("it never came back")."""
        return any(m.start >= symptom.end and reading.words[m.start - 1] not in NOT_BACK
                   for m in self._tagged(reading.mentions, "returned"))

    def _of_someone_who_died(self, symptom: Mention, mentions: Sequence[Mention], reading: Reading) -> bool:
        """A death told in the symptom's clause, with no "I" between them ("my mom died of
        breast cancer and now I have chest pain" is the writer's own news)."""
        for death in self._tagged(mentions, "deceased"):
            first, last = (death.end, symptom.start) if death.end <= symptom.start else (symptom.end, death.start)
            if WRITER_WORDS.isdisjoint(reading.words[first:last]):
                return True
        return False

    def _in_a_story(self, symptom: Mention, before: Sequence[Mention]) -> bool:
        """A story told before the symptom in its clause (a film, a novel, the news, a
        character), with no person of the writer's between ("watching a film and suddenly my
        chest went tight" is news)."""
        stories = self._tagged(before, "story")
        tag_who = self.tag["who"]
        return bool(stories) and not any(m.start >= stories[-1].end and m.concept in tag_who for m in before)

    def _long_ago(self, symptom: Mention, mentions: Sequence[Mention], reading: Reading) -> bool:
        """History: a time long past said right after the symptom, in its clause ("a heart
        attack 10 years ago", "chest pain last month"), or a time years past anywhere in its
        clause ("when i was on herceptin in 2015 my face got flushed"); unless it is since then
        ("since last week"), or the clause says it is so now ("in 2019 and now chest pain")."""
        if self.tag["long_ago"].isdisjoint(reading.concepts) and self.tag["long_past"].isdisjoint(reading.concepts):
            return False
        if self._said_back(symptom, reading):
            return False  # "... last week but it came back today"
        if any(0 <= m.start - symptom.end <= LONG_AGO_REACH and not self._since(m, reading)
               for m in self._tagged(mentions, "long_ago")):
            return True
        return self._years_past(symptom, mentions, reading)

    def _years_past(self, symptom: Mention, mentions: Sequence[Mention], reading: Reading) -> bool:
        """A time years past in the symptom's clause, with no turn to the present between
        them ("in 2019 and now my chest hurts"), and no word that it is so now."""
        if self.tag["long_past"].isdisjoint(reading.concepts):
            return False
        if any(self._tagged(mentions, tag) for tag in ("still_now", "today_or_now", "ongoing", "returned")):
            return False
        words = reading.words
        return any(not self._since(m, reading) and TURNS.isdisjoint(
            words[m.end:symptom.start] if m.end <= symptom.start else words[symptom.end:m.start])
            for m in self._tagged(mentions, "long_past"))

    @staticmethod
    def _since(time: Mention, reading: Reading) -> bool:
        """The time is when it began ("since last week", "for years", "from 2019")."""
        return reading.words[time.start - 1:time.start] in (("since",), ("for",), ("from",))

    def _pets_symptoms(self, reading: Reading) -> frozenset[str]:
        """Symptoms said of a pet or of someone not in their care, wherever else they are
        named ("my coworker's been coughing a lot, is cough a thing with it?")."""
        if self.tag["pet"].isdisjoint(reading.concepts):
            return frozenset()
        tag_symptom = self.tag["symptom"]
        return frozenset(m.concept for m in reading.mentions if m.concept in tag_symptom
                         and self._a_pets(m, reading.in_clause(m.clause), reading))

    def _a_pets(self, symptom: Mention, mentions: Sequence[Mention], reading: Reading) -> bool:
        """A pet (or someone not in their care) named shortly before the symptom, among these
        mentions, with no "I" or "my" between ("my friend says I look grey" is the writer's).
        But a severe sign of a neighbour or a coworker is the writer's to act on: "my coworker
        just collapsed at her desk" needs 911 whoever she is."""
        told_now = self.tag["long_ago"].isdisjoint(reading.sentence_concepts[symptom.sentence]) \
            and self.tag["listing"].isdisjoint(reading.sentence_concepts[symptom.sentence])
        outsider_ok = symptom.concept in self.tag["red_flag"] and told_now  # not "a man in my group had a seizure years ago"
        return any(0 <= symptom.start - m.end <= PERSON_REACH and SELF_WORDS.isdisjoint(reading.words[m.end:symptom.start])
                   and not (outsider_ok and m.concept in self.tag["outsider"])
                   and not (m.concept in self.tag["thing"] and self._person_between(m, symptom, mentions))
                   for m in self._tagged(mentions, "pet"))

    def _person_between(self, thing: Mention, symptom: Mention, mentions: Sequence[Mention]) -> bool:
        """A person named between a thing (a plant) and a symptom: "she was cutting the roses
        and now she can't breathe" is hers, for a rose has no breath."""
        tag_who = self.tag["who"]
        return any(thing.end <= p.start and p.end <= symptom.start and p.concept in tag_who for p in mentions)

    def _denied(self, mention: Mention, reading: Reading) -> bool:
        """A symptom, or a sign that makes one urgent, said to be absent ("no chest pain",
        "no shivers"), or a word of how bad a sign is said with a "not" ("not heavy just slow")."""
        if mention.concept not in self.tag["symptom"] and mention.concept not in self.tag["companion_sign"] \
                and mention.concept not in self.tag["severity"]:
            return False
        before = [m for m in reading.in_clause(mention.clause) if m.end <= mention.start]
        return self._negated(mention, before, reading)

    def _negated(self, symptom: Mention, before: list[Mention], reading: Reading) -> bool:
        """'no fever', 'i dont have chest pain', 'havent had any fever' (only linking words between)."""
        tag_negation = self.tag["negation"]
        for m in before:
            if m.concept not in tag_negation:
                continue
            # "not shaking or confused": one "not" denies each sign of a list joined by "or",
            # however long the signs ("no face swelling or breathing trouble")
            listed = {i for o in before if o.start >= m.end and (o.concept in self.tag["symptom"]
                      or o.concept in self.tag["companion_sign"]) for i in range(o.start, o.end)}
            if symptom.start - m.end <= NEGATION_REACH or listed:
                # from the start of the whole symptom phrase: "no chest pain" negates "pain" too
                start = min((o.start for o in reading.in_clause(symptom.clause) if o.concept in self.tag["symptom"]
                             and m.end <= o.start <= symptom.start and o.end >= symptom.end), default=symptom.start)
                between = reading.words[m.end:start]
                verbs = {w for v in before if v.concept in self.tag["having"] for w in reading.words[v.start:v.end]}
                # a person after the "no" starts a new statement: "dont... im vomiting blood"
                someone = any(p.start >= m.end and p.concept in self.tag["who"] for p in before)
                if not someone and all(w in NEGATION_LINKS or w in verbs or (w in LIST_JOINS and listed) or m.end + k in listed
                                       for k, w in enumerate(between)):
                    return True
        return False

    def _person_link(self, symptom: Mention, before: list[Mention]) -> bool:
        """A person before the symptom, tied to it by a verb ("she has", "im
        getting") or by possession ("my chest"), with no new question between."""
        people = [m for m in self._tagged(before, "who") if symptom.start - m.end <= PERSON_REACH]
        verbs = self._tagged(before, "having")
        questions = [m for m in self._tagged(before, "asks") if not any(v.start == m.start for v in verbs)]
        told_of = self._tagged(before, "listing")
        for person in people:
            if any(q.start >= person.end for q in questions):
                continue
            # "my oncologist mentioned lung problems": a word of telling between them means
            # the possessive is the teller's, not the symptom's
            close = symptom.start - person.end <= 2 and not any(t.start >= person.end for t in told_of)
            # "my chest" (possessive), "she cant breathe" (the symptom is itself a verb phrase)
            owned = close and (person.concept in self.tag["possessive"] or symptom.concept in self.tag["event"])
            linked = owned or any(
                person.start <= v.start and v.start - person.end <= LINK_REACH for v in verbs)
            if linked:
                return True
        return False

    def told(self, reading: Reading) -> str | None:
        """What a message that asks nothing tells: "ack" when it is only an acknowledgement ("ok",
        "got it", "never mind"), "feeling" for a hard feeling ("im nervous about my first
        infusion tomorrow"), "news" for good news, a vent or an exclamation ("STABLE SCAN!!!",
        "just venting, 6 hours in the chair"), else None. A message with a
        question (see _asks), a request, or a question word anywhere asks, unless the word
        only opens what the writer does not know or thought (see _asks_inside)."""
        if self._asks(reading) or not self.tag["request"].isdisjoint(reading.concepts) or self._asks_inside(reading):
            return None
        if self.acknowledges_only(reading):
            return "ack"  # only "ok", "got it", "never mind": the turn moves on
        if not self.feelings.isdisjoint(reading.concepts):
            return "feeling"
        if (reading.exclaims or not self.news.isdisjoint(reading.concepts)) and self.tag["symptom"].isdisjoint(reading.concepts):
            return "news"  # not with a sign named: "fainted at my daughter's wedding" is not thanked
        return None

    def learned_kind(self, learned: LearnedKinds, small_talk: frozenset[str], norm: str, kind: MessageKind,
                     reading: Reading) -> MessageKind:
        """The last back-up (bot/understand/learned_kind.py): a learned model may raise the
        message to its kind (crisis, then emergency, then decision) when the rules and the nearest examples
        did not: people write in words no lexicon holds; a higher bar over a reading of another
        risky kind, which the rules understood. Never lower; and no crisis for a
        message that says it is none ("im not suicidal, ...") and none for one of the
        intents' small-talk phrasings (``small_talk``, normalised: "goodbye" had the crisis
        reply) or a message of only acknowledgements ("oh wait, i found it. never mind" read
        0.93 as a crisis). Here, compiled, rather than in the pipeline (bot/core.py): it is
        asked of every message."""
        if norm in small_talk or self.acknowledges_only(reading):
            return kind
        raisable = self.learned_may_raise(learned.kinds, kind, reading)
        if not raisable:
            return kind  # already a crisis, say: no model can raise it
        thresholds = learned.thresholds_over_risky if kind.risky else learned.thresholds
        reached = learned.first_reached(norm, raisable, thresholds)
        if reached is None:
            return kind
        k, p = reached
        reason = f"the learned {k} back-up: probability {p:.2f}, at or above {thresholds[k]:.2f} (the rules read: {kind.reason})"
        return MessageKind(k, round(p, 3), f"learned_{k}", reason)

    def learned_may_raise(self, kinds: tuple[str, ...], kind: MessageKind, reading: Reading) -> list[str]:
        """Those of ``kinds`` whose learned model (bot/understand/learned_kind.py) may raise
        this reading: only to a kind that comes first; only with the words its kind needs
        and none it must not have (LEARNED_NEEDS, LEARNED_UNLESS); never to a report or an
        emergency for a pet's sign. And an emergency the rules read stays one unless the
        message also holds a word of a crisis, a wish or a goodbye: "my dad finished a bottle
        of whisky with his oxycodone and now his lips look blue" needs 911 first, not 988
        (the crisis model had read it 0.91 after a retrain). Here, compiled, rather than in
        the pipeline (bot/core.py): it is asked of every message."""
        present = reading.concepts
        rank = RANK[kind.kind]
        raisable: list[str] = []
        pets: bool | None = None  # only_a_pets, asked once whichever models need it
        for k in kinds:
            if rank <= RANK[k]:
                continue
            # the word checks first: cheap, and they settle most messages
            needs = self.learned_needs.get(k)
            if needs is not None and needs.isdisjoint(present):
                continue
            unless = self.learned_unless.get(k)
            if unless is not None and not unless.isdisjoint(present):
                continue
            if k == "crisis" and kind.kind == "emergency" and not self.has_crisis_cue(reading):
                continue
            if k in ("symptom_report", "emergency"):
                if pets is None:
                    pets = self.only_a_pets(reading)
                if pets:
                    continue
            raisable.append(k)
        return raisable

    def acknowledges_only(self, reading: Reading) -> bool:
        """Is every word an acknowledgement or a lead-in ("ok", "oh wait, i found it. never mind")?"""
        covered = {i for m in reading.mentions if m.concept in self.acknowledgements for i in range(m.start, m.end)}
        return bool(covered) and len(covered) == len(reading.words)

    def _asks_inside(self, reading: Reading) -> bool:
        """A question word anywhere, unless it only opens what the writer does not know or
        thought ("I don't know how people do this alone", "that's what I thought")."""
        embedded = self._tagged(reading.mentions, "embedded_question")
        tag_asks_anywhere = self.tag["asks_anywhere"]
        return any(m.concept in tag_asks_anywhere and not any(e.start < m.start < e.end for e in embedded)
                   for m in reading.mentions)

    def _asks(self, reading: Reading) -> bool:
        """Does the message ask anything: a question mark, a clause opened by a question word
        ("... do they mess with my tykerb") or a question's last words ("ok together or not")?"""
        return reading.question_mark or not self.tag["asks_at_end"].isdisjoint(reading.concepts) or any(
            self._question_opener(reading.in_clause(clause), start) is not None
            for clause, (start, _) in enumerate(reading.clauses))

    def _question_opener(self, mentions: tuple[Mention, ...], first: int) -> Mention | None:
        """The question word that opens the clause, after any lead-in ("hi, so what..."), if any;
        not a word of a symptom's own ("can't do up buttons" asks nothing)."""
        position = self._after_lead_in(mentions, first)
        symptoms = self._tagged(mentions, "symptom")
        return next((m for m in self._tagged(mentions, "asks") if m.start == position
                     and not any(s.start < m.start and m.end <= s.end for s in symptoms)), None)

    def _opens_a_clause(self, concepts: frozenset[str], reading: Reading,
                        within: Sequence[Mention] | None = None) -> bool:
        """Is a clause's first word (after any lead-in, as for a question word) one of these
        concepts' (one of the mentions ``within``, if given)?"""
        for clause, (start, _) in enumerate(reading.clauses):
            mentions = reading.in_clause(clause)
            position = self._after_lead_in(mentions, start)
            if any(m.start == position and m.concept in concepts and (within is None or m in within)
                   for m in mentions):
                return True
        return False

    def _after_lead_in(self, mentions: Sequence[Mention], first: int) -> int:
        """Where a clause starting at ``first`` really begins, after any lead-in ("hi, so ...")."""
        lead = self.tag["lead"]
        if not any(m.concept in lead for m in mentions):
            return first  # most clauses have no lead-in: no need to sort
        position = first
        for m in sorted(mentions, key=lambda m: m.start):
            if m.start == position and m.concept in lead:
                position = m.end
        return position

    def _bare_topic(self, mentions: tuple[Mention, ...], reading: Reading, clause: int) -> bool:
        """A search-style topic, not a statement: one symptom name on its own,
        or symptom names right next to a drug name ("enhertu nausea",
        "nausea with tukysa?"), with no verb. "mouth ulcers on tucatinib" and
        "dry skin and lips cracking" are statements."""
        if self._tagged(mentions, "having"):
            return False
        tag_symptom = self.tag["symptom"]
        if not reading.question_mark and len({m.clause for m in reading.mentions if m.concept in tag_symptom}) > 1:
            return False  # symptoms listed one after another ("irritable, snapping at everyone, barely sleeping") are told
        start, end = reading.clauses[clause]
        symptoms = self._tagged(mentions, "symptom")
        covered: set[int] = set()
        for m in mentions:
            if m.concept in tag_symptom or m.concept in self.tag["filler"]:
                covered.update(range(m.start, m.end))
        for m in mentions:  # another medicine's name is a name too: "anastrozole joint pain"
            if m.concept in self.tag["outside_name"]:
                covered.update(range(m.start, m.end))
        if not all(i in covered or reading.words[i] == "@drug" for i in range(start, end)):
            return False
        links = self._links(reading)
        words = [w for w in reading.words[start:end] if w not in links]
        if len(words) < end - start:  # "on", "since", "after": had while on a drug
            return False
        tag_outside_name = self.tag["outside_name"]
        named = "@drug" in words or any(m.concept in tag_outside_name for m in mentions)
        return named or len({(m.start, m.end) for m in symptoms}) == 1


def _separate(mentions: list[Mention]) -> list[Mention]:
    """The mentions that do not overlap one another (the first of each overlap)."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if all(m.start >= k.end or m.end <= k.start for k in kept):
            kept.append(m)
    return kept

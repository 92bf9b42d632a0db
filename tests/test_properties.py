"""Safety invariants, checked on arbitrary text with hypothesis (not only
examples): any message, in any conversation state, gets a reply that never
raises, always ends with the disclaimer, gives the Komen helpline whenever it
falls back, and never echoes markup back."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import State

HELPLINE = ("1-877-465-6636", "mbc.komen.org")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

words = st.sampled_from(
    ["what", "is", "kadcyla", "enhertu", "her2", "low", "side", "effects", "lungs", "pill", "and", "it", "how",
     "given", "dose", "chest", "pain", "cost", "<b>", "<script>alert(1)</script>", "💊", "¿", "\x00", "\u202e",
     "tukysa", "hair", "loss", "compare", "vs", "which", "drugs", "i", "dont", "want", "know", "cure"]
)
messages = st.one_of(
    st.text(max_size=300),
    st.lists(words, max_size=25).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1900, max_size=2600),
    st.just(""),
    st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c"), max_size=50),
    st.builds(lambda a, b: f"<{a} src=x onerror={b}>", st.text(max_size=10), st.text(max_size=10)),
)
drug_ids = st.sampled_from([None, "trastuzumab", "pertuzumab", "tucatinib", "ado-trastuzumab-emtansine", "no-such-drug"])
states = st.builds(
    lambda intent, drug, turns: State(intent=intent, drug=drug, turns=turns),
    st.sampled_from([None, "drug_how_given", "drug_side_effect_check", "compare_drugs", "her2_low", "no_such_intent"]),
    drug_ids,
    st.integers(min_value=0, max_value=10_000),
)


def check_invariants(bot, reply) -> None:
    assert reply.text.endswith(bot.disclaimer)
    assert reply.disclaimer == bot.disclaimer
    if reply.fallback:
        assert all(h in reply.text for h in HELPLINE)
    assert 0.0 <= reply.confidence <= 1.0
    assert "<" not in reply.text and ">" not in reply.text  # no markup echoed (answers never contain it)
    assert all(number in reply.text for number in reply.calls)  # a tap-to-call link says what the text says
    if reply.kind in ("crisis", "emergency"):
        assert "911" in reply.calls
    json.dumps(reply.to_dict())


@SETTINGS
@given(text=messages)
def test_any_message_in_a_fresh_conversation(bot, text):
    reply, state = bot.respond(text)
    check_invariants(bot, reply)
    assert State.from_dict(json.loads(json.dumps(state.to_dict()))) == state


@SETTINGS
@given(text=messages, state=states)
def test_any_message_in_any_state(bot, text, state):
    reply, _ = bot.respond(text, state)
    check_invariants(bot, reply)


@SETTINGS
@given(turns=st.lists(messages, min_size=1, max_size=6))
def test_any_conversation(bot, turns):
    chat = bot.conversation()
    for text in turns:
        check_invariants(bot, chat.ask(text))


CRISES = ["I want to kill myself", "i dont want to be here anymore", "i have pills saved up",
          "everyone would be better off without me", "i want to die", "im thinking about ending it",
          "i have a plan to end my life", "theres no point in living anymore"]
EMERGENCIES = ["I have chest pain", "she can't breathe", "he fainted", "having a severe allergic reaction",
               "her lips are turning blue", "im vomiting blood", "my mom wont wake up", "my throat is closing up",
               "he is having a seizure", "my toddler swallowed one of my pills"]
QUESTIONS = ["what is kadcyla", "does enhertu cause nausea", "how is herceptin given", "which drugs are pills",
             "what is her2 low", "is tukysa a pill", "compare perjeta and phesgo", "how do you say neratinib"]
CASINGS = [str, str.lower, str.upper, str.title, str.swapcase]


@SETTINGS
@given(prefix=st.lists(words, max_size=6).map(" ".join), suffix=st.lists(words, max_size=6).map(" ".join),
       trigger=st.sampled_from(CRISES + EMERGENCIES))
def test_emergencies_are_always_escalated(bot, prefix, suffix, trigger):
    reply, _ = bot.respond(f"{prefix} {trigger} {suffix}")
    assert reply.intent in ("safety.emergency", "safety.crisis")
    assert "911" in reply.text or "988" in reply.text


@SETTINGS
@given(before=st.lists(st.sampled_from(QUESTIONS), max_size=2), after=st.lists(st.sampled_from(QUESTIONS), max_size=2),
       trigger=st.sampled_from(CRISES + EMERGENCIES), casing=st.sampled_from(CASINGS), seed=st.integers(0, 10_000),
       joiner=st.sampled_from([". ", "? ", ", ", " and ", " "]))
def test_crises_and_emergencies_among_drug_questions_typos_and_casing(bot, before, after, trigger, casing, seed, joiner):
    from bot.quality.typos import perturb

    around = [perturb(q, seed, 0.3) for q in before], [perturb(q, seed + 1, 0.3) for q in after]
    text = casing(joiner.join([*around[0], trigger, *around[1]]))
    reply, _ = bot.respond(text)
    wanted = "988" if trigger in CRISES else "911"
    assert wanted in reply.text and wanted in reply.calls, text
    assert reply.kind in ("crisis", "emergency"), text


@SETTINGS
@given(prefix=st.lists(words, max_size=5).map(" ".join),
       drug=st.sampled_from(["kadcyla", "enhertu", "tukysa", "herceptin", "it"]),
       template=st.sampled_from(["what dose of {d} should I take", "I missed a dose of {d}", "should I stop taking {d}",
                                 "can I switch from {d}", "how many mg of {d}"]))
def test_personal_medical_decisions_are_always_deferred(bot, prefix, drug, template):
    text = f"{prefix} {template.format(d=drug)}"
    reply, _ = bot.respond(text)
    if reply.intent in ("safety.emergency", "safety.crisis"):
        return  # an emergency word in the random prefix rightly takes priority
    assert reply.intent == "safety.decision", text
    assert "doctor, nurse or pharmacist" in reply.text
    assert all(h in reply.text for h in HELPLINE)


# letters of scripts the bot cannot read; a word is 2-8 of them
_SCRIPTS = ("\u0400-\u044f", "\u0621-\u064a", "\u0905-\u0939", "\u4e00-\u9fa5", "\uac00-\ud7a3", "\u0e01-\u0e2e")
_foreign_words = st.sampled_from(_SCRIPTS).flatmap(
    lambda r: st.lists(st.text(alphabet=st.characters(min_codepoint=ord(r[0]), max_codepoint=ord(r[-1])),
                               min_size=2, max_size=8), min_size=1, max_size=8).map(" ".join))


@SETTINGS
@given(text=_foreign_words, drug=st.sampled_from(["", " Enhertu", " Kadcyla!!", " 40"]), state=states)
def test_a_message_the_bot_cannot_read_never_gets_an_all_clear(bot, text, drug, state):
    """In a script the bot can't read it may hold an emergency or a crisis: whatever the
    reply, it gives 911 (the crisis, emergency and other-language replies all do), with
    a tap-to-call link."""
    reply, _ = bot.respond(text + drug, state)
    check_invariants(bot, reply)
    assert "911" in reply.text and "911" in reply.calls


# Worried messages in languages written in Latin letters (Spanish, Portuguese, French,
# Italian, Polish, German): the speller knows or corrects many of their short words.
_LATIN_SCRIPT_WORRIES = [
    "mi mamá está muy mal desde anoche y no sé qué hacer",
    "mi esposo tiene mucho dolor y no puede dormir, ayúdenme por favor",
    "minha mãe está muito fraca e não quer comer nada desde ontem",
    "meu marido está com muita dor e eu não sei o que fazer",
    "ma mère ne va pas bien du tout depuis hier soir, je ne sais pas quoi faire",
    "mon mari a très mal et il ne dort plus, aidez-moi",
    "mia madre sta molto male da ieri sera e non so cosa fare",
    "mio marito ha tanto dolore e non riesce a dormire, aiutatemi",
    "moja mama bardzo źle się czuje od wczoraj i nie wiem co robić",
    "meiner Mutter geht es seit gestern sehr schlecht und ich weiß nicht, was ich tun soll",
]


@SETTINGS
@given(text=st.sampled_from(_LATIN_SCRIPT_WORRIES), drug=st.sampled_from(["", " Enhertu", " kadcyla", " HERCEPTIN", " tukysa 150"]),
       casing=st.sampled_from(CASINGS), end=st.sampled_from(["", "?", "!!", " ...", "??"]), state=states)
def test_a_worry_in_another_language_in_latin_letters_never_gets_an_all_clear(bot, text, drug, casing, end, state):
    """Whatever the stages make of it, the reply gives 911 as a tap-to-call link: the
    emergency or crisis reply, or the one that says the bot reads English only."""
    reply, _ = bot.respond(casing(text + drug) + end, state)
    check_invariants(bot, reply)
    assert "911" in reply.calls, (text, drug, reply.kind, reply.intent)

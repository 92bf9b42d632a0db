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


@SETTINGS
@given(prefix=st.lists(words, max_size=6).map(" ".join), suffix=st.lists(words, max_size=6).map(" ".join),
       trigger=st.sampled_from(["I have chest pain", "she can't breathe", "he fainted", "I want to kill myself",
                                "having a severe allergic reaction"]))
def test_emergencies_are_always_escalated(bot, prefix, suffix, trigger):
    reply, _ = bot.respond(f"{prefix} {trigger} {suffix}")
    assert reply.intent in ("safety.emergency", "safety.self_harm")
    assert "911" in reply.text or "988" in reply.text


@SETTINGS
@given(prefix=st.lists(words, max_size=5).map(" ".join),
       drug=st.sampled_from(["kadcyla", "enhertu", "tukysa", "herceptin", "it"]),
       template=st.sampled_from(["what dose of {d} should I take", "I missed a dose of {d}", "should I stop taking {d}",
                                 "can I switch from {d}", "how many mg of {d}"]))
def test_personal_medical_decisions_are_always_deferred(bot, prefix, drug, template):
    text = f"{prefix} {template.format(d=drug)}"
    reply, _ = bot.respond(text)
    if reply.intent in ("safety.emergency", "safety.self_harm"):
        return  # an emergency word in the random prefix rightly takes priority
    assert reply.intent == "safety.personal_decision", text
    assert "doctor or care team" in reply.text
    assert all(h in reply.text for h in HELPLINE)

"""The interactive chat, driven headless through the real PromptSession."""

from __future__ import annotations


from bot import Bot
from bot.channels.repl import COMMANDS
from chat_driver import CTRL_C, CTRL_D, ENTER, RIGHT, TAB, WaitFor


WHICH_DRUG = "Which drug do you mean?"


def after(output: str, marker: str) -> str:
    """The output printed after the last occurrence of `marker`."""
    assert marker in output, f"{marker!r} not in output:\n{output}"
    return output.rsplit(marker, 1)[1]


def test_welcome_says_what_it_is_not_a_doctor_the_helpline_and_examples(run_chat, bot: Bot):
    run = run_chat(CTRL_D)
    welcome = " ".join(run.output.split())  # ignore wrapping
    assert "not a doctor" in welcome
    assert "1-877 GO KOMEN (1-877-465-6636)" in welcome and "mbc.komen.org" in welcome
    for i, example in enumerate(bot.content.fallback_suggestions, 1):
        assert f"{i}. {example}" in welcome
    assert "/help" in welcome


def test_follow_up_question_uses_the_drug_from_the_previous_turn(run_chat):
    run = run_chat("what is kadcyla" + ENTER + "how is it given" + ENTER + "/quit" + ENTER)
    assert run.status == 0
    first, second = run.output.split("You could also ask:", 1)
    assert "Ado-trastuzumab emtansine (Kadcyla) is" in " ".join(first.split())
    assert "Kadcyla is given as an IV drug" in " ".join(second.split())
    assert WHICH_DRUG not in run.output


def test_typing_a_number_asks_that_suggestion(run_chat):
    # after "what is kadcyla" the suggestions are numbered; find which number is "how is it given"
    first = run_chat("what is kadcyla" + ENTER)
    lines = [l.strip() for l in first.output.splitlines()]
    number = next(l.split(".")[0] for l in lines if l.endswith("How is Kadcyla given?"))
    run = run_chat("what is kadcyla" + ENTER + number + ENTER)
    tail = after(run.output, "asking: How is Kadcyla given?")
    assert "Kadcyla is given as an IV drug" in " ".join(tail.split())


def test_which_drug_choices_can_be_picked_by_number(run_chat, bot: Bot):
    run = run_chat("how is it given" + ENTER)
    assert WHICH_DRUG in run.output
    brands = [d.brand_names[0] for d in bot.content.drugs]
    number = brands.index("Kadcyla") + 1
    run = run_chat("how is it given" + ENTER + f"{number}" + ENTER)
    tail = after(run.output, "asking: Kadcyla")
    assert "Kadcyla is given as an IV drug" in " ".join(tail.split())


def test_out_of_range_or_missing_choice_numbers_get_a_message(run_chat):
    run = run_chat("what is kadcyla" + ENTER + "9" + ENTER)
    assert "pick a number from 1 to 3" in run.output
    run = run_chat("/reset" + ENTER + "2" + ENTER)
    assert "no numbered choices" in run.output


def test_reset_forgets_the_drug(run_chat):
    run = run_chat("what is kadcyla" + ENTER + "/reset" + ENTER + "how is it given" + ENTER)
    tail = after(run.output, "forgotten our conversation")
    assert WHICH_DRUG in tail
    assert "IV" not in tail


def test_quit_and_ctrl_d_exit_with_status_0_and_say_goodbye(run_chat):
    for keys in ("/quit" + ENTER + "what is kadcyla" + ENTER, CTRL_D + "what is kadcyla" + ENTER):
        run = run_chat(keys)
        assert run.status == 0
        assert run.output.rstrip().endswith("mbc.komen.org.")
        assert "Kadcyla" not in run.output  # nothing after the quit was answered


def test_ctrl_c_drops_the_line_and_the_chat_goes_on(run_chat):
    run = run_chat("what is kad" + CTRL_C + "what is enhertu" + ENTER + "/quit" + ENTER)
    assert run.status == 0
    text = " ".join(run.output.split())
    assert "Enhertu" in text
    assert "Kadcyla" not in text  # the dropped line was never asked


def test_unknown_command_gets_a_helpful_message(run_chat):
    run = run_chat("/hlep" + ENTER + "/frobnicate" + ENTER)
    assert "I don't know the command /hlep. Did you mean /help?" in run.output
    assert "I don't know the command /frobnicate. Type /help" in run.output


def test_help_lists_every_command_and_topics_lists_drugs_and_topics(run_chat, bot: Bot):
    run = run_chat("/help" + ENTER + "/topics" + ENTER)
    for command in COMMANDS:
        assert command in run.output
    topics = after(run.output, "I can answer questions about:")
    for topic in bot.content.topics.values():
        assert topic.title in topics
    for drug in bot.content.drugs:
        assert drug.name in topics and drug.brand_names[0] in topics


def test_debug_on_shows_intent_and_entities_and_off_hides_them(run_chat):
    run = run_chat("/debug on" + ENTER + "how is kadcyla given" + ENTER
                   + "/debug off" + ENTER + "what is enhertu" + ENTER)
    on_part, off_part = run.output.split("Debug output is off", 1)
    assert "intent=drug_how_given" in on_part and "drug=ado-trastuzumab-emtansine" in on_part
    assert "[debug]" not in off_part
    run = run_chat("/debug maybe" + ENTER)
    assert "/debug takes 'on' or 'off'" in run.output


def test_debug_flag_starts_with_debug_on(run_chat):
    run = run_chat("what is enhertu" + ENTER, debug=True)
    assert "intent=drug_overview" in run.output


def test_every_reply_carries_the_disclaimer_and_fallback_the_helpline(run_chat, bot: Bot):
    run = run_chat("what is kadcyla" + ENTER + "qwerty zxcv" + ENTER)
    flat = " ".join(run.output.split())
    assert flat.count(bot.disclaimer) == 2
    fallback = flat.split(bot.disclaimer)[1]  # between the two disclaimers
    assert "can't answer" in fallback and "1-877-465-6636" in fallback


def test_replies_are_wrapped_to_the_width(run_chat):
    run = run_chat("what is kadcyla" + ENTER + "what are the side effects of enhertu" + ENTER, width=50)
    assert max(len(line) for line in run.output.splitlines()) <= 50


def test_history_goes_to_the_history_file_and_numbers_are_stored_as_questions(run_chat, history_file):
    run = run_chat("what is kadcyla" + ENTER + "2" + ENTER)
    saved = history_file.read_text()
    assert "+what is kadcyla" in saved
    picked = after(run.output, "asking: ").splitlines()[0]
    assert f"+{picked}" in saved
    assert "+2\n" not in saved


def test_auto_suggest_from_history(run_chat):
    run_chat("what are the side effects of tukysa" + ENTER)
    # a new session: typing the start and pressing Right accepts the suggestion
    run = run_chat("what are the side effects of tu", WaitFor("kysa"), RIGHT + ENTER, screen=True)
    assert "tucatinib (Tukysa)" in " ".join(after(run.output, "leave.").split())


def test_tab_completes_brand_names(run_chat, history_file):
    run = run_chat("what is kadc", WaitFor("Kadcyla"), TAB, ENTER, screen=True)
    tail = " ".join(after(run.output, "leave.").split())
    assert "Ado-trastuzumab emtansine (Kadcyla) is" in tail
    assert "+what is Kadcyla" in history_file.read_text()


def test_completer_offers_commands_and_generic_names(bot: Bot, history_file):
    import io

    from prompt_toolkit.document import Document

    from bot.channels.repl import ChatSession, _prompt_session

    session, _ = _prompt_session(ChatSession(bot, io.StringIO()), None, None, history_file)
    complete = lambda text: [c.text for c in session.completer.get_completions(Document(text), None)]  # noqa: E731
    assert complete("/to") == ["/topics"]
    assert set(complete("/")) == set(COMMANDS)
    assert "trastuzumab deruxtecan" in complete("is trastuzumab d")[:5] or "trastuzumab deruxtecan" in complete("trastuzumab")
    assert complete("side effects of tuca") == ["tucatinib"]
    assert complete("x") == []


# A near tie between two different answers (a bare "her2 low" stopped being one
# when a look-up and its topic began to be told apart by what was asked)
AMBIGUOUS = "are liver tests needed on nerlynx"


def test_clarification_choices_can_be_picked_by_number(run_chat, bot: Bot):
    reply, _ = bot.respond(AMBIGUOUS)
    assert reply.intent == "clarify", "pick another ambiguous question: this one is no longer a near tie"
    choice = reply.suggestions[-1]
    expected, _ = bot.respond(choice)
    run = run_chat(AMBIGUOUS + ENTER + f"{len(reply.suggestions)}" + ENTER)
    first_choice = run.output.index(f"1. {reply.suggestions[0]}")
    assert first_choice < run.output.index("This information is for education only")  # choices follow the question
    tail = " ".join(after(run.output, f"asking: {choice}").split())
    assert " ".join(expected.text.split()[:8]) in tail

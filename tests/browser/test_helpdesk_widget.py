"""The widget's help-desk loop in a real browser, at desktop and phone size:
citations behind "Where is this from?", thumbs up/down, a person one tap
away, a conversation that survives a reload, "New conversation",
"Questions for my doctor" (print view), urgent replies with tap-to-call
links, and the fixes of issue 15 (compact per-answer disclaimer, tab order,
one live region, the sheet's capitalisation), all checked with axe-core."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from bot import Bot
from bot.answer.doctor_questions import sheet_questions
from bot.answer.format import body_of

if os.environ.get("HER2BOT_REQUIRE_SYSTEM_TESTS") != "1":
    pytest.importorskip("playwright", reason="the playwright package is not installed")
from playwright.sync_api import Page, expect  # noqa: E402
from test_widget import BOT_MSGS, USER_MSGS, focused, open_with_keyboard, send_typed  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
UNANSWERED = ARTIFACTS / "unanswered.sqlite"  # where conftest's server records unanswered questions
DOCS = REPO / "docs"
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
}
CRISIS = "i want to kill myself"
EMERGENCY = "my chest hurts and i cant breathe"
DECISION = "should i stop taking enhertu"
FALLBACK = "what is the capital of peru"
# The text a sighted user sees: text whose element is drawn larger than the
# 1-pixel box of visually hidden (screen-reader-only) text.
VISIBLE_TEXT = r"""(root) => {
  const out = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const box = child.parentElement.getBoundingClientRect();
        if (box.width > 1 && box.height > 1) out.push(child.textContent);
      } else if (child.nodeType === Node.ELEMENT_NODE && getComputedStyle(child).display !== 'none') {
        walk(child);
      }
    }
  };
  walk(root);
  return out.join(' ').replace(/\s+/g, ' ');
}"""
LIVE_REGIONS = """() => {
  const root = document.getElementById('her2bot-widget').shadowRoot;
  const live = [...root.querySelectorAll('[aria-live]')].filter(e => e.getAttribute('aria-live') !== 'off');
  const implicit = root.querySelectorAll('[role=log], [role=status], [role=alert], [role=marquee], [role=timer], output');
  return {count: live.length + implicit.length, text: live.length ? live[0].textContent : null};
}"""


@pytest.fixture(params=sorted(VIEWPORTS))
def any_page(request, browser):  # noqa: D103 (each test runs at desktop and at phone size)
    context = browser.new_context(**VIEWPORTS[request.param])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


def is_phone(page: Page) -> bool:
    return page.viewport_size["width"] < 500


def shot(page: Page, name: str, docs_name: str | None = None) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
    if docs_name and (os.environ.get("HER2BOT_UPDATE_SCREENSHOTS") == "1" or not (DOCS / docs_name).exists()):
        shutil.copyfile(ARTIFACTS / name, DOCS / docs_name)


def feedback_total(server: str, intent: str, helpful: bool) -> int:
    with urllib.request.urlopen(server + "/metrics/feedback", timeout=5) as response:
        text = response.read().decode()
    wanted = f'intent="{intent}",'
    flag = f'helpful="{str(helpful).lower()}"'
    return sum(int(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("her2bot_feedback_total") and wanted in line and flag in line)


def chat_http(server: str, message: str, session_id: str | None) -> dict:
    request = urllib.request.Request(server + "/api/chat", data=json.dumps({"message": message, "session_id": session_id}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def session_storage(page: Page, key: str):
    return page.evaluate(f"() => sessionStorage.getItem('her2bot.{key}')")


# ---------------------------------------------------------------- 1. citations
def test_citations_are_behind_where_is_this_from(any_page: Page, server: str, bot: Bot):
    page = any_page
    page.goto(server + "/")
    open_with_keyboard(page)
    reply, _ = bot.respond("how is enhertu given?")
    send_typed(page, "how is enhertu given?")
    answer = page.locator(BOT_MSGS).last
    summary = answer.locator("details.sources summary")
    expect(summary).to_have_text("Where is this from?")
    items = answer.locator("details.sources li")
    expect(items.first).to_be_hidden()                               # closed until asked
    summary.focus()
    page.keyboard.press("Enter")                                      # a keyboard opens it too
    expect(items.first).to_be_visible()
    assert items.all_text_contents() == [f"{c.section}: {c.detail}" for c in reply.citations]
    shot(page, f"widget-citations-{'phone' if is_phone(page) else 'desktop'}.png")
    page.locator("input").focus()
    send_typed(page, FALLBACK)
    expect(page.locator(BOT_MSGS).last.locator("details.sources")).to_have_count(0)  # a fallback cites nothing


# ---------------------------------------------------------------- 2. feedback
def test_thumbs_up_is_one_labelled_press_with_a_thank_you(any_page: Page, server: str, bot: Bot):
    page = any_page
    sent: list[dict] = []
    page.on("request", lambda r: sent.append(json.loads(r.post_data)) if r.url.endswith("/api/feedback") else None)
    page.goto(server + "/")
    open_with_keyboard(page)
    intent = bot.respond("what is her2")[0].intent
    before = feedback_total(server, intent, True)
    send_typed(page, "what is her2")
    answer = page.locator(BOT_MSGS).last
    up = answer.get_by_role("button", name="Yes, this answer helped")
    down = answer.get_by_role("button", name="No, this answer did not help")
    expect(answer.get_by_role("group", name="Was this answer helpful?")).to_be_visible()
    up.focus()
    page.keyboard.press("Enter")
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(down).to_have_attribute("aria-pressed", "false")
    for button in (up, down):
        expect(button).to_have_attribute("aria-disabled", "true")
    expect(answer.locator(".thanks")).to_have_text("Thank you.")
    down.click(force=True)                                           # one press only (aria-disabled)
    expect(down).to_have_attribute("aria-pressed", "false")
    deadline = time.monotonic() + 5
    while feedback_total(server, intent, True) != before + 1:
        assert time.monotonic() < deadline, "the rating did not reach the server"
        time.sleep(0.1)
    assert len(sent) == 1 and set(sent[0]) == {"session_id", "reply_id", "helpful"} and sent[0]["helpful"] is True
    assert "what is her2" not in json.dumps(sent)                    # no message text
    expect(page.locator(BOT_MSGS).first.locator(".rate")).to_have_count(0)  # the welcome is not rated


# ---------------------------------------------------------------- 3. unanswered questions
def test_a_question_the_widget_could_not_answer_reaches_the_review_scrubbed(any_page: Page, server: str):
    import sqlite3
    import subprocess
    import sys
    import uuid

    page = any_page
    page.goto(server + "/")
    open_with_keyboard(page)
    marker = "grapefruit" + uuid.uuid4().hex[:6].translate(str.maketrans("0123456789", "ghijklmnop"))
    send_typed(page, f"is {marker} a cancer drug? text me on 555 0199 or at kim@example.org")
    assert page.locator(BOT_MSGS).last.locator("a.person-call").count() == 1  # a fallback
    session = session_storage(page, "session")
    with sqlite3.connect(UNANSWERED) as db:
        dump = "\n".join(db.iterdump())
        rows = [r[0] for r in db.execute("SELECT text FROM unanswered") if marker in r[0]]
    assert rows == [f"is {marker} a cancer drug? text me on ### #### or at [email]"]
    assert session not in dump and "kim@" not in dump and "555" not in dump
    done = subprocess.run([sys.executable, "-m", "bot", "--content", str(REPO), "review", str(UNANSWERED), "--json"],
                          capture_output=True, text=True, timeout=60)
    groups = json.loads(done.stdout)["groups"]
    assert any(rows[0] in [g["example"], *g["variants"]] for g in groups)


# ---------------------------------------------------------------- 4. a person one tap away
def test_a_person_is_one_tap_away_in_the_same_place(any_page: Page, server: str):
    page = any_page
    page.goto(server + "/")
    open_with_keyboard(page)
    call = page.locator(".person .person-phone")
    expect(page.locator(".person")).to_contain_text("Talk to a person")
    expect(call).to_have_text("Call 1-877-465-6636")
    expect(call).to_have_attribute("href", "tel:18774656636")
    expect(page.locator(".person .person-web")).to_have_attribute("href", "https://mbc.komen.org/")
    in_chat = call.bounding_box()
    send_typed(page, FALLBACK)
    person = page.locator(BOT_MSGS).last.locator("a.person-call")
    expect(person).to_have_attribute("href", "tel:18774656636")
    expect(person).to_contain_text("Talk to a person")
    box = person.bounding_box()
    assert box and box["height"] >= 44
    page.locator(".doctor-open").click()
    expect(page.locator(".doctor")).to_be_visible()
    assert call.bounding_box() == in_chat                             # consistent help: same place on every screen


def test_the_host_page_chooses_its_own_contact(page: Page, server: str):
    html = (f'<!doctype html><html lang="en"><head><title>Our help desk</title></head><body><main><h1>Help</h1></main>'
            f'<script src="{server}/widget.js" data-api="{server}" data-contact-label="Call our nurses" '
            f'data-contact-phone="1-800-555-0100" data-contact-url="https://help.example.org/nurses" defer></script>'
            f'</body></html>')
    page.route(server + "/our-help", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(server + "/our-help")
    open_with_keyboard(page)
    expect(page.locator(".person")).to_contain_text("Call our nurses:")
    expect(page.locator(".person-phone")).to_have_attribute("href", "tel:18005550100")
    expect(page.locator(".person-web")).to_have_attribute("href", "https://help.example.org/nurses")
    expect(page.locator(".person-web")).to_have_text("help.example.org/nurses")
    send_typed(page, FALLBACK)
    expect(page.locator(BOT_MSGS).last.locator("a.person-call")).to_have_attribute("href", "tel:18005550100")


def test_a_script_link_is_refused_as_the_contact(page: Page, server: str):
    html = (f'<!doctype html><html lang="en"><head><title>x</title></head><body>'
            f'<script src="{server}/widget.js" data-api="{server}" data-contact-url="javascript:alert(1)" defer></script></body></html>')
    page.route(server + "/bad-help", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(server + "/bad-help")
    open_with_keyboard(page)
    expect(page.locator(".person-web")).to_have_attribute("href", "https://mbc.komen.org/")


# ---------------------------------------------------------------- 5. a conversation that survives
def test_the_transcript_survives_a_reload_and_new_conversation_resets_it(any_page: Page, server: str):
    page = any_page
    page.goto(server + "/")
    open_with_keyboard(page)
    send_typed(page, "what is kadcyla")
    send_typed(page, "how is it given")
    page.locator(BOT_MSGS).nth(1).locator(".thumb.up").click()
    messages = page.locator(".log .msg").all_text_contents()
    suggestions = page.locator(".suggestions .suggestion").all_text_contents()
    session = session_storage(page, "session")
    assert session and len(messages) == 5                            # welcome, 2 questions, 2 answers

    page.reload()
    open_with_keyboard(page)
    expect(page.locator(".log .msg")).to_have_count(5)
    assert page.locator(".log .msg").all_text_contents() == messages
    assert page.locator(".suggestions .suggestion").all_text_contents() == suggestions
    expect(page.locator(BOT_MSGS).nth(1).locator(".thumb.up")).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(200)
    assert page.evaluate(LIVE_REGIONS)["text"] == ""                 # a restored transcript is not read out again
    assert session_storage(page, "session") == session
    assert "IV" in send_typed(page, "is it given by iv")              # the server-side context is still there

    page.locator(".restart").click()
    expect(page.locator(".log .msg")).to_have_count(1)               # the welcome only
    assert focused(page) == "her2bot-input"
    assert session_storage(page, "session") is None and session_storage(page, "transcript") != json.dumps(messages)
    deadline = time.monotonic() + 5
    while not chat_http(server, "how is it given", session)["new_session"]:  # the server forgot it too
        assert time.monotonic() < deadline, "the server still knows the old conversation"
        time.sleep(0.1)
    page.reload()
    open_with_keyboard(page)
    expect(page.locator(".log .msg")).to_have_count(1)


def test_a_tampered_saved_transcript_is_shown_as_text(page: Page, server: str):
    page.goto(server + "/")
    page.evaluate("""() => sessionStorage.setItem('her2bot.transcript', JSON.stringify([
      {who: 'user', text: '<img src=x onerror=alert(1)>'},
      {who: 'bot', reply: {text: '<b>bold</b>', kind: '__proto__', reply_id: 'x', fallback: false,
                           citations: [{section: '<i>s</i>', detail: '<script>alert(2)</script>'}]}},
      {who: 'nobody'}, 42, null]))""")
    page.reload()
    open_with_keyboard(page)
    expect(page.locator(".log .msg")).to_have_count(2)
    expect(page.locator(USER_MSGS).last).to_contain_text("<img src=x onerror=alert(1)>")
    expect(page.locator(BOT_MSGS).last).to_contain_text("<b>bold</b>")
    counts = page.evaluate("""() => {
      const root = document.getElementById('her2bot-widget').shadowRoot;
      return [root.querySelectorAll('img, b, i, script').length, root.querySelectorAll('.urgent').length];
    }""")
    assert counts == [0, 0]


def test_questions_for_my_doctor_is_a_printable_list(any_page: Page, server: str, bot: Bot):
    page = any_page
    assert bot.respond(DECISION)[0].kind == "decision"
    page.goto(server + "/")
    open_with_keyboard(page)
    send_typed(page, DECISION)
    send_typed(page, "what is kadcyla")
    page.reload()                                                    # the list is kept for the tab, like the transcript
    open_with_keyboard(page)
    opener = page.locator(".doctor-open")
    opener.click()
    expect(page.locator(".doctor")).to_be_visible()
    expect(page.locator(".chat")).to_be_hidden()
    assert focused(page) == "her2bot-doctor-title"
    assert page.locator(".doctor ul.mine li").all_text_contents() == [DECISION]
    expect(page.locator(".doctor ol.sheet-questions li")).to_have_count(len(sheet_questions(bot.content)))
    assert page.locator(".doctor ol.sheet-questions li").all_text_contents() == list(sheet_questions(bot.content))
    expect(page.locator(".doctor")).to_contain_text(bot.content.topics["doctor_questions"].section)
    shot(page, f"widget-doctor-{'phone' if is_phone(page) else 'desktop'}.png",
         "widget-doctor-phone.png" if is_phone(page) else None)

    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Print this list").click()
    assert page.evaluate("() => window.__printed") == 1
    page.emulate_media(media="print")                                 # what the printout shows: the list, not the page
    expect(page.locator("main")).to_be_hidden()
    expect(page.locator(".doctor ol.sheet-questions")).to_be_visible()
    expect(page.locator(".launcher")).to_be_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("button", name="Back to the chat").click()
    expect(page.locator(".chat")).to_be_visible()
    assert focused(page) and "doctor-open" in focused(page)
    page.emulate_media(media="print")                                 # back in the chat, printing prints the page again
    expect(page.locator("main")).to_be_visible()
    page.emulate_media(media="screen")


# ---------------------------------------------------------------- issue 12 point 6: urgent replies
def test_a_message_it_cannot_read_gets_tap_to_call_911_and_988_and_a_person(any_page: Page, server: str):
    """The reply says it can only read English and gives 911 and 988 first: on a phone
    those are links to tap, before the helpline."""
    page = any_page
    page.goto(server + "/")
    open_with_keyboard(page)
    send_typed(page, "我爸爸很不舒服怎么办")  # "my dad feels very unwell, what should I do"
    answer = page.locator(BOT_MSGS).last
    expect(answer.locator(".text")).to_contain_text("call 911")
    calls = answer.locator(".calls a")
    hrefs = [calls.nth(i).get_attribute("href") for i in range(calls.count())]
    assert hrefs == ["tel:911", "tel:988", "sms:988", "tel:18774656636"], hrefs
    for i in range(calls.count()):
        expect(calls.nth(i)).to_be_visible()
        box = calls.nth(i).bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44


def test_crisis_and_emergency_replies_are_prominent_with_tap_to_call(any_page: Page, server: str):
    page = any_page
    page.goto(server + "/")
    open_with_keyboard(page)
    for message, kind, links in ((CRISIS, "crisis", ["tel:988", "sms:988", "tel:911"]), (EMERGENCY, "emergency", ["tel:911"])):
        send_typed(page, message)
        answer = page.locator(BOT_MSGS).last
        expect(answer).to_have_attribute("data-kind", kind)
        expect(answer).to_have_class(re.compile(r"\burgent\b"))
        calls = answer.locator(".calls a")
        assert [calls.nth(i).get_attribute("href") for i in range(calls.count())] == links
        for i in range(calls.count()):
            expect(calls.nth(i)).to_be_visible()
            box = calls.nth(i).bounding_box()
            assert box and box["height"] >= 44 and box["width"] >= 44
        expect(answer.locator(".rate")).to_have_count(0)              # no thumbs under a call for help
        weight = answer.locator(".text").evaluate("e => getComputedStyle(e).fontWeight")
        assert int(weight) >= 600
        if kind == "crisis":
            shot(page, f"widget-crisis-{'phone' if is_phone(page) else 'desktop'}.png",
                 "widget-crisis-phone.png" if is_phone(page) else None)


# ---------------------------------------------------------------- 6. widget fixes
def test_compact_disclaimer_tab_order_one_live_region_and_capitalisation(any_page: Page, server: str, bot: Bot):
    page = any_page
    page.goto(server + "/")
    open_with_keyboard(page)
    first = bot.respond("what is kadcyla")[0]
    second = bot.respond("does enhertu affect lungs?")[0]
    send_typed(page, "what is kadcyla")
    send_typed(page, "does enhertu affect lungs?")

    # The disclaimer is in every answer (read by screen readers) but shown once in full.
    for answer in (page.locator(BOT_MSGS).nth(1), page.locator(BOT_MSGS).nth(2)):
        assert bot.disclaimer in (answer.text_content() or "")
        assert bot.disclaimer not in answer.evaluate(VISIBLE_TEXT)
        expect(answer.locator(".note")).to_be_visible()
    assert page.locator(".panel").evaluate(VISIBLE_TEXT).count(bot.disclaimer) == 1
    shot(page, f"widget-chat-{'phone' if is_phone(page) else 'desktop'}.png",
         "widget-phone.png" if is_phone(page) else None)

    # Tab order: text box, Send, then the suggestions.
    page.locator("input").focus()
    page.keyboard.press("Tab")
    assert focused(page) == "send"
    page.keyboard.press("Tab")
    assert focused(page) == "suggestion"
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "send"

    # One live region, saying the newest answer only.
    page.wait_for_timeout(200)
    live = page.evaluate(LIVE_REGIONS)
    assert live["count"] == 1
    assert body_of(second) in live["text"] and second.disclaimer in live["text"]
    assert body_of(first) not in live["text"]

    # Suggestion labels keep the sheet's capitalisation.
    page.locator("input").focus()
    send_typed(page, "her2-low vs her2-positive")
    labels = page.locator(".suggestions .suggestion").all_text_contents()
    assert any("HER2" in label for label in labels), labels
    assert not any("her2" in label for label in labels), labels


def test_axe_finds_no_serious_problems_in_any_helpdesk_state(any_page: Page, server: str):
    from axe_playwright_python.sync_playwright import Axe

    page = any_page
    page.goto(server + "/")
    open_with_keyboard(page)
    send_typed(page, "how is enhertu given?")
    page.locator(BOT_MSGS).last.locator("details.sources summary").click()
    page.locator(BOT_MSGS).last.locator(".thumb.down").click()
    page.locator("input").focus()
    send_typed(page, FALLBACK)
    send_typed(page, CRISIS)
    axe = Axe()
    for state in ("chat", "doctor"):
        if state == "doctor":
            page.locator(".doctor-open").click()
            expect(page.locator(".doctor ol.sheet-questions li").first).to_be_visible()
        results = axe.run(page, options={"resultTypes": ["violations"]})
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']]}" for v in bad)
        assert not bad, f"{state}: {report}"

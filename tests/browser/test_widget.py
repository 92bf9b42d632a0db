"""The chat widget in a real browser (Debian chromium via Playwright) against
the real server: keyboard use, answers, suggestions, text-not-HTML, errors,
phone width, sessions, CORS from another site, and axe-core accessibility."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot import Bot
from bot.answer.format import body_of


if os.environ.get("HER2BOT_REQUIRE_SYSTEM_TESTS") != "1":
    pytest.importorskip("playwright", reason="the playwright package is not installed")
from playwright.sync_api import Page, expect  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"  # ignored by git
DOCS_SCREENSHOT = REPO / "docs" / "widget.png"
DEEP_FOCUS = """() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a ? (a.id || a.className || a.tagName) : null;
}"""
BOT_MSGS = ".log .msg.bot:not(.typing)"
USER_MSGS = ".log .msg.user"


def focused(page: Page) -> str | None:
    return page.evaluate(DEEP_FOCUS)


def open_with_keyboard(page: Page) -> None:
    """Tab to the launcher (it is last on the page) and press Enter."""
    page.locator(".launcher").wait_for()
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page) == "launcher":
            break
    else:
        pytest.fail("the launcher button can't be reached with the Tab key")
    page.keyboard.press("Enter")
    expect(page.locator(".panel")).to_be_visible()
    assert focused(page) == "her2bot-input", "focus should move into the panel, on the text box"


def send_typed(page: Page, text: str) -> str:
    """Type a message and press Enter; return the new bot message's text."""
    count = page.locator(BOT_MSGS).count()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.locator(BOT_MSGS)).to_have_count(count + 1)
    return page.locator(BOT_MSGS).last.text_content() or ""


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_keyboard_conversation_suggestion_and_text_not_html(page: Page, server: str, bot: Bot):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/")
    open_with_keyboard(page)
    expect(page.locator(".disclaimer")).to_contain_text("Please talk with your own doctor")

    conv = bot.conversation()
    lungs = conv.ask("does enhertu affect lungs?")
    answer = send_typed(page, "does enhertu affect lungs?")
    assert "lung problems" in answer
    assert body_of(lungs) in answer
    assert bot.disclaimer in answer  # the disclaimer is shown with the answer too
    assert focused(page) == "her2bot-input"
    screenshot(page, "widget-desktop.png")
    if os.environ.get("HER2BOT_UPDATE_SCREENSHOTS") == "1" or not DOCS_SCREENSHOT.exists():
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(ARTIFACTS / "widget-desktop.png", DOCS_SCREENSHOT)

    # The suggestions are the reply's own; clicking one asks it, in the same session.
    buttons = page.locator(".suggestions .suggestion")
    expect(buttons).to_have_count(len(lungs.suggestions))
    assert buttons.all_text_contents() == list(lungs.suggestions)
    picked = lungs.suggestions[0]
    expected = conv.ask(picked)
    count = page.locator(BOT_MSGS).count()
    buttons.first.click()
    expect(page.locator(BOT_MSGS)).to_have_count(count + 1)
    expect(page.locator(USER_MSGS).last).to_contain_text(picked)
    reply_text = page.locator(BOT_MSGS).last.text_content() or ""
    assert body_of(expected) in reply_text and not expected.fallback
    screenshot(page, "widget-desktop-suggestion.png")

    # HTML in a message is shown as the characters typed, and runs nothing.
    attack = "<img src=x onerror=alert(1)>"
    send_typed(page, attack)
    expect(page.locator(USER_MSGS).last).to_contain_text(attack)
    counts = page.evaluate("""() => {
      const root = document.getElementById('her2bot-widget').shadowRoot;
      return {shadowImgs: root.querySelectorAll('img').length, pageImgs: document.querySelectorAll('img').length};
    }""")
    assert counts == {"shadowImgs": 0, "pageImgs": 0}
    page.wait_for_timeout(300)  # give a stray onerror handler time to fire, if one existed
    assert dialogs == []

    # Escape closes the panel and puts focus back on the launcher.
    page.keyboard.press("Escape")
    expect(page.locator(".panel")).to_be_hidden()
    assert focused(page) == "launcher"
    expect(page.locator(".launcher")).to_have_attribute("aria-expanded", "false")


def test_host_page_css_does_not_reach_the_widget(page: Page, server: str):
    page.goto(server + "/")
    # demo.html styles every <button> red with a dashed lime border; ours keeps its own look.
    style = page.locator(".launcher").evaluate("b => { const s = getComputedStyle(b); return [s.backgroundColor, s.borderStyle]; }")
    assert style == ["rgb(138, 18, 83)", "none"]


def test_session_survives_a_page_reload(page: Page, server: str):
    page.goto(server + "/")
    open_with_keyboard(page)
    send_typed(page, "what is kadcyla")
    session = page.evaluate("() => sessionStorage.getItem('her2bot.session')")
    assert session
    page.reload()
    open_with_keyboard(page)
    assert "IV" in send_typed(page, "how is it given")
    assert page.evaluate("() => sessionStorage.getItem('her2bot.session')") == session


def test_server_unreachable_shows_the_helpline(page: Page, server: str):
    page.route("**/api/chat", lambda route: route.abort("connectionrefused"))
    page.goto(server + "/")
    open_with_keyboard(page)
    text = send_typed(page, "what is her2")
    assert "can't reach" in text
    assert "1-877 GO KOMEN (1-877-465-6636)" in text and "mbc.komen.org" in text
    # It recovers once the server is back.
    page.unroute("**/api/chat")
    assert "HER2" in send_typed(page, "what is her2")


def test_widget_on_another_site_uses_cors(page: Page, server: str, helpdesk_origin: str):
    """An integrator's page on another origin, with the one tag, allowed by --allow-origin."""
    page.goto(helpdesk_origin + "/help")
    open_with_keyboard(page)
    assert "lung problems" in send_typed(page, "does enhertu affect lungs?")


def test_usable_at_phone_width(phone_page: Page, server: str):
    page = phone_page
    page.goto(server + "/")
    open_with_keyboard(page)
    send_typed(page, "does enhertu affect lungs?")
    for selector in (".panel", ".launcher", "input", ".send", ".close", ".suggestions .suggestion >> nth=0"):
        box = page.locator(selector).bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{selector} is cut off at 360 px: {box}"
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740, f"{selector} is off screen: {box}"
    for selector in (".send", ".close", ".launcher"):
        box = page.locator(selector).bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44, f"{selector} is too small to tap: {box}"
    screenshot(page, "widget-phone.png")


def test_axe_finds_no_serious_or_critical_problems(page: Page, server: str):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + "/")
    open_with_keyboard(page)
    send_typed(page, "does enhertu affect lungs?")
    results = Axe().run(page, options={"resultTypes": ["violations", "passes"]})
    # axe-core descends into open shadow roots: its node targets then read
    # [host selector, selector inside the shadow root]. Make sure it did.
    passed_targets = [n["target"] for v in results.response["passes"] for n in v["nodes"]]
    assert any(isinstance(t[0], list) and t[0][0] == "#her2bot-widget" for t in passed_targets), "axe did not check the widget"
    violations = results.response["violations"]
    bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']]}" for v in bad)
    assert not bad, report


def test_widget_says_when_the_server_lost_the_conversation(page: Page, server: str, tmp_path):
    from serving import free_port, serving_processes

    page.goto(server + "/")
    open_with_keyboard(page)
    send_typed(page, "what is kadcyla")
    assert page.locator(".log .msg.notice").count() == 0      # a healthy store: no notice

    with serving_processes(tmp_path) as start:
        # A server whose shared session store is down (nothing listens there):
        # it answers every turn without context and says so (context_lost).
        down = start("--sessions", f"redis://127.0.0.1:{free_port()}/0")
        page.goto(down.base + "/")
        open_with_keyboard(page)
        page.keyboard.type("how is it given")
        page.keyboard.press("Enter")
        notice = page.locator(".log .msg.notice")
        expect(notice).to_have_count(1)
        assert "I may have lost track of our conversation" in (notice.text_content() or "")
        expect(page.locator(".log .msg.bot:not(.typing):not(.notice)")).to_have_count(2)  # welcome + the answer
        assert "Which drug" in (page.locator(".log .msg.bot").last.text_content() or "")

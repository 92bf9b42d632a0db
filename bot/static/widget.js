/*
 * her2bot chat widget: one tag on any page, no build step, no dependencies.
 *
 *   <script src="https://host/widget.js" data-api="https://host" defer></script>
 *
 * data-api is where the her2bot server runs (default: where this file came
 * from). Everything lives in a shadow root, so the page's CSS can't reach in
 * and ours can't leak out. Bot and user text is always inserted with
 * textContent, never as HTML. The conversation id is kept in sessionStorage
 * (this tab only). The server must list the page's origin with
 * `her2bot serve --allow-origin` when it runs on another host.
 */
(function () {
  "use strict";
  if (window.__her2botWidget) return;
  window.__her2botWidget = true;

  var script = document.currentScript;
  var apiAttr = script && script.getAttribute("data-api");
  // The API root: data-api (absolute or relative to the page), else the folder widget.js came from.
  var apiRoot = apiAttr ? new URL(apiAttr, location.href) : new URL(".", (script && script.src) || location.href);
  var CHAT_URL = new URL("api/chat", apiRoot.href.replace(/\/?$/, "/")).href;
  var STORE_KEY = "her2bot.session";
  var TIMEOUT_MS = 15000;
  var MAX_CHARS = 2000;
  var HELPLINE = "For help now, call Susan G. Komen at 1-877 GO KOMEN (1-877-465-6636) or visit mbc.komen.org.";
  var UNREACHABLE = "Sorry, I can't reach the answer service right now. " + HELPLINE;
  // Shown when the server says it answered without the conversation's context (its session store was down).
  var CONTEXT_LOST = "I may have lost track of our conversation. If my answer misses what we were talking about, " +
    "please ask again in full.";
  var DISCLAIMER = "This information is for education only and does not cover everything. " +
    "Please talk with your own doctor about your care.";
  var WELCOME = "Hi! I answer questions about HER2-targeted treatments for metastatic breast cancer, " +
    "using a fact sheet from Susan G. Komen. What would you like to know?";
  var STARTERS = ["What is HER2-low?", "What are the side effects of Enhertu?", "Which drugs are pills?"];

  var CSS = [
    ":host { all: initial; }",
    "*, *::before, *::after { box-sizing: border-box; }",
    ".root { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; font-size: 16px;",
    "  line-height: 1.45; color: #1f2937; }",
    ".sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;",
    "  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }",
    "button, input { font: inherit; }",
    ":focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }",
    ".launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; align-items: center;",
    "  gap: 8px; min-height: 48px; padding: 10px 18px; border: 0; border-radius: 999px; background: #8a1253;",
    "  color: #fff; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }",
    ".launcher:hover { background: #6d0e42; }",
    ".launcher svg { width: 22px; height: 22px; flex: none; }",
    ".panel { position: fixed; right: 16px; bottom: 80px; z-index: 2147483001; width: 380px;",
    "  max-width: calc(100vw - 16px); height: 600px; max-height: calc(100vh - 96px); display: flex;",
    "  flex-direction: column; background: #fff; border: 1px solid #d1d5db; border-radius: 14px;",
    "  box-shadow: 0 10px 40px rgba(0,0,0,.3); overflow: hidden; }",
    ".panel[hidden] { display: none; }",
    ".head { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 10px 12px 10px 16px;",
    "  background: #8a1253; color: #fff; }",
    ".head h2 { margin: 0; font-size: 17px; font-weight: 700; }",
    ".close { min-width: 44px; min-height: 44px; border: 0; border-radius: 8px; background: transparent; color: #fff;",
    "  font-size: 26px; line-height: 1; cursor: pointer; }",
    ".close:hover { background: rgba(255,255,255,.15); }",
    ".close:focus-visible { outline-color: #fff; }",
    ".disclaimer { margin: 0; padding: 8px 16px; font-size: 13px; color: #374151; background: #fdf2f8;",
    "  border-bottom: 1px solid #f3d4e4; }",
    ".log { position: relative; flex: 1 1 auto; overflow-y: auto; padding: 12px 12px 4px; display: flex; flex-direction: column; gap: 10px; }",
    ".msg { max-width: 88%; padding: 9px 12px; border-radius: 12px; white-space: pre-line; overflow-wrap: anywhere; }",
    ".msg.bot { align-self: flex-start; background: #f3f4f6; color: #1f2937; border-bottom-left-radius: 4px; }",
    ".msg.user { align-self: flex-end; background: #8a1253; color: #fff; border-bottom-right-radius: 4px; }",
    ".msg.error { background: #fef2f2; color: #7f1d1d; border: 1px solid #fecaca; }",
    ".msg .note { display: block; margin-top: 8px; font-size: 13px; color: #4b5563; }",
    ".msg.typing { color: #4b5563; font-style: italic; }",
    ".msg.notice { background: #fffbeb; color: #78350f; border: 1px solid #fcd34d; font-size: 14px; }",
    ".suggestions { display: flex; flex-wrap: wrap; gap: 6px; padding: 4px 12px 8px; }",
    ".suggestions:empty { display: none; }",
    ".suggestion { min-height: 36px; padding: 6px 12px; border: 1px solid #8a1253; border-radius: 999px;",
    "  background: #fff; color: #8a1253; font-size: 14px; cursor: pointer; text-align: left; }",
    ".suggestion:hover { background: #fdf2f8; }",
    "form { display: flex; gap: 8px; padding: 10px 12px 12px; border-top: 1px solid #e5e7eb; }",
    "input { flex: 1 1 auto; min-width: 0; min-height: 44px; padding: 8px 12px; border: 1px solid #6b7280;",
    "  border-radius: 8px; color: #111827; background: #fff; }",
    "input::placeholder { color: #6b7280; }",
    ".send { min-height: 44px; padding: 8px 16px; border: 0; border-radius: 8px; background: #8a1253; color: #fff;",
    "  font-weight: 600; cursor: pointer; }",
    ".send:hover { background: #6d0e42; }",
    ".send[aria-disabled='true'] { background: #6b7280; cursor: progress; }",
    "@media (max-width: 480px) {",
    "  .launcher { right: 8px; bottom: 8px; }",
    "  .panel { right: 8px; left: 8px; bottom: 68px; width: auto; max-width: none; height: auto;",
    "    top: 8px; max-height: none; }",
    "}"
  ].join("\n");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var name in attrs) {
        if (Object.prototype.hasOwnProperty.call(attrs, name)) node.setAttribute(name, attrs[name]);
      }
    }
    if (text != null) node.textContent = text;
    return node;
  }

  function chatIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z");
    svg.appendChild(path);
    return svg;
  }

  function loadSession() {
    try { return window.sessionStorage.getItem(STORE_KEY); } catch (e) { return null; }
  }

  function saveSession(id) {
    try {
      if (id) window.sessionStorage.setItem(STORE_KEY, id);
      else window.sessionStorage.removeItem(STORE_KEY);
    } catch (e) { /* storage blocked: the conversation just won't survive a reload */ }
  }

  function build() {
    var host = el("div", { id: "her2bot-widget" });
    var shadow = host.attachShadow({ mode: "open" });
    var style = el("style", null, CSS);
    var root = el("div", { "class": "root" });

    var launcher = el("button", { type: "button", "class": "launcher", "aria-expanded": "false", "aria-controls": "her2bot-panel" });
    launcher.appendChild(chatIcon());
    var launcherLabel = el("span", null, "Ask about HER2 treatments");
    launcher.appendChild(launcherLabel);

    var panel = el("section", { id: "her2bot-panel", "class": "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "her2bot-title" });
    panel.hidden = true;
    var head = el("div", { "class": "head" });
    head.appendChild(el("h2", { id: "her2bot-title" }, "HER2 treatment questions"));
    var close = el("button", { type: "button", "class": "close", "aria-label": "Close chat" }, "\u00d7");
    head.appendChild(close);
    var disclaimer = el("p", { "class": "disclaimer", id: "her2bot-disclaimer" }, DISCLAIMER);
    var log = el("div", { "class": "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": "Conversation", tabindex: "0" });
    var suggestions = el("div", { "class": "suggestions", role: "group", "aria-label": "Suggested questions" });
    var form = el("form", { "class": "ask", "aria-label": "Ask a question" });
    var label = el("label", { "for": "her2bot-input", "class": "sr-only" }, "Your question");
    var input = el("input", { id: "her2bot-input", type: "text", maxlength: String(MAX_CHARS), autocomplete: "off",
      placeholder: "Type your question\u2026", "aria-describedby": "her2bot-disclaimer" });
    var send = el("button", { type: "submit", "class": "send" }, "Send");
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);
    panel.appendChild(head);
    panel.appendChild(disclaimer);
    panel.appendChild(log);
    panel.appendChild(suggestions);
    panel.appendChild(form);
    root.appendChild(launcher);
    root.appendChild(panel);
    shadow.appendChild(style);
    shadow.appendChild(root);
    document.body.appendChild(host);

    var busy = false;
    var greeted = false;

    function scrollDown() { log.scrollTop = log.scrollHeight; }

    // Show a new answer from its first line (long answers are read top-down).
    function reveal(msg) { log.scrollTop = Math.max(0, msg.offsetTop - 12); }

    function addMessage(kind, text, note) {
      var who = kind === "user" ? "You said: " : "Answer: ";
      var msg = el("div", { "class": "msg " + kind });
      msg.appendChild(el("span", { "class": "sr-only" }, who));
      msg.appendChild(document.createTextNode(text));
      if (note) msg.appendChild(el("span", { "class": "note" }, note));
      log.appendChild(msg);
      scrollDown();
      return msg;
    }

    function addBotReply(data) {
      var text = String(data.text || "");
      var disc = String(data.disclaimer || "");
      var note = null;
      if (disc && text.slice(-disc.length) === disc) {
        text = text.slice(0, -disc.length).replace(/\s+$/, "");
        note = disc;
      }
      return addMessage("bot", text, note);
    }

    function showSuggestions(list) {
      while (suggestions.firstChild) suggestions.removeChild(suggestions.firstChild);
      (list || []).slice(0, 8).forEach(function (text) {
        var button = el("button", { type: "button", "class": "suggestion" }, String(text));
        button.addEventListener("click", function () {
          input.focus();  // the buttons are replaced, so keep focus somewhere useful
          ask(String(text));
        });
        suggestions.appendChild(button);
      });
    }

    function setBusy(value) {
      busy = value;
      send.setAttribute("aria-disabled", value ? "true" : "false");
    }

    function post(message, sessionId) {
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
      return fetch(CHAT_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: message, session_id: sessionId }),
        signal: controller ? controller.signal : undefined,
        credentials: "omit"
      }).then(function (response) {
        if (timer) clearTimeout(timer);
        return response.json().catch(function () { return null; }).then(function (data) {
          return { status: response.status, data: data };
        });
      }, function (err) {
        if (timer) clearTimeout(timer);
        throw err;
      });
    }

    function ask(message) {
      message = message.trim();
      if (!message || busy) return;
      setBusy(true);
      showSuggestions([]);
      addMessage("user", message);
      var typing = el("div", { "class": "msg bot typing", "aria-hidden": "true" }, "Finding an answer\u2026");
      log.appendChild(typing);
      scrollDown();
      var sessionId = loadSession();
      post(message, sessionId).then(function (result) {
        if (result.status === 422 && result.data && result.data.error === "invalid_session_id" && sessionId) {
          saveSession(null);  // an id from somewhere else: start afresh once
          return post(message, null);
        }
        return result;
      }).then(function (result) {
        typing.remove();
        if (result.status === 200 && result.data && typeof result.data.text === "string") {
          saveSession(result.data.session_id);
          var notice = result.data.context_lost === true ? addMessage("bot notice", CONTEXT_LOST) : null;
          var msg = addBotReply(result.data);
          showSuggestions(result.data.suggestions);
          reveal(notice || msg);
        } else if (result.status >= 400 && result.status < 500 && result.status !== 429) {
          var detail = result.data && result.data.detail ? " (" + result.data.detail + ")" : "";
          addMessage("bot error", "Sorry, that message could not be sent" + detail + ". " + HELPLINE);
        } else {
          addMessage("bot error", UNREACHABLE);
        }
      }).catch(function () {
        typing.remove();
        addMessage("bot error", UNREACHABLE);
      }).then(function () {
        setBusy(false);
      });
    }

    function open() {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      launcherLabel.textContent = "Close chat";
      if (!greeted) {
        greeted = true;
        addMessage("bot", WELCOME);
        showSuggestions(STARTERS);
      }
      input.focus();
    }

    function closePanel() {
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      launcherLabel.textContent = "Ask about HER2 treatments";
      launcher.focus();
    }

    launcher.addEventListener("click", function () {
      if (panel.hidden) open(); else closePanel();
    });
    close.addEventListener("click", closePanel);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        event.stopPropagation();
        closePanel();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value;
      if (!text.trim() || busy) return;
      input.value = "";
      ask(text);
      input.focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();

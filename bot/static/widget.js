/*
 * her2bot chat widget: one tag on any page, no build step, no dependencies.
 *
 *   <script src="https://host/widget.js" data-api="https://host" defer></script>
 *
 * data-api is where the her2bot server runs (default: where this file came
 * from). Optional: data-contact-label, data-contact-phone, data-contact-url
 * replace the "Talk to a person" line (default: Susan G. Komen's helpline,
 * 1-877-465-6636, and mbc.komen.org).
 *
 * Everything lives in a shadow root, so the page's CSS can't reach in and
 * ours can't leak out. Bot and user text is always inserted with
 * textContent, never as HTML. The conversation (its id, the visible
 * transcript and the questions for the doctor) is kept in sessionStorage:
 * this tab only, gone when the tab closes. The server must list the page's
 * origin with `her2bot serve --allow-origin` when it runs on another host.
 */
(function () {
  "use strict";
  if (window.__her2botWidget) return;
  window.__her2botWidget = true;

  var script = document.currentScript;
  function attr(name) { return script ? script.getAttribute(name) : null; }
  var apiAttr = attr("data-api");
  // The API root: data-api (absolute or relative to the page), else the folder widget.js came from.
  var apiRoot = apiAttr ? new URL(apiAttr, location.href) : new URL(".", (script && script.src) || location.href);
  function api(path) { return new URL(path, apiRoot.href.replace(/\/?$/, "/")).href; }
  var CHAT_URL = api("api/chat");
  var FEEDBACK_URL = api("api/feedback");
  var RESET_URL = api("api/reset");
  var DOCTOR_URL = api("api/doctor-questions");
  var KEYS = { session: "her2bot.session", transcript: "her2bot.transcript", suggestions: "her2bot.suggestions",
               deferred: "her2bot.deferred" };
  var TIMEOUT_MS = 15000;
  var MAX_CHARS = 2000;
  var MAX_TRANSCRIPT = 100;  // entries kept for a reload
  var MAX_DEFERRED = 30;
  var HELPLINE = "For help now, call Susan G. Komen at 1-877 GO KOMEN (1-877-465-6636) or visit mbc.komen.org.";
  var UNREACHABLE = "Sorry, I can't reach the answer service right now. " + HELPLINE;
  // Shown when the server says it answered without the conversation's context (its session store was down).
  var CONTEXT_LOST = "I may have lost track of our conversation. If my answer misses what we were talking about, " +
    "please ask again in full.";
  var DISCLAIMER = "This information is for education only and does not cover everything. " +
    "Please talk with your own doctor about your care.";
  var SHORT_DISCLAIMER = "Education only \u00b7 talk with your doctor";
  var WELCOME = "Hi! I answer questions about HER2-targeted treatments for metastatic breast cancer, " +
    "using a fact sheet from Susan G. Komen. What would you like to know?";
  var STARTERS = ["What is HER2-low?", "What are the side effects of Enhertu?", "Which drugs are pills?"];
  // The numbers a reply tells the reader to call now (reply.calls): tap to call (or text).
  // 988 and 911 are the only numbers from outside the sheet.
  var CALLS = {
    "988": [["Call 988", "tel:988"], ["Text 988", "sms:988"]],
    "911": [["Call 911", "tel:911"]]
  };
  // Shown prominently; a transcript saved before replies carried `calls` gets these numbers.
  var URGENT_KINDS = { crisis: ["988", "911"], emergency: ["911"] };
  var DEFERRED_KINDS = { decision: true, symptom_report: true };  // questions for the care team

  var CONTACT = contact();

  function contact() {
    var out = { label: "Talk to a person", phone: "1-877-465-6636", url: "https://mbc.komen.org/", site: "mbc.komen.org" };
    var label = (attr("data-contact-label") || "").trim();
    if (label) out.label = label.slice(0, 60);
    var phone = (attr("data-contact-phone") || "").trim();
    if (/\d{3}/.test(phone) && phone.length <= 40) out.phone = phone;
    var url = (attr("data-contact-url") || "").trim();
    if (url) {
      try {
        var parsed = new URL(url, location.href);
        if (parsed.protocol === "https:" || parsed.protocol === "http:") {
          out.url = parsed.href;
          out.site = parsed.host + (parsed.pathname === "/" ? "" : parsed.pathname);
        }
      } catch (e) { /* not a URL: keep the default */ }
    }
    out.tel = "tel:" + out.phone.replace(/[^\d+]/g, "");
    return out;
  }

  var CSS = [
    ":host { all: initial; }",
    "*, *::before, *::after { box-sizing: border-box; }",
    ".root { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; font-size: 16px;",
    "  line-height: 1.45; color: #1f2937; }",
    ".sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;",
    "  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }",
    "button, input { font: inherit; }",
    "[hidden] { display: none !important; }",
    ":focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }",
    ".launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; align-items: center;",
    "  gap: 8px; min-height: 48px; padding: 10px 18px; border: 0; border-radius: 999px; background: #8a1253;",
    "  color: #fff; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }",
    ".launcher:hover { background: #6d0e42; }",
    ".launcher svg { width: 22px; height: 22px; flex: none; }",
    ".panel { position: fixed; right: 16px; bottom: 80px; z-index: 2147483001; width: 400px;",
    "  max-width: calc(100vw - 16px); height: 640px; max-height: calc(100vh - 96px); display: flex;",
    "  flex-direction: column; background: #fff; border: 1px solid #d1d5db; border-radius: 14px;",
    "  box-shadow: 0 10px 40px rgba(0,0,0,.3); overflow: hidden; }",
    ".head { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 6px 8px 6px 16px;",
    "  background: #8a1253; color: #fff; }",
    ".head h2 { margin: 0; font-size: 17px; font-weight: 700; }",
    ".close { min-width: 44px; min-height: 44px; border: 0; border-radius: 8px; background: transparent; color: #fff;",
    "  font-size: 26px; line-height: 1; cursor: pointer; }",
    ".close:hover { background: rgba(255,255,255,.15); }",
    ".close:focus-visible { outline-color: #fff; }",
    ".person { display: flex; flex-wrap: wrap; align-items: center; gap: 0 12px; margin: 0; padding: 2px 16px;",
    "  background: #fdf2f8; border-bottom: 1px solid #f3d4e4; font-size: 14px; }",
    ".person strong { font-weight: 700; }",
    ".person a { display: inline-flex; align-items: center; min-height: 32px; color: #7a0f49; font-weight: 600; }",
    ".person .person-label { margin-right: -4px; }",
    ".disclaimer { margin: 0; padding: 4px 16px 6px; font-size: 12.5px; color: #374151; background: #fdf2f8;",
    "  border-bottom: 1px solid #f3d4e4; }",
    ".chat, .doctor { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }",
    ".log { position: relative; flex: 1 1 auto; overflow-y: auto; padding: 12px 12px 4px; display: flex;",
    "  flex-direction: column; gap: 10px; }",
    ".msg { max-width: 90%; padding: 9px 12px; border-radius: 12px; overflow-wrap: anywhere; }",
    ".msg .text { white-space: pre-line; }",
    ".msg.bot { align-self: flex-start; background: #f3f4f6; color: #1f2937; border-bottom-left-radius: 4px; }",
    ".msg.user { align-self: flex-end; background: #8a1253; color: #fff; border-bottom-right-radius: 4px; white-space: pre-line; }",
    ".msg.error { background: #fef2f2; color: #7f1d1d; border: 1px solid #fecaca; }",
    ".msg.urgent { max-width: 100%; background: #fff1f2; color: #450a0a; border: 2px solid #b91c1c; font-weight: 600; }",
    ".msg.typing { color: #4b5563; font-style: italic; }",
    ".msg.notice { background: #fffbeb; color: #78350f; border: 1px solid #fcd34d; font-size: 14px; }",
    ".note { display: block; margin-top: 6px; font-size: 12px; color: #4b5563; font-weight: 400; }",
    ".calls { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }",
    ".call { display: inline-flex; align-items: center; justify-content: center; min-height: 44px; min-width: 44px;",
    "  padding: 8px 16px; border-radius: 8px; background: #b91c1c; color: #fff; font-weight: 700; text-decoration: none; }",
    ".call:hover { background: #991b1b; }",
    ".call.person-call { background: #fff; color: #7a0f49; border: 1px solid #8a1253; font-weight: 600; }",
    ".sources { margin-top: 6px; font-size: 13px; }",
    ".sources summary { display: list-item; list-style: disclosure-closed inside; min-height: 32px; padding: 5px 0;",
    "  cursor: pointer; color: #7a0f49; text-decoration: underline; }",
    ".sources[open] > summary { list-style-type: disclosure-open; }",
    ".sources ul { margin: 4px 0 0; padding-left: 18px; }",
    ".rate { display: flex; align-items: center; flex-wrap: wrap; gap: 4px 6px; margin-top: 4px; font-size: 13px; color: #4b5563; }",
    ".thumb { display: inline-flex; align-items: center; justify-content: center; min-width: 40px; min-height: 36px;",
    "  padding: 4px 8px; border: 1px solid #6b7280; border-radius: 8px; background: #fff; color: #374151; cursor: pointer; }",
    ".thumb svg { width: 18px; height: 18px; }",
    ".thumb[aria-pressed='true'] { background: #8a1253; border-color: #8a1253; color: #fff; }",
    ".thumb[aria-disabled='true'] { cursor: default; }",
    ".thumb[aria-disabled='true'][aria-pressed='false'] { opacity: .55; }",
    "form { display: flex; gap: 8px; padding: 10px 12px 6px; border-top: 1px solid #e5e7eb; }",
    "input { flex: 1 1 auto; min-width: 0; min-height: 44px; padding: 8px 12px; border: 1px solid #6b7280;",
    "  border-radius: 8px; color: #111827; background: #fff; }",
    "input::placeholder { color: #6b7280; }",
    ".send { min-height: 44px; padding: 8px 16px; border: 0; border-radius: 8px; background: #8a1253; color: #fff;",
    "  font-weight: 600; cursor: pointer; }",
    ".send:hover { background: #6d0e42; }",
    ".send[aria-disabled='true'] { background: #6b7280; cursor: progress; }",
    ".suggestions { display: flex; flex-wrap: wrap; gap: 6px; padding: 2px 12px 6px; }",
    ".suggestions:empty { display: none; }",
    ".suggestion { min-height: 36px; padding: 6px 12px; border: 1px solid #8a1253; border-radius: 999px;",
    "  background: #fff; color: #8a1253; font-size: 14px; cursor: pointer; text-align: left; }",
    ".suggestion:hover { background: #fdf2f8; }",
    ".tools { display: flex; flex-wrap: wrap; gap: 0 14px; padding: 0 12px 6px; }",
    ".tool { min-height: 32px; padding: 2px; border: 0; background: transparent; color: #7a0f49;",
    "  font-size: 14px; text-decoration: underline; cursor: pointer; }",
    ".doctor { overflow-y: auto; padding: 12px 16px; }",
    ".doctor h3 { margin: 0 0 6px; font-size: 18px; }",
    ".doctor h4 { margin: 14px 0 4px; font-size: 15px; }",
    ".doctor p { margin: 4px 0; }",
    ".doctor ul, .doctor ol { margin: 4px 0; padding-left: 22px; }",
    ".doctor .from { font-size: 13px; color: #4b5563; }",
    ".actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 14px; }",
    ".actions button { min-height: 44px; padding: 8px 16px; border-radius: 8px; border: 1px solid #8a1253;",
    "  background: #fff; color: #8a1253; font-weight: 600; cursor: pointer; }",
    ".actions .primary { background: #8a1253; color: #fff; }",
    "@media (max-width: 480px) {",
    "  .launcher { right: 8px; bottom: 8px; }",
    "  .panel { right: 8px; left: 8px; bottom: 68px; width: auto; max-width: none; height: auto;",
    "    top: 8px; max-height: none; }",
    "}",
    "@media print {",
    "  .launcher, .close, .chat, .actions { display: none !important; }",
    "  .panel { position: static; width: auto; height: auto; max-height: none; border: 0; box-shadow: none; }",
    "  .head { background: none; color: #000; padding-left: 0; }",
    "  .person, .disclaimer { background: none; padding-left: 0; }",
    "  .doctor { overflow: visible; padding-left: 0; }",
    "}"
  ].join("\n");

  // Printing "Questions for my doctor": while that view is open, the page
  // prints only the widget (the class on <html> is set only then).
  var PAGE_PRINT_CSS = "@media print { html.her2bot-printing body > *:not(#her2bot-widget) { display: none !important; } }";

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

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

  // A thumb (up, or turned down): drawn here rather than an emoji, so it shows
  // the same on every device, fonts or not.
  function thumbIcon(down) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M2 10h4v11H2zM8 21h9.5c.8 0 1.5-.5 1.8-1.2l2.6-6.3c.1-.3.1-.5.1-.8V11c0-1.1-.9-2-2-2h-5.5" +
      "l.9-4.3c.1-.5-.1-1-.4-1.4L13.7 2 8.6 7.4C8.2 7.8 8 8.3 8 8.8z");
    if (down) path.setAttribute("transform", "rotate(180 12 12)");
    svg.appendChild(path);
    return svg;
  }

  // ------------------------------------------------------------ storage (this tab only)
  function load(key, fallback) {
    try {
      var raw = window.sessionStorage.getItem(key);
      if (raw == null) return fallback;
      return key === KEYS.session ? raw : JSON.parse(raw);
    } catch (e) { return fallback; }
  }

  function save(key, value) {
    try {
      if (value == null) window.sessionStorage.removeItem(key);
      else window.sessionStorage.setItem(key, key === KEYS.session ? value : JSON.stringify(value));
    } catch (e) { /* storage blocked or full: the conversation just won't survive a reload */ }
  }

  function forgetAll() {
    for (var k in KEYS) if (Object.prototype.hasOwnProperty.call(KEYS, k)) save(KEYS[k], null);
  }

  function postJSON(url, body) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined,
      credentials: "omit"
    }).then(function (response) {
      if (timer) clearTimeout(timer);
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        return { status: response.status, data: data };
      });
    }, function (err) {
      if (timer) clearTimeout(timer);
      throw err;
    });
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

    // A person one tap away, in the same place on every screen.
    var person = el("p", { "class": "person" });
    person.appendChild(el("strong", { "class": "person-label" }, CONTACT.label + ":"));
    person.appendChild(el("a", { "class": "person-phone", href: CONTACT.tel }, "Call " + CONTACT.phone));
    person.appendChild(el("a", { "class": "person-web", href: CONTACT.url, target: "_blank", rel: "noopener" }, CONTACT.site));
    var disclaimer = el("p", { "class": "disclaimer", id: "her2bot-disclaimer" }, DISCLAIMER);

    var chatView = el("div", { "class": "chat" });
    var log = el("div", { "class": "log", role: "region", "aria-label": "Conversation", tabindex: "0" });
    var form = el("form", { "class": "ask", "aria-label": "Ask a question" });
    var label = el("label", { "for": "her2bot-input", "class": "sr-only" }, "Your question");
    var input = el("input", { id: "her2bot-input", type: "text", maxlength: String(MAX_CHARS), autocomplete: "off",
      placeholder: "Type your question\u2026", "aria-describedby": "her2bot-disclaimer" });
    var send = el("button", { type: "submit", "class": "send" }, "Send");
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);
    // After the form: the tab order is text box, Send, then the suggestions.
    var suggestions = el("div", { "class": "suggestions", role: "group", "aria-label": "Suggested questions" });
    var tools = el("div", { "class": "tools" });
    var restart = el("button", { type: "button", "class": "tool restart" }, "New conversation");
    var doctorButton = el("button", { type: "button", "class": "tool doctor-open" }, "Questions for my doctor");
    tools.appendChild(restart);
    tools.appendChild(doctorButton);
    chatView.appendChild(log);
    chatView.appendChild(form);
    chatView.appendChild(suggestions);
    chatView.appendChild(tools);

    var doctorView = el("div", { "class": "doctor", role: "region", "aria-labelledby": "her2bot-doctor-title" });
    doctorView.hidden = true;
    var doctorTitle = el("h3", { id: "her2bot-doctor-title", tabindex: "-1" }, "Questions for my doctor");
    var doctorBody = el("div", { "class": "doctor-body" });
    var actions = el("div", { "class": "actions" });
    var printButton = el("button", { type: "button", "class": "primary print" }, "Print this list");
    var backButton = el("button", { type: "button", "class": "back" }, "Back to the chat");
    actions.appendChild(printButton);
    actions.appendChild(backButton);
    doctorView.appendChild(doctorTitle);
    doctorView.appendChild(doctorBody);
    doctorView.appendChild(actions);

    // The one live region: it says the newest message, and nothing else.
    var live = el("div", { "class": "sr-only live", "aria-live": "polite", "aria-atomic": "true" });

    panel.appendChild(head);
    panel.appendChild(person);
    panel.appendChild(disclaimer);
    panel.appendChild(chatView);
    panel.appendChild(doctorView);
    panel.appendChild(live);
    root.appendChild(launcher);
    root.appendChild(panel);
    shadow.appendChild(style);
    shadow.appendChild(root);
    document.body.appendChild(host);
    document.head.appendChild(el("style", { id: "her2bot-print-style" }, PAGE_PRINT_CSS));

    var busy = false;
    var inFlight = Promise.resolve();  // the chat request being answered (feedback waits for it)
    var transcript = load(KEYS.transcript, []);
    if (!Array.isArray(transcript)) transcript = [];
    var sheetQuestions = null;  // from the server, once

    function scrollDown() { log.scrollTop = log.scrollHeight; }

    // Show a new answer from its first line (long answers are read top-down).
    function reveal(msg) { log.scrollTop = Math.max(0, msg.offsetTop - 12); }

    function announce(text) {
      live.textContent = "";
      setTimeout(function () { live.textContent = text; }, 60);
    }

    function remember(entry) {
      transcript.push(entry);
      if (transcript.length > MAX_TRANSCRIPT) transcript = transcript.slice(-MAX_TRANSCRIPT);
      save(KEYS.transcript, transcript);
    }

    function addUser(text) {
      var msg = el("div", { "class": "msg user" });
      msg.appendChild(el("span", { "class": "sr-only" }, "You said: "));
      msg.appendChild(document.createTextNode(text));
      log.appendChild(msg);
      scrollDown();
      return msg;
    }

    function personButton() {
      return el("a", { "class": "call person-call", href: CONTACT.tel }, CONTACT.label + ": call " + CONTACT.phone);
    }

    function addNotice(text) {
      var msg = el("div", { "class": "msg bot notice" });
      msg.appendChild(el("span", { "class": "sr-only" }, "Note: "));
      msg.appendChild(document.createTextNode(text));
      log.appendChild(msg);
      return msg;
    }

    function addError(text) {
      var msg = el("div", { "class": "msg bot error" });
      msg.appendChild(el("span", { "class": "sr-only" }, "Answer: "));
      msg.appendChild(el("div", { "class": "text" }, text));
      var calls = el("div", { "class": "calls" });
      calls.appendChild(personButton());
      msg.appendChild(calls);
      log.appendChild(msg);
      announce("Answer: " + text);
      return msg;
    }

    // One bot message from a reply (or the welcome). `entry` is its transcript record.
    function addBot(entry) {
      var reply = entry.reply;
      var text = String(reply.text || "");
      var disc = String(reply.disclaimer || "");
      if (disc && text.slice(-disc.length) === disc) {
        text = text.slice(0, -disc.length).replace(/\s+$/, "");
      } else {
        disc = "";
      }
      var kind = String(reply.kind || "");
      var urgent = own(URGENT_KINDS, kind);
      var numbers = Array.isArray(reply.calls) ? reply.calls : (urgent ? URGENT_KINDS[kind] : []);
      var links = [];
      numbers.forEach(function (n) { if (own(CALLS, String(n))) links = links.concat(CALLS[String(n)]); });
      var msg = el("div", { "class": "msg bot" + (urgent ? " urgent" : "") + (reply.fallback ? " fallback" : "") });
      if (kind) msg.setAttribute("data-kind", kind);
      msg.appendChild(el("span", { "class": "sr-only" }, "Answer: "));
      msg.appendChild(el("div", { "class": "text" }, text));
      if (links.length || reply.fallback) {
        var calls = el("div", { "class": "calls" });
        links.forEach(function (call) {
          calls.appendChild(el("a", { "class": "call", href: call[1] }, call[0]));
        });
        if (reply.fallback) calls.appendChild(personButton());
        msg.appendChild(calls);
      }
      if (disc) {
        // The whole disclaimer is in the message (screen readers read it);
        // on screen it is one short line, not the full text under every answer.
        msg.appendChild(el("span", { "class": "sr-only" }, " " + disc));
        msg.appendChild(el("span", { "class": "note", "aria-hidden": "true" }, SHORT_DISCLAIMER));
      }
      var cites = Array.isArray(reply.citations) ? reply.citations : [];
      if (cites.length) {
        var details = el("details", { "class": "sources" });
        details.appendChild(el("summary", null, "Where is this from?"));
        details.appendChild(el("span", { "class": "sr-only" }, "On the Susan G. Komen fact sheet: "));
        var list = el("ul");
        cites.forEach(function (c) {
          list.appendChild(el("li", null, String(c.section || "") + ": " + String(c.detail || "")));
        });
        details.appendChild(list);
        msg.appendChild(details);
      }
      if (reply.reply_id && !urgent) msg.appendChild(rating(entry));
      log.appendChild(msg);
      return { msg: msg, spoken: "Answer: " + text + (disc ? " " + disc : "") };
    }

    // Thumbs up / down under an answer: one press, then a short thank-you.
    function rating(entry) {
      var box = el("div", { "class": "rate", role: "group", "aria-label": "Was this answer helpful?" });
      box.appendChild(el("span", { "aria-hidden": "true" }, "Helpful?"));
      var up = el("button", { type: "button", "class": "thumb up", "aria-label": "Yes, this answer helped", "aria-pressed": "false" });
      var down = el("button", { type: "button", "class": "thumb down", "aria-label": "No, this answer did not help", "aria-pressed": "false" });
      up.appendChild(thumbIcon(false));
      down.appendChild(thumbIcon(true));
      var thanks = el("span", { "class": "thanks" });
      box.appendChild(up);
      box.appendChild(down);
      box.appendChild(thanks);

      function done(helpful, message) {
        up.setAttribute("aria-disabled", "true");
        down.setAttribute("aria-disabled", "true");
        (helpful ? up : down).setAttribute("aria-pressed", "true");
        thanks.textContent = message;
      }
      if (entry.rated === true || entry.rated === false) done(entry.rated, "Thank you.");

      function press(helpful) {
        if (entry.rated === true || entry.rated === false) return;
        entry.rated = helpful;
        save(KEYS.transcript, transcript);
        done(helpful, "Thank you.");
        var sessionId = load(KEYS.session, null);
        if (!sessionId) return;
        inFlight.then(function () {
          return postJSON(FEEDBACK_URL, { session_id: sessionId, reply_id: entry.reply.reply_id, helpful: helpful });
        }).then(function (result) {
          if (result.status !== 204) thanks.textContent = "Thank you. (Your rating could not be saved.)";
        }, function () {
          thanks.textContent = "Thank you. (Your rating could not be saved.)";
        });
      }
      up.addEventListener("click", function () { press(true); });
      down.addEventListener("click", function () { press(false); });
      return box;
    }

    function showSuggestions(list) {
      while (suggestions.firstChild) suggestions.removeChild(suggestions.firstChild);
      list = (list || []).slice(0, 8);
      save(KEYS.suggestions, list);
      list.forEach(function (text) {
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

    function rememberDeferred(question) {
      var list = load(KEYS.deferred, []);
      if (!Array.isArray(list)) list = [];
      if (list.indexOf(question) === -1) list.push(question);
      save(KEYS.deferred, list.slice(-MAX_DEFERRED));
    }

    function ask(message) {
      message = message.trim();
      if (!message || busy) return;
      setBusy(true);
      showSuggestions([]);
      addUser(message);
      remember({ who: "user", text: message });
      var typing = el("div", { "class": "msg bot typing", "aria-hidden": "true" }, "Finding an answer\u2026");
      log.appendChild(typing);
      scrollDown();
      var sessionId = load(KEYS.session, null);
      inFlight = postJSON(CHAT_URL, { message: message, session_id: sessionId }).then(function (result) {
        if (result.status === 422 && result.data && result.data.error === "invalid_session_id" && sessionId) {
          save(KEYS.session, null);  // an id from somewhere else: start afresh once
          return postJSON(CHAT_URL, { message: message, session_id: null });
        }
        return result;
      }).then(function (result) {
        typing.remove();
        var data = result.data;
        if (result.status === 200 && data && typeof data.text === "string") {
          save(KEYS.session, data.session_id);
          // The server lost this conversation's context (its store was down): say so before the answer.
          var notice = data.context_lost === true ? addNotice(CONTEXT_LOST) : null;
          var entry = { who: "bot", reply: {
            text: data.text, disclaimer: data.disclaimer, kind: data.kind, fallback: !!data.fallback,
            citations: data.citations, reply_id: data.reply_id, calls: data.calls } };
          remember(entry);
          if (own(DEFERRED_KINDS, data.kind)) rememberDeferred(message);
          var shown = addBot(entry);
          showSuggestions(data.suggestions);
          reveal(notice || shown.msg);
          announce((notice ? CONTEXT_LOST + " " : "") + shown.spoken);
        } else if (result.status >= 400 && result.status < 500 && result.status !== 429) {
          var detail = data && data.detail ? " (" + data.detail + ")" : "";
          addError("Sorry, that message could not be sent" + detail + ". " + HELPLINE);
        } else {
          addError(UNREACHABLE);
        }
      }).catch(function () {
        typing.remove();
        addError(UNREACHABLE);
      }).then(function () {
        setBusy(false);
      });
    }

    function welcome() {
      var entry = { who: "bot", reply: { text: WELCOME } };
      remember(entry);
      addBot(entry);
      showSuggestions(STARTERS);
    }

    // A reload: the same conversation, as it was, without announcing it again.
    function restore() {
      transcript.forEach(function (entry) {
        if (entry && entry.who === "user") addUser(String(entry.text || ""));
        else if (entry && entry.who === "bot" && entry.reply) addBot(entry);
      });
      showSuggestions(load(KEYS.suggestions, []));
      scrollDown();
    }

    function startOver() {
      if (busy) return;
      var sessionId = load(KEYS.session, null);
      if (sessionId) postJSON(RESET_URL, { session_id: sessionId }).catch(function () { /* forgotten here anyway */ });
      forgetAll();
      transcript = [];
      while (log.firstChild) log.removeChild(log.firstChild);
      welcome();
      announce("New conversation. " + WELCOME);
      input.focus();
    }

    // ------------------------------------------------------------ questions for my doctor
    function renderDoctor() {
      while (doctorBody.firstChild) doctorBody.removeChild(doctorBody.firstChild);
      doctorBody.appendChild(el("p", null, "Take this list to your next appointment, or print it."));
      doctorBody.appendChild(el("h4", null, "Your questions for your care team"));
      var mine = load(KEYS.deferred, []);
      if (Array.isArray(mine) && mine.length) {
        var ul = el("ul", { "class": "mine" });
        mine.forEach(function (q) { ul.appendChild(el("li", null, String(q))); });
        doctorBody.appendChild(ul);
      } else {
        doctorBody.appendChild(el("p", { "class": "mine-none" },
          "None yet. When you ask something only your care team can answer, it is added here."));
      }
      doctorBody.appendChild(el("h4", null, "Questions the fact sheet suggests"));
      var sheet = el("div", { "class": "sheet" });
      doctorBody.appendChild(sheet);
      function fill(data) {
        while (sheet.firstChild) sheet.removeChild(sheet.firstChild);
        if (!data || !Array.isArray(data.questions) || !data.questions.length) {
          sheet.appendChild(el("p", null, "Sorry, I can't load them right now. " + HELPLINE));
          return;
        }
        var ol = el("ol", { "class": "sheet-questions" });
        data.questions.forEach(function (q) { ol.appendChild(el("li", null, String(q))); });
        sheet.appendChild(ol);
        var where = (data.citations || []).map(function (c) { return String(c.section || ""); }).filter(Boolean);
        if (where.length) sheet.appendChild(el("p", { "class": "from" }, "From the Susan G. Komen fact sheet, \u201c" + where.join("; ") + "\u201d."));
      }
      if (sheetQuestions) {
        fill(sheetQuestions);
      } else {
        sheet.appendChild(el("p", null, "Loading\u2026"));
        fetch(DOCTOR_URL, { credentials: "omit" }).then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) { if (data) sheetQuestions = data; fill(data); }, function () { fill(null); });
      }
    }

    function showDoctor() {
      renderDoctor();
      chatView.hidden = true;
      doctorView.hidden = false;
      document.documentElement.classList.add("her2bot-printing");
      doctorTitle.focus();
    }

    function showChat(focusTarget) {
      doctorView.hidden = true;
      chatView.hidden = false;
      document.documentElement.classList.remove("her2bot-printing");
      if (focusTarget) focusTarget.focus();
    }

    // ------------------------------------------------------------ open / close
    function open() {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      launcherLabel.textContent = "Close chat";
      if (!transcript.length) {
        welcome();
        announce(WELCOME);
      }
      if (!doctorView.hidden) {
        document.documentElement.classList.add("her2bot-printing");
        doctorTitle.focus();
      } else {
        input.focus();
      }
    }

    function closePanel() {
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      launcherLabel.textContent = "Ask about HER2 treatments";
      document.documentElement.classList.remove("her2bot-printing");
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
    restart.addEventListener("click", startOver);
    doctorButton.addEventListener("click", showDoctor);
    backButton.addEventListener("click", function () { showChat(doctorButton); });
    printButton.addEventListener("click", function () { window.print(); });

    if (transcript.length) restore();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();

"""The terminal chat: one conversation, typed (prompt_toolkit) or piped.

:class:`ChatSession` holds what the chat adds on top of a
:class:`~bot.core.Conversation`: /commands, numbered choices (typing ``2``
asks the second suggestion), debug output and the layout of replies. It only
writes to the text stream it is given, so tests can read what it printed.

:func:`run_interactive` drives a ChatSession with ONE prompt_toolkit
``PromptSession`` (history file, suggestions from history, completion of drug
names and commands); pass ``input``/``output`` (e.g. ``create_pipe_input()``
and ``DummyOutput()``) to run it headless. :func:`run_piped` is the plain
line-by-line loop for scripts and never imports prompt_toolkit.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Mapping, NamedTuple

from bot.answer.doctor_questions import is_deferred, sheet_questions
from bot.answer.format import as_json, as_text, debug_text, wrap
from bot.channels.terminal import Paint, layout_reply, numbered, terminal_width

if TYPE_CHECKING:
    from bot.core import Bot, Conversation
    from bot.content.model import Content
    from bot.reply import Reply

HISTORY_ENV = "HER2BOT_HISTORY"

COMMANDS: dict[str, str] = {
    "/help": "show this help",
    "/topics": "what I can answer: topics and drugs",
    "/source": "where on the fact sheet my last answer comes from",
    "/summary": "questions for my doctor: yours for your care team, and the fact sheet's",
    "/reset": "forget this conversation (start afresh)",
    "/debug": "/debug on or /debug off: show how I understood each question",
    "/quit": "leave the chat (Ctrl-D does the same)",
}
_NUMBER = re.compile(r"^\s*#?(\d{1,3})\s*[.)]?\s*$")
MAX_DEFERRED = 50  # questions kept for /summary


def history_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the chat keeps its input history (never inside the project).

    ``$HER2BOT_HISTORY`` if set, else ``$XDG_DATA_HOME/her2bot/history``,
    else ``~/.local/share/her2bot/history``. The folder is made on first use.
    """
    env = os.environ if environ is None else environ
    if env.get(HISTORY_ENV):
        return Path(env[HISTORY_ENV]).expanduser()
    base = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME") or Path.home()) / ".local" / "share")
    return Path(base).expanduser() / "her2bot" / "history"


class LazyBot:
    """Loaded content now; the Bot (its matching indexes) when first needed.

    Building the indexes takes a few hundred ms, so the interactive chat shows its
    welcome and prompt from the content alone, warms the Bot up in a
    background thread once the prompt is on screen (:meth:`warm_up`), and the
    first question waits for it only if it is typed faster than that.
    """

    def __init__(self, content: "Content", bot: "Bot | None" = None, save_to: "Path | None" = None) -> None:
        """``save_to``: the content folder whose snapshot to save once built
        (bot/content/snapshot.py)."""
        from bot.answer.render import Renderer

        self.content = content
        self._save_to = save_to
        self.helpline_sentence = Renderer(content).helpline_sentence
        self._bot = bot
        self._lock = threading.Lock()
        self._warming = False

    @classmethod
    def of(cls, bot: "Bot | LazyBot") -> "LazyBot":
        return bot if isinstance(bot, LazyBot) else cls(bot.content, bot)

    def get(self) -> "Bot":
        with self._lock:
            if self._bot is None:
                from bot.core import Bot

                self._bot = Bot(self.content)
            return self._bot

    def _build(self) -> None:
        bot = self.get().warm_up()
        if self._save_to is not None:
            from bot.content import snapshot

            snapshot.save(self._save_to, bot)

    def warm_up(self) -> None:
        """Build the Bot in a background thread (no-op once built)."""
        if self._bot is None and not self._warming:
            self._warming = True
            threading.Thread(target=self._build, name="her2bot-load", daemon=True).start()


def completion_words(content: "Content") -> list[str]:
    """Drug generic names and brand names, for Tab completion."""
    words: list[str] = []
    for drug in content.drugs:
        for name in (drug.name, drug.full_name, *drug.brand_names):
            if name and name not in words:
                words.append(name)
    return words


class Turn(NamedTuple):
    """What one line of input did: `asked` is the question sent to the bot."""

    quit: bool = False
    asked: str | None = None


class ChatSession:
    """One chat: commands, numbered choices and reply layout over a Conversation."""

    def __init__(
        self,
        bot: "Bot | LazyBot",
        out: IO[str],
        *,
        paint: Paint | None = None,
        width: int | Callable[[], int] = terminal_width,
        debug: bool = False,
    ) -> None:
        self.source = LazyBot.of(bot)
        self.content = self.source.content
        self.out = out
        self.paint = paint or Paint(on=False)
        self._width = width
        self.debug = debug
        self._conversation: Conversation | None = None
        self.choices: tuple[str, ...] = ()
        self.last_reply: Reply | None = None
        # Questions the bot sent to the care team, for /summary. Kept here, in
        # this chat only, never in the Bot's conversation state.
        self.deferred: list[str] = []

    @property
    def conversation(self) -> "Conversation":
        if self._conversation is None:
            self._conversation = self.source.get().conversation()
        return self._conversation

    # ------------------------------------------------------------ output
    @property
    def width(self) -> int:
        return self._width() if callable(self._width) else self._width

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def tell(self, text: str) -> None:
        """Say a prose message, wrapped to the width."""
        self.say(wrap(text, self.width))

    def welcome(self) -> None:
        p, c, w = self.paint, self.content, self.width
        examples = tuple(c.fallback_suggestions)
        title = wrap("her2bot - answers about HER2-targeted therapies for metastatic breast cancer", w)
        self.say(p.bold(title[:7]) + p.dim(title[7:]))
        self.say()
        self.say(wrap(c.chitchat["identity"], w))
        self.say()
        self.say(wrap(self.source.helpline_sentence, w))
        if examples:
            self.say()
            self.say(wrap("Try one of these (type its number), or ask in your own words:", w))
            for line in numbered(examples, w, p):
                self.say(line)
            self.choices = examples
        self.say()
        self.say(p.dim(wrap("Type /help for commands, /quit or Ctrl-D to leave. Tab completes drug names.", w)))
        self.say()

    def goodbye(self) -> None:
        self.say(wrap("Take care. " + self.source.helpline_sentence, self.width))

    # ------------------------------------------------------------ input
    def handle(self, line: str) -> Turn:
        """Act on one line of input: a /command, a choice number or a question."""
        text = line.strip()
        if not text:
            return Turn()
        if text.startswith("/"):
            self.say()
            turn = self.command(text)
            self.say()
            return turn
        pick = _NUMBER.match(text)
        if pick:
            return self.pick(int(pick.group(1)))
        return self.ask(text)

    def ask(self, question: str) -> Turn:
        reply = self.conversation.ask(question, debug=self.debug)
        choosing = reply.intent == "clarify" or self.conversation.state.get("awaiting") == "drug"
        self.choices = tuple(reply.suggestions)
        self.last_reply = reply
        if is_deferred(reply.kind) and question not in self.deferred:
            self.deferred = [*self.deferred, question][-MAX_DEFERRED:]
        self.say()
        if self.debug:
            self.say(self.paint.dim(debug_text(reply)))
            self.say()
        self.say(layout_reply(reply, self.width, self.paint, choosing=choosing))
        self.say()
        return Turn(asked=question)

    def pick(self, number: int) -> Turn:
        if not self.choices:
            self.tell("There are no numbered choices right now. Please type your question in words.")
            return Turn()
        if not 1 <= number <= len(self.choices):
            self.tell(f"Please pick a number from 1 to {len(self.choices)}, or type a question.")
            return Turn()
        question = self.choices[number - 1]
        self.say(self.paint.dim(f"  asking: {question}"))
        return self.ask(question)

    # ------------------------------------------------------------ commands
    def command(self, text: str) -> Turn:
        name, _, arg = text.partition(" ")
        name, arg = name.lower(), arg.strip().lower()
        if name in ("/quit", "/exit", "/q"):
            self.goodbye()
            return Turn(quit=True)
        if name in ("/help", "/?"):
            self.show_help()
        elif name == "/topics":
            self.show_topics()
        elif name == "/source":
            self.show_source()
        elif name == "/summary":
            self.show_summary()
        elif name == "/reset":
            if self._conversation is not None:
                self._conversation.reset()
            self.choices = ()
            self.last_reply = None
            self.deferred = []
            self.tell("Okay, I have forgotten our conversation. You can start afresh.")
        elif name == "/debug":
            self.set_debug(arg)
        else:
            self.unknown(name)
        return Turn()

    def set_debug(self, arg: str) -> None:
        if arg in ("on", "off"):
            self.debug = arg == "on"
        elif arg:
            self.tell(f"/debug takes 'on' or 'off', not '{arg}'.")
            return
        else:
            self.debug = not self.debug
        state = "on: I will show the intent, confidence and entities I found" if self.debug else "off"
        self.tell(f"Debug output is {state}.")

    def unknown(self, name: str) -> None:
        import difflib

        close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.5)
        hint = f" Did you mean {self.paint.accent(close[0])}?" if close else ""
        self.tell(f"I don't know the command {name}.{hint} Type /help to see the commands.")

    def show_help(self) -> None:
        p, w = self.paint, self.width
        self.tell("Ask a question in your own words, for example: how is Kadcyla given?")
        self.tell("Follow-up questions work too: after that, try \"what are its side effects?\"")
        self.say()
        self.say("Commands:")
        cmd_w = max(len(c) for c in COMMANDS)
        for cmd, what in COMMANDS.items():
            self.say(f"  {p.accent(cmd.ljust(cmd_w))}  {what}")
        self.say()
        self.say(wrap(
            "Type a number to ask one of the numbered questions. Tab completes drug and brand names; "
            "the Up arrow brings back earlier questions. Ctrl-C clears the line, Ctrl-D leaves.", w))

    def show_source(self) -> None:
        reply = self.last_reply
        if reply is None:
            self.tell("Ask a question first: then /source shows where on the fact sheet the answer comes from.")
        elif not reply.citations:
            self.tell("My last reply does not state a fact from the fact sheet, so there is nothing to point to.")
        else:
            self.say("Where my last answer comes from on the fact sheet:")
            for c in reply.citations:
                self.say(_bullet(f"{c.section}: {c.detail}", self.width))

    def show_summary(self) -> None:
        """Questions for my doctor: the person's own deferred questions, then
        the sheet's list (from the knowledge base), ready to copy or print."""
        p, w = self.paint, self.width
        self.say(p.bold("Questions for my doctor"))
        self.say()
        self.say(wrap("Questions you asked here that are for your care team:", w))
        if self.deferred:
            for question in self.deferred:
                self.say(_bullet(question, w))
        else:
            self.say(wrap("  (none yet: when you ask something only your care team can answer, it is added here)", w))
        questions = sheet_questions(self.content)
        if questions:
            topic = self.content.topics.get("doctor_questions")
            where = f" (section \"{topic.section}\")" if topic else ""
            self.say()
            self.say(wrap(f"Questions the fact sheet suggests you ask{where}:", w))
            for line in numbered(questions, w, p):
                self.say(line)
        self.say()
        self.say(p.dim(wrap("Copy this list, or print it, to take to your next appointment. " + self.source.helpline_sentence, w)))

    def show_topics(self) -> None:
        c, w = self.content, self.width
        self.say("I can answer questions about:")
        for topic in c.topics.values():
            self.say(f"  - {topic.title}")
        self.say()
        self.say("and about the HER2-targeted drugs on the fact sheet:")
        for drug in c.drugs:
            self.say(f"  - {drug.name} ({', '.join(drug.brand_names)})")
        self.say()
        self.say(wrap("For each drug you can ask what it is, how it is given, what it is used for "
                      "and its side effects, or compare two drugs.", w))


def _bullet(text: str, width: int) -> str:
    lines = wrap(text, width - 4).split("\n")
    return "\n".join(("  - " if i == 0 else "    ") + line for i, line in enumerate(lines))


# ---------------------------------------------------------------- loops
def run_piped(bot: "Bot", lines: Iterable[str], out: IO[str], *, json: bool = False,
              debug: bool = False, width: int = 80, err: IO[str] | None = None) -> int:
    """Each non-empty line is one turn of ONE conversation; replies in order.

    Text replies are separated by a blank line; with `json`, one Reply object
    a line. Lines are questions as typed: no /commands or numbered choices.
    """
    conversation = bot.conversation()
    first = True
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        reply = conversation.ask(line, debug=debug)
        if json:
            out.write(as_json(reply, debug=debug) + "\n")
        else:
            if debug:
                (err or sys.stderr).write(debug_text(reply) + "\n")
            out.write(("" if first else "\n") + as_text(reply, width, numbered=False) + "\n")
        out.flush()
        first = False
    return 0


def run_interactive(
    bot: "Bot | LazyBot",
    *,
    input: Any = None,
    output: Any = None,
    out: IO[str] | None = None,
    history_file: str | os.PathLike[str] | None = None,
    paint: Paint | None = None,
    width: int | Callable[[], int] = terminal_width,
    debug: bool = False,
) -> int:
    """The prompt_toolkit chat. Returns the exit status (0 on /quit or Ctrl-D).

    `input`/`output` go to prompt_toolkit (None: the real terminal); `out`
    is where replies are written (default sys.stdout).
    """
    out = out if out is not None else sys.stdout
    chat = ChatSession(bot, out, paint=paint, width=width, debug=debug)
    chat.welcome()  # on screen before prompt_toolkit is even imported
    session, history = _prompt_session(chat, input, output, history_file)
    session.app.after_render += lambda _app: chat.source.warm_up()
    while True:
        try:
            line = session.prompt()
        except KeyboardInterrupt:  # Ctrl-C: the line is dropped, keep chatting
            continue
        except EOFError:  # Ctrl-D on an empty line
            chat.goodbye()
            return 0
        try:
            turn = chat.handle(line)
        except KeyboardInterrupt:  # Ctrl-C while answering: back to the prompt
            continue
        if turn.asked and turn.asked != line.strip():
            history.append_string(turn.asked)  # a picked number: remember the question
        if turn.quit:
            return 0


def _prompt_session(chat: ChatSession, input: Any, output: Any,
                    history_file: str | os.PathLike[str] | None) -> tuple[Any, Any]:
    """Build the one PromptSession (prompt_toolkit is imported only here)."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.application.current import get_app
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.completion import Completer, Completion
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.history import FileHistory, InMemoryHistory
    from prompt_toolkit.styles import Style

    class ChatHistory(FileHistory):
        """File history that does not keep bare choice numbers."""

        def append_string(self, string: str) -> None:
            if not _NUMBER.match(string):
                super().append_string(string)

    class ChatCompleter(Completer):
        """Completes /commands at the start, and drug or brand names anywhere."""

        def __init__(self, names: list[str]) -> None:
            self.names = names

        def get_completions(self, document: Any, complete_event: Any) -> Iterable[Any]:
            before = document.text_before_cursor
            if before.startswith("/") and " " not in before:
                for cmd, what in COMMANDS.items():
                    if cmd.startswith(before.lower()):
                        yield Completion(cmd, -len(before), display_meta=what)
                return
            word = before.split()[-1] if before and not before[-1].isspace() else ""
            if len(word) < 2:
                return
            for name in self.names:
                if name.casefold().startswith(word.casefold()) and name.casefold() != word.casefold():
                    yield Completion(name, -len(word))

    path = Path(history_file) if history_file is not None else history_path()
    history: Any
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
        history = ChatHistory(str(path))
    except OSError as err:
        chat.say(chat.paint.warn(f"(Cannot keep history in {path}: {err.strerror}. History is off.)"))
        history = InMemoryHistory()
    def _placeholder() -> Any:  # gone once the line is done, so it never stays on screen
        return FormattedText([] if get_app().is_done else [("class:placeholder", "Ask a question, or type /help")])

    if chat.paint.on:
        style = Style.from_dict({"prompt": "bold ansimagenta", "placeholder": "#888888"})
    else:  # no colour: the grey suggestion from history would look typed, so underline it
        style = Style.from_dict({"auto-suggestion": "underline"})
    session: Any = PromptSession(
        message=FormattedText([("class:prompt", "> ")]),
        history=history,
        auto_suggest=AutoSuggestFromHistory(),
        completer=ChatCompleter(completion_words(chat.content)),
        complete_while_typing=True,
        # grey hint text only with colour: without it, it would look typed
        placeholder=_placeholder if chat.paint.on else None,
        style=style,
        input=input,
        output=output,
    )
    return session, history

"""Scripted conversation tests: YAML files an editor writes, run through the real Bot.

Three parts, kept apart so each can be used and tested alone:

* reading: :func:`load_file` turns a test file into :class:`TestFile` values,
  or raises :class:`FormatError` whose problems name file and line (unknown
  keys, a turn without ``user``, wrong types, bad regular expressions);
  :func:`check_against_bot` then checks names against the loaded content
  (intent ids, drug and side-effect ids);
* running: :func:`run_conversation` feeds each turn to ``Bot.conversation()``
  (the production pipeline, not a copy) and compares the reply with the
  turn's expectations and with the invariants every reply must meet;
* reporting: :func:`format_failure` and :func:`result_to_dict` describe a
  result for people and for machines.

The format is documented in docs/conversation-tests.md.
"""

from __future__ import annotations

import os
import re
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.content.loader import RISKY_KINDS
from bot.content.yamlfile import LineDict, LineList, Problem, read_yaml

if TYPE_CHECKING:
    from bot.core import Bot
    from bot.reply import Reply

FILE_KEYS = ("conversations", "content")
CONVERSATION_KEYS = ("name", "turns", "description")
TURN_KEYS = ("user", "intent", "entities", "says", "not_says", "matches", "fallback", "suggests", "xfail")
# Entity types a reply can carry (bot/understand/entities.py TYPES, plus the second drug of a comparison).
ENTITY_TYPES = ("drug", "drug_2", "side_effect", "route", "kind", "situation", "her2_status")
# Intents the bot produces besides those in intents/*.yaml ("Did you mean", "I do not want to know", no words).
BUILTIN_INTENTS = ("clarify", "decline", "empty", "acknowledge")
# The Susan G. Komen helpline every fallback must give (docs/content.md, grounding rule 5).
HELPLINE_PHONE = "1-877-465-6636"
HELPLINE_WEB = "mbc.komen.org"
TEST_SUFFIXES = (".yaml", ".yml")


class FormatError(Exception):
    """A conversation test file cannot be used; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# ------------------------------------------------------------------ model ---


@dataclass(frozen=True)
class Turn:
    """One user message and what the reply must look like."""

    user: str
    line: int
    intent: str | None = None
    entities: dict[str, str] | None = None
    says: tuple[str, ...] = ()
    not_says: tuple[str, ...] = ()
    matches: tuple[str, ...] = ()
    fallback: bool | None = None
    suggests: tuple[str, ...] = ()
    xfail: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict, compare=False)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def expectations(self) -> list[str]:
        """The turn's expectations, one readable line each."""
        out: list[str] = []
        if self.intent is not None:
            out.append(f"intent: {self.intent}")
        if self.entities is not None:
            out.append("entities include: " + ", ".join(f"{k}={v}" for k, v in self.entities.items()))
        out += [f'says: "{s}"' for s in self.says]
        out += [f'does not say: "{s}"' for s in self.not_says]
        out += [f"matches: /{m}/" for m in self.matches]
        if self.fallback is not None:
            out.append(f"fallback: {'yes' if self.fallback else 'no'}")
        out += [f'a suggestion contains: "{s}"' for s in self.suggests]
        return out


@dataclass(frozen=True)
class Conversation:
    name: str
    file: str  # as shown to people
    path: Path
    line: int
    turns: tuple[Turn, ...]
    content: Path | None = None  # content folder for this file, None = the default


@dataclass(frozen=True)
class TestFile:
    path: Path
    display: str
    conversations: tuple[Conversation, ...]
    content: Path | None = None
    content_line: int = 0


# ---------------------------------------------------------------- reading ---


def display_name(path: Path) -> str:
    """The path relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:  # outside the current folder
        return str(path.resolve())


def load_file(path: str | os.PathLike[str], display: str | None = None) -> TestFile:
    """Read and validate one test file; raises FormatError naming file:line."""
    path = Path(path)
    name = display or display_name(path)
    data, problems = read_yaml(path, name)
    if problems:
        raise FormatError(problems)
    test_file, problems = _build_file(data, path, name)
    if problems or test_file is None:
        raise FormatError(problems)
    return test_file


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    return type(value).__name__


def _unknown_keys(mapping: LineDict, allowed: tuple[str, ...], file: str, where: str) -> list[Problem]:
    return [
        Problem(file, mapping.line_of(key), f"{where}: unknown key '{key}' (allowed: {', '.join(allowed)})")
        for key in mapping
        if key not in allowed
    ]


def _build_file(data: Any, path: Path, file: str) -> tuple[TestFile | None, list[Problem]]:
    if data is None:
        return None, [Problem(file, 1, "the file is empty; it needs a 'conversations:' list")]
    if not isinstance(data, LineDict):
        return None, [Problem(file, line_of_value(data, 1), f"the file must be a mapping with a 'conversations:' list, not {_type_name(data)}")]
    problems = _unknown_keys(data, FILE_KEYS, file, "file")
    content: Path | None = None
    if "content" in data:
        raw = data["content"]
        if not isinstance(raw, str) or not raw.strip():
            problems.append(Problem(file, data.line_of("content"), "'content' must be a folder path (relative to this file)"))
        else:
            content = (path.parent / raw).resolve()
            if not content.is_dir():
                problems.append(Problem(file, data.line_of("content"), f"'content' folder not found: {raw} (looked for {content})"))
    if "conversations" not in data:
        problems.append(Problem(file, data.line, "the file needs a 'conversations:' list"))
        return None, problems
    convs = data["conversations"]
    if not isinstance(convs, LineList) or not convs:
        problems.append(Problem(file, data.line_of("conversations"), f"'conversations' must be a list with at least one conversation, not {_type_name(convs)}"))
        return None, problems
    conversations: list[Conversation] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(convs):
        conv, conv_problems = _build_conversation(item, convs.line_of(i), i + 1, path, file, content)
        problems += conv_problems
        if conv is None:
            continue
        if conv.name in seen:
            problems.append(Problem(file, conv.line, f"conversation name '{conv.name}' is used twice (first at line {seen[conv.name]})"))
        seen.setdefault(conv.name, conv.line)
        conversations.append(conv)
    return TestFile(path, file, tuple(conversations), content, data.line_of("content") if content else 0), problems


def line_of_value(value: Any, default: int) -> int:
    return getattr(value, "line", default) or default


def _build_conversation(item: Any, line: int, number: int, path: Path, file: str, content: Path | None) -> tuple[Conversation | None, list[Problem]]:
    where = f"conversation {number}"
    if not isinstance(item, LineDict):
        return None, [Problem(file, line, f"{where} must be a mapping with 'name:' and 'turns:', not {_type_name(item)}")]
    problems = _unknown_keys(item, CONVERSATION_KEYS, file, where)
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(file, item.line_of("name"), f"{where} needs a 'name:' (text)"))
        name = None
    elif "::" in name or "\n" in name:
        problems.append(Problem(file, item.line_of("name"), f"{where}: the name may not contain '::' or a line break"))
    else:
        name = name.strip()
        where = f"conversation '{name}'"
    if "description" in item and not isinstance(item["description"], str):
        problems.append(Problem(file, item.line_of("description"), f"{where}: 'description' must be text"))
    turns_raw = item.get("turns")
    if not isinstance(turns_raw, LineList) or not turns_raw:
        problems.append(Problem(file, item.line_of("turns"), f"{where} needs 'turns:', a list with at least one turn"))
        return None, problems
    turns: list[Turn] = []
    for i, raw in enumerate(turns_raw):
        turn, turn_problems = _build_turn(raw, turns_raw.line_of(i), f"{where}, turn {i + 1}", file)
        problems += turn_problems
        if turn is not None:
            turns.append(turn)
    if name is None or problems:
        return None, problems
    return Conversation(name, file, path, item.line, tuple(turns), content), problems


def _texts(value: Any, file: str, line: int, where: str, key: str) -> tuple[tuple[str, ...], list[Problem]]:
    """A string or a list of strings, as a tuple."""
    items = [value] if isinstance(value, str) else value
    if isinstance(items, list) and any(isinstance(s, bool) for s in items) or isinstance(items, bool):
        return (), [Problem(file, line, f"{where}: '{key}' has a yes/no value; YAML reads yes, no, on, off, true and false as yes/no, so put the text in quotes (\"yes\")")]
    if not isinstance(items, list) or not items or not all(isinstance(s, str) and s.strip() for s in items):
        return (), [Problem(file, line, f"{where}: '{key}' must be text or a list of texts (none empty)")]
    return tuple(s.strip() if key != "matches" else s for s in items), []


def _build_turn(raw: Any, line: int, where: str, file: str) -> tuple[Turn | None, list[Problem]]:
    if not isinstance(raw, LineDict):
        return None, [Problem(file, line, f"{where} must be a mapping starting with 'user:', not {_type_name(raw)}")]
    problems = _unknown_keys(raw, TURN_KEYS, file, where)
    at = raw.line_of
    user = raw.get("user")
    if "user" not in raw:
        problems.append(Problem(file, raw.line, f"{where} has no 'user:' (what the user types)"))
    elif not isinstance(user, str):
        problems.append(Problem(file, at("user"), f"{where}: 'user' must be text, not {_type_name(user)} (put it in quotes)"))
    values: dict[str, Any] = {}
    intent = raw.get("intent")
    if "intent" in raw:
        if not isinstance(intent, str) or not intent.strip():
            problems.append(Problem(file, at("intent"), f"{where}: 'intent' must be an intent id (text)"))
        else:
            values["intent"] = intent.strip()
    if "entities" in raw:
        ents = raw["entities"]
        if not isinstance(ents, LineDict) or not ents:
            problems.append(Problem(file, at("entities"), f"{where}: 'entities' must be a mapping such as {{drug: tucatinib}}"))
        else:
            for key, value in ents.items():
                if key not in ENTITY_TYPES:
                    problems.append(Problem(file, ents.line_of(key), f"{where}: unknown entity type '{key}' (known: {', '.join(ENTITY_TYPES)})"))
                elif not isinstance(value, str) or not value.strip():
                    problems.append(Problem(file, ents.line_of(key), f"{where}: entity '{key}' must be text"))
            values["entities"] = {k: str(v).strip() for k, v in ents.items()}
    for key in ("says", "not_says", "suggests", "matches"):
        if key in raw:
            texts, text_problems = _texts(raw[key], file, at(key), where, key)
            problems += text_problems
            values[key] = texts
    for pattern in values.get("matches", ()):
        try:
            re.compile(pattern)
        except re.error as err:
            problems.append(Problem(file, at("matches"), f"{where}: 'matches' is not a valid regular expression ({err}): {pattern!r}"))
    if "fallback" in raw:
        if not isinstance(raw["fallback"], bool):
            problems.append(Problem(file, at("fallback"), f"{where}: 'fallback' must be true or false"))
        else:
            values["fallback"] = raw["fallback"]
    if "xfail" in raw:
        reason = raw["xfail"]
        if not isinstance(reason, str) or not reason.strip():
            problems.append(Problem(file, at("xfail"), f"{where}: 'xfail' must say why this turn is expected to fail (text)"))
        else:
            values["xfail"] = reason.strip()
    if problems or not isinstance(user, str):
        return None, problems
    return Turn(user=user, line=raw.line, key_lines=dict(raw.key_lines), **values), []


def check_against_bot(test_file: TestFile, bot: "Bot") -> list[Problem]:
    """Names in the expectations that the loaded content does not know."""
    content = bot.content
    intents = {i.id for i in content.intents} | {f"safety.{r.id}" for r in content.safety} | set(BUILTIN_INTENTS)
    intents |= {f"safety.{kind}" for kind in RISKY_KINDS}
    known = {
        "drug": set(content.drug_by_id),
        "drug_2": set(content.drug_by_id),
        "side_effect": set(content.side_effects),
        "route": set(content.routes),
        "kind": set(content.kinds),
        "situation": set(content.situations),
    }
    problems: list[Problem] = []
    for conv in test_file.conversations:
        for n, turn in enumerate(conv.turns, 1):
            where = f"conversation '{conv.name}', turn {n}"
            if turn.intent is not None and turn.intent not in intents:
                hint = _close(turn.intent, intents)
                problems.append(Problem(conv.file, turn.line_of("intent"), f"{where}: unknown intent '{turn.intent}'{hint}"))
            for key, value in (turn.entities or {}).items():
                ids = known.get(key)
                if ids is not None and value not in ids and resolve_entity(bot, key, value) == value:
                    hint = _close(value, ids) or f" (known: {', '.join(sorted(ids))})"
                    problems.append(Problem(conv.file, turn.line_of("entities"), f"{where}: unknown {key} '{value}'{hint}"))
    return problems


def _close(word: str, choices: set[str]) -> str:
    import difflib

    near = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(near)}?)" if near else ""


def resolve_entity(bot: "Bot", key: str, value: str) -> str:
    """Let editors name a drug by generic or brand name: 'Kadcyla' -> its id."""
    if key not in ("drug", "drug_2") or value in bot.content.drug_by_id:
        return value
    wanted = value.casefold()
    for drug in bot.content.drugs:
        names = {drug.name, *(drug.brand_names)}
        if wanted in {n.casefold() for n in names}:
            return drug.id
    return value


# ---------------------------------------------------------------- running ---


@dataclass(frozen=True)
class TurnResult:
    turn: Turn
    reply: "Reply"
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    """How one conversation went: passed, failed or xfailed (a known problem)."""

    conversation: Conversation
    status: str  # "passed" | "failed" | "xfailed"
    turns: tuple[TurnResult, ...]  # the turns that were run, in order
    failed_at: int | None = None  # index into turns of the failing turn
    seconds: float = 0.0  # time taken to play it

    @property
    def failed_turn(self) -> TurnResult | None:
        return self.turns[self.failed_at] if self.failed_at is not None else None

    @property
    def xfails(self) -> list[TurnResult]:
        return [t for t in self.turns if t.turn.xfail and t.problems]


def _plain(text: str) -> str:
    """Lower case, one space between words, straight apostrophes: for 'says'."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.casefold().split())


def body_text(reply: "Reply") -> str:
    """What `says`, `not_says` and `matches` look at: the reply without its disclaimer."""
    from bot.answer.format import body_of

    return body_of(reply)


def check_turn(bot: "Bot", turn: Turn, reply: "Reply") -> list[str]:
    """Every way the reply differs from the turn's expectations and the invariants."""
    problems: list[str] = []
    body = body_text(reply)
    plain = _plain(body)
    conf = f"(confidence {reply.confidence:.2f})"
    if turn.intent is not None and reply.intent != turn.intent:
        problems.append(f"intent: expected {turn.intent}, got {reply.intent or 'none (fallback)'} {conf}")
    for key, value in (turn.entities or {}).items():
        want = resolve_entity(bot, key, value)
        got = reply.entities.get(key)
        if got != want:
            problems.append(f"entity {key}: expected {want}, got {got or 'nothing'}")
    for text in turn.says:
        if _plain(text) not in plain:
            problems.append(f'says: the reply does not contain "{text}"')
    for text in turn.not_says:
        if _plain(text) in plain:
            problems.append(f'does not say: the reply contains "{text}", which it should not')
    for pattern in turn.matches:
        if not re.search(pattern, body, re.IGNORECASE | re.DOTALL):
            problems.append(f"matches: the reply does not match /{pattern}/")
    if turn.fallback is not None and reply.fallback != turn.fallback:
        problems.append(f"fallback: expected {'yes' if turn.fallback else 'no'}, got {'yes' if reply.fallback else 'no'} {conf}")
    suggestions = [_plain(s) for s in reply.suggestions]
    for text in turn.suggests:
        if not any(_plain(text) in s for s in suggestions):
            problems.append(f'suggests: no suggestion contains "{text}"')
    # Invariants, checked on every turn (docs/content.md, grounding rule 5).
    if not bot.disclaimer or reply.disclaimer != bot.disclaimer or not reply.text.endswith("\n\n" + bot.disclaimer):
        problems.append("every reply must end with the disclaimer, and this one does not")
    if reply.fallback and not (HELPLINE_PHONE in reply.text and HELPLINE_WEB in reply.text):
        problems.append(f"a fallback reply must give the Komen helpline ({HELPLINE_PHONE} and {HELPLINE_WEB}), and this one does not")
    return problems


def run_conversation(bot: "Bot", conv: Conversation) -> Result:
    """Play the conversation turn by turn; stop at the first unexpected failure.

    A turn marked ``xfail`` is a known problem: if it fails, the run goes on and
    the conversation ends as "xfailed"; if it passes, that is reported as a
    failure so the mark gets removed (strict xfail).
    """
    start = time.perf_counter()
    chat = bot.conversation()
    done: list[TurnResult] = []
    for turn in conv.turns:
        reply = chat.ask(turn.user, debug=True)  # a failure shows why the bot decided as it did
        problems = check_turn(bot, turn, reply)
        if turn.xfail and not problems:
            problems = [f"this turn is marked as a known problem (xfail: {turn.xfail}) but now passes: remove the 'xfail:' line at line {turn.line_of('xfail')}"]
            done.append(TurnResult(turn, reply, tuple(problems)))
            return Result(conv, "failed", tuple(done), len(done) - 1, time.perf_counter() - start)
        done.append(TurnResult(turn, reply, tuple(problems)))
        if problems and not turn.xfail:
            return Result(conv, "failed", tuple(done), len(done) - 1, time.perf_counter() - start)
    status = "xfailed" if any(t.problems for t in done) else "passed"
    return Result(conv, status, tuple(done), seconds=time.perf_counter() - start)


def selected(conversations: tuple[Conversation, ...], pattern: str | None) -> list[Conversation]:
    """The conversations whose 'FILE::NAME' contains `pattern` (any case); all without one."""
    if not pattern:
        return list(conversations)
    wanted = pattern.casefold()
    return [c for c in conversations if wanted in f"{c.file}::{c.name}".casefold()]


class BotCache:
    """One loaded Bot per content folder (loading is the slow part)."""

    def __init__(self, default_content: str | os.PathLike[str] | None = None) -> None:
        self.default_content = default_content
        self._bots: dict[str, "Bot"] = {}

    def get(self, content: Path | None) -> "Bot":
        """The Bot for a file's content folder; raises ContentError on bad content."""
        from bot.core import Bot

        where = content if content is not None else self.default_content
        key = str(Path(where).resolve()) if where is not None else ""
        if key not in self._bots:
            self._bots[key] = Bot.load(where)
        return self._bots[key]


def find_test_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Test files named or inside the given folders (sorted); and paths not found."""
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in TEST_SUFFIXES and p.is_file())
        else:
            missing.append(raw)
    unique: list[Path] = []
    for f in files:
        if f.resolve() not in {u.resolve() for u in unique}:
            unique.append(f)
    return unique, missing


# -------------------------------------------------------------- reporting ---


def _short(text: str, limit: int = 90) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def _bot_label(reply: "Reply") -> str:
    if reply.fallback and reply.intent is None:
        return "fallback"
    return reply.intent or "no intent"


def format_failure(result: Result, width: int = 88) -> str:
    """A failure explained for a person: where, what was said, expected vs got."""
    failed = result.failed_turn
    if failed is None:
        return ""
    conv = result.conversation
    number = result.failed_at + 1 if result.failed_at is not None else 0
    turn, reply = failed.turn, failed.reply
    lines = [
        f"{conv.file}:{turn.line}: conversation '{conv.name}', turn {number} of {len(conv.turns)}",
    ]
    earlier = result.turns[: result.failed_at]
    if earlier:
        lines.append("  Conversation so far:")
        for i, done in enumerate(earlier, 1):
            lines.append(f"    {i}. user: {_short(done.turn.user, 70)}")
            lines.append(f"       bot:  {_short(body_text(done.reply), 70)}  [{_bot_label(done.reply)}]")
    lines.append(f"  Turn {number} (line {turn.line}), the user says: {turn.user!r}")
    expected = turn.expectations() or ["(no expectations of its own; only the checks every reply gets)"]
    lines.append("  Expected:")
    lines += [f"    - {e}" for e in expected]
    lines.append("  What went wrong:")
    lines += [f"    - {p}" for p in failed.problems]
    lines.append(
        f"  The bot answered: intent {reply.intent or 'none'}, confidence {reply.confidence:.2f}, "
        f"fallback {'yes' if reply.fallback else 'no'}"
        + (f", entities {', '.join(f'{k}={v}' for k, v in reply.entities.items())}" if reply.entities else "")
    )
    for para in body_text(reply).split("\n"):
        lines += textwrap.wrap(para, width=max(width - 6, 30), initial_indent="    | ", subsequent_indent="    | ", break_on_hyphens=False) or ["    |"]
    if reply.suggestions:
        lines.append("    suggestions: " + " / ".join(reply.suggestions))
    lines += why(reply)
    return "\n".join(lines)


def why(reply: "Reply") -> list[str]:
    """Why the bot answered as it did (what `her2bot ask --debug` shows): the
    decision with its reason, and the best-ranked intents."""
    debug = reply.debug
    if debug is None:
        return []
    lines = [f"  Why: {debug.decision} - {debug.reason}"]
    ranked = [f"{c['intent']} {c['score']:.1f}" for c in debug.ranking[:3]]
    if ranked:
        lines.append(f"    best intents: {', '.join(ranked)} (threshold {debug.threshold:.0f}, margin {debug.margin:.0f})")
    return lines


def format_xfails(result: Result) -> str:
    """One line per known problem of an xfailed conversation."""
    return "\n".join(
        f"known problem at {result.conversation.file}:{t.turn.line} ({t.turn.user!r}): {t.turn.xfail}"
        for t in result.xfails
    )


def result_to_dict(result: Result) -> dict[str, Any]:
    """A JSON-ready description of one conversation's result."""
    conv = result.conversation
    data: dict[str, Any] = {
        "name": conv.name,
        "file": conv.file,
        "line": conv.line,
        "status": result.status,
        "turns": len(conv.turns),
        "turns_run": len(result.turns),
    }
    failed = result.failed_turn
    if failed is not None:
        data["failure"] = {
            "turn": (result.failed_at or 0) + 1,
            "line": failed.turn.line,
            "user": failed.turn.user,
            "expected": failed.turn.expectations(),
            "problems": list(failed.problems),
            "reply": failed.reply.to_dict(include_debug=True),
            "history": [{"user": t.turn.user, "bot": body_text(t.reply), "intent": t.reply.intent} for t in result.turns[: result.failed_at]],
        }
    if result.xfails:
        data["xfail"] = [{"line": t.turn.line, "user": t.turn.user, "reason": t.turn.xfail, "problems": list(t.problems)} for t in result.xfails]
    return data

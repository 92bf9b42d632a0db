"""Measure answers on labelled question sets, part by part (``her2bot eval``).

A part is YAML (tests/eval/*.yaml)::

    questions:
      - q: "does herceptin or kadcyla cause liver problems"
        intent: drug_side_effect_check
        drugs: [trastuzumab, ado-trastuzumab-emtansine]
        side_effects: [liver_problems]
        must_mention: [liver]          # optional: words the answer must contain
        unnamed: hives                 # optional: a condition the answer must say the sheet does not name
      - q: "how much does tukysa cost"
        fallback: true
        outside: cost
    conversations:
      - name: "..."
        turns: [ {q: ..., intent: ..., drugs: [...]}, ... ]

The older format of tests/eval/questions.yaml (``intent`` with ``entities``
{drug, drug_2, side_effect}, and ``intent: fallback``) is read too.

Every question is asked in a fresh conversation, every conversation's turns
in one, through the real ``Bot.respond``. A turn is right when the reply has
the expected intent and is not a fallback, covers every labelled drug and side
effect (its sources and entities), contains every ``must_mention`` word and
names the ``unnamed`` condition; a must-fall-back question is right when the
reply is a fallback. ``near_copy_share`` measures how many questions are
near-copies of an intent's example phrasing once names are masked (rapidfuzz
ratio >= 90): a set full of near-copies measures memory, not understanding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from bot.content.yamlfile import LineDict, LineList, Problem, read_yaml
from bot.quality.locked import WITHHELD, is_locked, shown
from bot.quality.safety_eval import Gate
from bot.understand.normalise import normalise
from bot.understand.ranking import mask_example

if TYPE_CHECKING:
    from bot.core import Bot

NEAR_COPY = 90.0
# What CI requires of the locked part (issue 13).
LOCKED_GATES = {"answer": 0.85, "fallback": 0.85, "turns": 0.80}
MAX_NEAR_COPY = 0.05


@dataclass(frozen=True)
class Turn:
    q: str
    intent: str | None = None
    drugs: tuple[str, ...] = ()
    side_effects: tuple[str, ...] = ()
    fallback: bool = False
    must_mention: tuple[str, ...] = ()
    unnamed: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Conversation:
    name: str
    turns: tuple[Turn, ...]
    line: int = 0


@dataclass
class PartResult:
    name: str
    path: str
    right: dict[str, int] = field(default_factory=lambda: {"answer": 0, "fallback": 0, "turns": 0, "conversations": 0})
    total: dict[str, int] = field(default_factory=lambda: {"answer": 0, "fallback": 0, "turns": 0, "conversations": 0})
    near_copies: int = 0
    asked: int = 0
    wrong: list[tuple[Turn, str]] = field(default_factory=list)

    def rate(self, key: str) -> float | None:
        return self.right[key] / self.total[key] if self.total[key] else None

    @property
    def near_copy_share(self) -> float | None:
        return self.near_copies / self.asked if self.asked else None


class DatasetError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _turn(entry: Any, file: str, line: int, problems: list[Problem]) -> Turn | None:
    if not isinstance(entry, LineDict) or not isinstance(entry.get("q"), str):
        problems.append(Problem(file, line, "each question needs `q:` text"))
        return None
    intent = entry.get("intent")
    entities = entry.get("entities") or {}
    drugs = _texts(entry.get("drugs")) or tuple(v for k, v in entities.items() if k in ("drug", "drug_2"))
    effects = _texts(entry.get("side_effects")) or tuple(v for k, v in entities.items() if k == "side_effect")
    fallback = bool(entry.get("fallback")) or intent == "fallback"
    if not fallback and not isinstance(intent, str):
        problems.append(Problem(file, line, "a question needs `intent:` or `fallback: true`"))
        return None
    return Turn(entry["q"], None if fallback else intent, drugs, effects, fallback,
                _texts(entry.get("must_mention")), entry.get("unnamed"), line)


def load_part(path: Path) -> tuple[list[Turn], list[Conversation]]:
    name = str(path)
    data, problems = read_yaml(path, name)
    if problems:
        raise DatasetError(problems)
    if not isinstance(data, LineDict):
        raise DatasetError([Problem(name, 1, "a question set is a mapping with `questions:` and/or `conversations:`")])
    questions: list[Turn] = []
    for i, entry in enumerate(data.get("questions") or []):
        turn = _turn(entry, name, data["questions"].line_of(i), problems)
        if turn is not None:
            questions.append(turn)
    conversations: list[Conversation] = []
    for i, entry in enumerate(data.get("conversations") or []):
        line = data["conversations"].line_of(i)
        turns_data = entry.get("turns") if isinstance(entry, LineDict) else None
        if not isinstance(turns_data, LineList) or not turns_data:
            problems.append(Problem(name, line, "a conversation needs `turns:`"))
            continue
        turns = [_turn(t, name, turns_data.line_of(j), problems) for j, t in enumerate(turns_data)]
        conversations.append(Conversation(str(entry.get("name", f"conversation {i + 1}")),
                                          tuple(t for t in turns if t is not None), line))
    if problems:
        raise DatasetError(problems)
    return questions, conversations


def answered(reply) -> tuple[set[str], set[str]]:
    """The drugs and side effects a reply is about (its sources and entities)."""
    drugs = {s.split(":", 1)[1] for s in reply.sources if s.startswith("drug:")}
    effects = {s.split(":", 1)[1] for s in reply.sources if s.startswith("side_effect:")}
    drugs |= {v for k, v in reply.entities.items() if k.startswith("drug")}
    effects |= {v for k, v in reply.entities.items() if k.startswith("side_effect")}
    return drugs, effects


def judge(turn: Turn, reply) -> str | None:
    """None when the reply is right for this turn, else what is wrong."""
    if turn.fallback:
        return None if reply.fallback else f"expected a fallback, got {reply.intent}"
    if reply.fallback:
        return "fell back"
    if reply.intent != turn.intent:
        return f"intent {reply.intent}, expected {turn.intent}"
    drugs, effects = answered(reply)
    missing = [d for d in turn.drugs if d not in drugs] + [e for e in turn.side_effects if e not in effects]
    if missing:
        return f"does not cover {', '.join(missing)}"
    body = reply.text[: len(reply.text) - len(reply.disclaimer)].lower()
    absent = [w for w in turn.must_mention if w.lower() not in body]
    if turn.unnamed and turn.unnamed.lower() not in body:
        absent.append(turn.unnamed)
    return f"does not say {', '.join(absent)}" if absent else None


class CopyMeter:
    """How near a question is to any intent example, names masked (built once)."""

    def __init__(self, bot: "Bot") -> None:
        self.bot = bot
        self.examples = [mask_example(e.text, bot.entities) for i in bot.content.intents for e in i.examples]

    def near_copy(self, text: str) -> bool:
        masked = self.bot.entities.find(normalise(text)).masked
        best = process.extractOne(masked, self.examples, scorer=fuzz.ratio, score_cutoff=NEAR_COPY)
        return best is not None


def evaluate(bot: "Bot", questions: list[Turn], conversations: list[Conversation], name: str = "", path: str = "",
             meter: CopyMeter | None = None) -> PartResult:
    result = PartResult(name, path)
    meter = meter or CopyMeter(bot)

    def ask(turn: Turn, state) -> Any:
        reply, new_state = bot.respond(turn.q, state)
        result.asked += 1
        result.near_copies += meter.near_copy(turn.q)
        return reply, new_state

    for turn in questions:
        reply, _ = ask(turn, None)
        key = "fallback" if turn.fallback else "answer"
        result.total[key] += 1
        problem = judge(turn, reply)
        if problem is None:
            result.right[key] += 1
        else:
            result.wrong.append((turn, problem))
    for conversation in conversations:
        state = None
        all_right = True
        for turn in conversation.turns:
            reply, state = ask(turn, state)
            result.total["turns"] += 1
            problem = judge(turn, reply)
            if problem is None:
                result.right["turns"] += 1
            else:
                all_right = False
                result.wrong.append((turn, f"{conversation.name}: {problem}"))
        result.total["conversations"] += 1
        result.right["conversations"] += all_right
    return result


def gates(result: PartResult) -> list[Gate]:
    out = [Gate(f"{key} accuracy", result.rate(key), limit, ">=") for key, limit in LOCKED_GATES.items()]
    out.append(Gate("near-copy share", result.near_copy_share, MAX_NEAR_COPY, "<="))
    return out


ROWS = (("answer", "answerable questions"), ("fallback", "must fall back"), ("turns", "multi-turn: turns"),
        ("conversations", "multi-turn: conversations"))


def format_report(results: list[PartResult], show_errors: bool = False, show_locked: bool = False) -> str:
    width = 18
    lines = ["Questions by kind, part by part (each question in a fresh conversation)",
             "  " + "part".ljust(28) + "".join(r.name.rjust(width) for r in results)]
    for key, label in ROWS:
        cells = [f"{r.right[key]}/{r.total[key]} {r.rate(key):6.1%}" if r.total[key] else "-" for r in results]
        lines.append("  " + label.ljust(28) + "".join(c.rjust(width) for c in cells))
    cells = [f"{r.near_copies}/{r.asked} {r.near_copy_share:6.1%}" if r.asked else "-" for r in results]
    lines.append("  " + f"near-copies (ratio >= {NEAR_COPY:.0f})".ljust(28) + "".join(c.rjust(width) for c in cells))
    if show_errors:
        for r in results:
            for turn, problem in r.wrong:
                if is_locked(r.name) and not show_locked:
                    lines.append(f"  {r.path}:{turn.line}: {WITHHELD}")
                else:
                    lines.append(f"  {r.path}:{turn.line}: {turn.q!r}: {problem}")
    return "\n".join(lines)


def to_dict(result: PartResult, show_locked: bool = False) -> dict[str, Any]:
    return {
        "part": result.name,
        "path": result.path,
        "accuracy": {key: {"right": result.right[key], "total": result.total[key], "rate": result.rate(key)}
                     for key, _ in ROWS},
        "near_copy_share": result.near_copy_share,
        "wrong": [{"q": shown(result.name, t.q, show_locked), "line": t.line, "problem": shown(result.name, p, show_locked)}
                  for t, p in result.wrong],
    }


def to_json(results: list[PartResult], show_locked: bool = False) -> str:
    return json.dumps([to_dict(r, show_locked) for r in results], indent=2)

"""Measure answer quality on a labelled question set (``her2bot eval``).

The data set is YAML::

    questions:
      - q: "enhurtu lung problms"
        intent: drug_side_effect_check   # an intent id, safety.<rule>, decline, clarify, acknowledge, empty or fallback
        entities: {drug: trastuzumab-deruxtecan, side_effect: lung_problems}   # optional, checked as a subset
        tags: [typo]                      # optional

``load_dataset`` reads and checks it (every problem names file and line).
``evaluate`` answers each question in a fresh conversation through the real
``Bot.respond`` and returns a :class:`Result` with the metrics:

* intent accuracy: the predicted label equals the expected one. The predicted
  label is ``reply.intent``, or ``fallback`` for a fallback reply with no
  intent. ``clarify`` is a wrong answer unless it was expected.
* entity accuracy: over questions with labelled entities, every labelled
  entity has that value in ``reply.entities``.
* out-of-scope recall: over questions labelled ``fallback`` or
  ``safety.out_of_scope_fact``, the share whose reply is a fallback.
* false-fallback rate: over all other questions, the share whose reply is a
  fallback.
* per-label precision / recall / support, the most confused pairs, and reply
  latency (median and p99, timed around ``Bot.respond`` only).

Nothing here prints; ``format_report`` and ``to_json`` turn a result into text.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from bot.content.loader import RISKY_KINDS
from bot.content.yamlfile import LineDict, LineList, Problem, read_yaml

if TYPE_CHECKING:
    from bot.core import Bot

FALLBACK = "fallback"
OUT_OF_SCOPE = frozenset({FALLBACK, "safety.out_of_scope_fact"})
FIXED_LABELS = ("fallback", "clarify", "decline", "empty", "acknowledge")
ENTITY_TYPES = ("drug", "drug_2", "side_effect", "route", "kind", "situation", "her2_status")
QUESTION_KEYS = ("q", "intent", "entities", "tags")


@dataclass(frozen=True)
class Question:
    q: str
    intent: str
    entities: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    file: str = ""
    line: int = 0

    @property
    def out_of_scope(self) -> bool:
        return self.intent in OUT_OF_SCOPE


class DatasetError(Exception):
    """The data set cannot be used; ``problems`` says every reason, with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# ---------------------------------------------------------------- loading
def known_labels(bot: "Bot") -> frozenset[str]:
    """Every label a question may expect with this content."""
    labels = {i.id for i in bot.content.intents}
    labels |= {f"safety.{rule.id}" for rule in bot.content.safety}
    labels |= {f"safety.{kind}" for kind in RISKY_KINDS}
    return frozenset(labels | set(FIXED_LABELS))


def load_dataset(path: str | Path, bot: "Bot | None" = None) -> list[Question]:
    """Read and check a data set. With `bot`, labels and entity values are checked too.

    Raises DatasetError listing every problem found (never a YAML traceback).
    """
    path = Path(path)
    name = str(path)
    data, problems = read_yaml(path, name)
    if data is None:
        raise DatasetError(problems or [Problem(name, 0, "the file is empty")])
    items = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DatasetError(problems + [Problem(name, getattr(data, "line", 1) or 1, "expected a mapping with a `questions:` list")])
    labels = known_labels(bot) if bot is not None else None
    values = _entity_values(bot) if bot is not None else None
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        line = items.line_of(index) if isinstance(items, LineList) else 0
        question = _question(item, name, line, labels, values, problems)
        if question is None:
            continue
        key = " ".join(question.q.casefold().split())
        if key in seen:
            problems.append(Problem(name, line, f"duplicate question {question.q!r} (first at line {seen[key]})"))
            continue
        seen[key] = line
        questions.append(question)
    if not questions and not problems:
        problems.append(Problem(name, items.line if isinstance(items, LineList) else 0, "the `questions:` list is empty"))
    if problems:
        raise DatasetError(problems)
    return questions


def _entity_values(bot: "Bot") -> dict[str, frozenset[str]]:
    c = bot.content
    drugs = frozenset(d.id for d in c.drugs)
    return {
        "drug": drugs,
        "drug_2": drugs,
        "side_effect": frozenset(c.side_effects),
        "route": frozenset(c.routes),
        "kind": frozenset(c.kinds),
        "situation": frozenset(c.situations),
        "her2_status": frozenset(("positive", "low", "negative")),
    }


def _question(
    item: Any,
    name: str,
    line: int,
    labels: frozenset[str] | None,
    values: dict[str, frozenset[str]] | None,
    problems: list[Problem],
) -> Question | None:
    if not isinstance(item, dict):
        problems.append(Problem(name, line, "each question must be a mapping with `q:` and `intent:`"))
        return None

    def at(key: str) -> int:
        return item.line_of(key) if isinstance(item, LineDict) else line

    ok = True
    for key in item:
        if key not in QUESTION_KEYS:
            problems.append(Problem(name, at(key), f"unknown key '{key}' (allowed: {', '.join(QUESTION_KEYS)})"))
            ok = False
    q, intent = item.get("q"), item.get("intent")
    if not isinstance(q, str) or not q.strip():
        problems.append(Problem(name, at("q"), "`q:` must be a non-empty text"))
        ok = False
    if not isinstance(intent, str) or not intent.strip():
        problems.append(Problem(name, at("intent"), "`intent:` must be a label: an intent id, safety.<rule>, decline or fallback"))
        ok = False
    elif labels is not None and intent not in labels:
        problems.append(Problem(name, at("intent"), f"unknown label '{intent}'"))
        ok = False
    entities = item.get("entities") or {}
    if not isinstance(entities, dict):
        problems.append(Problem(name, at("entities"), "`entities:` must be a mapping such as {drug: tucatinib}"))
        ok, entities = False, {}
    for key, value in entities.items():
        where = entities.line_of(key) if isinstance(entities, LineDict) else at("entities")
        if key not in ENTITY_TYPES:
            problems.append(Problem(name, where, f"unknown entity type '{key}' (allowed: {', '.join(ENTITY_TYPES)})"))
            ok = False
        elif not isinstance(value, str):
            problems.append(Problem(name, where, f"entity '{key}' must be an id (text), got {value!r}"))
            ok = False
        elif values is not None and value not in values[key]:
            problems.append(Problem(name, where, f"unknown {key} '{value}'"))
            ok = False
    tags = item.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(Problem(name, at("tags"), "`tags:` must be a list of words"))
        ok, tags = False, []
    if not ok:
        return None
    return Question(q=q, intent=intent.strip(), entities={k: str(v) for k, v in entities.items()}, tags=tuple(tags), file=name, line=line)


def perturbed(questions: Iterable[Question], seed: int, rate: float | None = None) -> list[Question]:
    """The same questions with seeded typing mistakes; labels are kept as they are."""
    from bot.quality.typos import DEFAULT_RATE, perturb

    return [replace(q, q=perturb(q.q, seed, DEFAULT_RATE if rate is None else rate)) for q in questions]


# ---------------------------------------------------------------- running
@dataclass(frozen=True)
class Outcome:
    question: Question
    got: str  # the predicted label
    fallback: bool
    entities: dict[str, str]
    seconds: float

    @property
    def correct(self) -> bool:
        # "can't answer, here is the helpline" is right for an out-of-scope question whichever rule said it
        if self.question.out_of_scope:
            return self.fallback
        return self.got == self.question.intent

    @property
    def entities_correct(self) -> bool:
        return all(self.entities.get(k) == v for k, v in self.question.entities.items())


@dataclass(frozen=True)
class LabelScore:
    label: str
    precision: float | None  # None when the label was never predicted
    recall: float | None  # None when no question expects it
    support: int  # questions that expect it
    predicted: int  # replies that got it


@dataclass(frozen=True)
class Confusion:
    expected: str
    got: str
    count: int
    example: str


@dataclass(frozen=True)
class Metrics:
    questions: int
    accuracy: float
    entity_accuracy: float | None
    entity_questions: int
    oos_recall: float | None
    oos_questions: int
    false_fallback: float | None
    in_scope_questions: int
    latency_ms_median: float
    latency_ms_p99: float


@dataclass(frozen=True)
class Result:
    outcomes: tuple[Outcome, ...]
    metrics: Metrics
    labels: tuple[LabelScore, ...]
    confusions: tuple[Confusion, ...]

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]


def predicted_label(reply: Any) -> str:
    """The label of a reply: its intent, or ``fallback`` for a fallback without one."""
    if reply.intent is None:
        return FALLBACK
    return str(reply.intent)


def run(bot: "Bot", questions: Iterable[Question]) -> list[Outcome]:
    """Answer each question in a fresh conversation, timing only ``respond``."""
    out: list[Outcome] = []
    clock = time.perf_counter
    for question in questions:
        start = clock()
        reply, _ = bot.respond(question.q, None)
        seconds = clock() - start
        out.append(Outcome(question, predicted_label(reply), bool(reply.fallback), dict(reply.entities), seconds))
    return out


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation): a value that was measured."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def score(outcomes: list[Outcome], top_confusions: int = 10) -> Result:
    n = len(outcomes)
    with_entities = [o for o in outcomes if o.question.entities]
    oos = [o for o in outcomes if o.question.out_of_scope]
    in_scope = [o for o in outcomes if not o.question.out_of_scope]
    ms = [o.seconds * 1000 for o in outcomes]
    metrics = Metrics(
        questions=n,
        accuracy=sum(o.correct for o in outcomes) / n if n else 0.0,
        entity_accuracy=_share(sum(o.entities_correct for o in with_entities), len(with_entities)),
        entity_questions=len(with_entities),
        oos_recall=_share(sum(o.fallback for o in oos), len(oos)),
        oos_questions=len(oos),
        false_fallback=_share(sum(o.fallback for o in in_scope), len(in_scope)),
        in_scope_questions=len(in_scope),
        latency_ms_median=percentile(ms, 50),
        latency_ms_p99=percentile(ms, 99),
    )
    expected = Counter(o.question.intent for o in outcomes)
    predicted = Counter(o.got for o in outcomes)
    hits = Counter(o.got for o in outcomes if o.correct)
    labels = tuple(
        LabelScore(label, _share(hits[label], predicted[label]), _share(hits[label], expected[label]), expected[label], predicted[label])
        for label in sorted(set(expected) | set(predicted))
    )
    pairs = Counter((o.question.intent, o.got) for o in outcomes if not o.correct)
    first: dict[tuple[str, str], str] = {}
    for o in outcomes:
        if not o.correct:
            first.setdefault((o.question.intent, o.got), o.question.q)
    ordered = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:top_confusions]
    confusions = tuple(Confusion(e, g, count, first[(e, g)]) for (e, g), count in ordered)
    return Result(tuple(outcomes), metrics, labels, confusions)


def evaluate(bot: "Bot", questions: Iterable[Question], top_confusions: int = 10) -> Result:
    return score(run(bot, questions), top_confusions)


# ---------------------------------------------------------------- thresholds
@dataclass(frozen=True)
class Gate:
    name: str  # e.g. "intent accuracy"
    op: str  # ">=" or "<="
    limit: float
    value: float | None

    @property
    def ok(self) -> bool:
        if self.value is None:
            return False
        return self.value >= self.limit if self.op == ">=" else self.value <= self.limit

    def __str__(self) -> str:
        value = "n/a" if self.value is None else f"{self.value:.3f}"
        verdict = "ok" if self.ok else "FAILED"
        return f"{verdict}: {self.name} {value} (needs {self.op} {self.limit:g})"


def gates(result: Result, typo: Result | None, limits: dict[str, float | None]) -> list[Gate]:
    """Compare a result with the limits given (keys: min_accuracy, min_entity_accuracy,
    min_oos_recall, max_false_fallback, min_typo_accuracy; None = not checked)."""
    m = result.metrics
    table = (
        ("min_accuracy", "intent accuracy", ">=", m.accuracy),
        ("min_entity_accuracy", "entity accuracy", ">=", m.entity_accuracy),
        ("min_oos_recall", "out-of-scope recall", ">=", m.oos_recall),
        ("max_false_fallback", "false-fallback rate", "<=", m.false_fallback),
        ("min_typo_accuracy", "typo-set intent accuracy", ">=", typo.metrics.accuracy if typo else None),
    )
    return [Gate(name, op, float(limits[key]), value) for key, name, op, value in table if limits.get(key) is not None]


# ---------------------------------------------------------------- output
def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{100 * value:5.1f}%"


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(
    result: Result,
    typo: Result | None = None,
    *,
    dataset: str = "",
    seed: int | None = None,
    rate: float | None = None,
    show_errors: bool = False,
    gate_list: list[Gate] | None = None,
) -> str:
    m = result.metrics
    lines = [f"her2bot eval: {m.questions} questions" + (f" from {dataset}" if dataset else ""), ""]
    rows = [
        ("intent accuracy (top-1)", _pct(m.accuracy), f"{sum(o.correct for o in result.outcomes)} of {m.questions}"),
        ("entity accuracy", _pct(m.entity_accuracy), f"of {m.entity_questions} questions with labelled entities"),
        ("out-of-scope recall", _pct(m.oos_recall), f"fallback on {m.oos_questions} out-of-scope questions"),
        ("false-fallback rate", _pct(m.false_fallback), f"fallback on {m.in_scope_questions} in-scope questions"),
    ]
    if typo is not None:
        rows.append(("typo-set intent accuracy", _pct(typo.metrics.accuracy), f"same questions with seeded typos (seed {seed}" + (f", rate {rate:g})" if rate is not None else ")")))
        rows.append(("typo-set out-of-scope recall", _pct(typo.metrics.oos_recall), ""))
        rows.append(("typo-set false-fallback rate", _pct(typo.metrics.false_fallback), ""))
    rows.append(("latency median / p99", f"{m.latency_ms_median:.2f} / {m.latency_ms_p99:.2f} ms", "per reply, Bot.respond only"))
    for name, value, note in rows:
        lines.append(f"  {name:<30} {value:>16}   {note}".rstrip())

    lines += ["", "Per label (P = precision, R = recall, n = questions that expect it, pred = replies that got it):"]
    lines.append(f"  {'label':<34} {'P':>6} {'R':>6} {'n':>5} {'pred':>5}")
    for s in result.labels:
        lines.append(f"  {s.label:<34} {_pct(s.precision):>6} {_pct(s.recall):>6} {s.support:>5} {s.predicted:>5}")

    lines += ["", "Most confused (expected -> got):"]
    if not result.confusions:
        lines.append("  none")
    for c in result.confusions:
        lines.append(f"  {c.count:>3} × {c.expected} -> {c.got}   e.g. {_clip(c.example)!r}")

    if show_errors:
        for title, res in (("Misclassified questions", result), ("Misclassified typo-set questions", typo)):
            if res is None:
                continue
            lines += ["", f"{title} ({len(res.errors)}):"]
            for o in res.errors:
                where = f"{o.question.file}:{o.question.line}"
                lines.append(f"  {where}: {o.question.q!r}: expected {o.question.intent}, got {o.got}")
    if gate_list:
        lines += ["", "Thresholds:"]
        lines += [f"  {g}" for g in gate_list]
    return "\n".join(lines)


def _metrics_dict(result: Result) -> dict[str, Any]:
    m = result.metrics
    return {
        "questions": m.questions,
        "intent_accuracy": m.accuracy,
        "entity_accuracy": m.entity_accuracy,
        "entity_questions": m.entity_questions,
        "oos_recall": m.oos_recall,
        "oos_questions": m.oos_questions,
        "false_fallback_rate": m.false_fallback,
        "in_scope_questions": m.in_scope_questions,
        "latency_ms": {"median": round(m.latency_ms_median, 3), "p99": round(m.latency_ms_p99, 3)},
    }


def _outcomes(result: Result) -> list[dict[str, Any]]:
    return [
        {"q": o.question.q, "file": o.question.file, "line": o.question.line, "expected": o.question.intent,
         "got": o.got, "correct": o.correct}
        for o in result.outcomes
    ]


def _errors(result: Result) -> list[dict[str, Any]]:
    return [
        {"q": o.question.q, "file": o.question.file, "line": o.question.line, "expected": o.question.intent,
         "got": o.got, "fallback": o.fallback, "entities": o.entities}
        for o in result.errors
    ]


def to_json(
    result: Result,
    typo: Result | None = None,
    *,
    dataset: str = "",
    seed: int | None = None,
    rate: float | None = None,
    gate_list: list[Gate] | None = None,
    compare: dict[str, Any] | None = None,
) -> str:
    data: dict[str, Any] = {
        "dataset": dataset,
        "metrics": _metrics_dict(result),
        "labels": [
            {"label": s.label, "precision": s.precision, "recall": s.recall, "support": s.support, "predicted": s.predicted}
            for s in result.labels
        ],
        "confusions": [{"expected": c.expected, "got": c.got, "count": c.count, "example": c.example} for c in result.confusions],
        "errors": _errors(result),
        "outcomes": _outcomes(result),
        "typos": None,
        "thresholds": [{"name": g.name, "op": g.op, "limit": g.limit, "value": g.value, "ok": g.ok} for g in gate_list or []],
    }
    if typo is not None:
        data["typos"] = {"seed": seed, "rate": rate, "metrics": _metrics_dict(typo), "errors": _errors(typo),
                         "outcomes": _outcomes(typo)}
    if compare is not None:
        data["compare"] = compare
    return json.dumps(data, indent=2, ensure_ascii=False)

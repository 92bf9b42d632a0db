"""Reads and checks the learned kind models, the weights `her2bot train` writes
(intents/crisis_model.json, intents/emergency_model.json, intents/decision_model.json,
intents/symptom_report_model.json).

Reading a file (bytes to JSON, with the line of any syntax error) is kept
apart from checking its shape (every problem names the file and, where it
can, the line). The files are optional: without one, that kind has no
learned back-up.

A model file is about 6 MB and takes a quarter of a second to read and check.
A process that loads the content more than once (the tests do, many times)
reads each file's bytes again, and a file it has just read and found
good is not parsed again (_READ: the last good model of each kind,
with its file's SHA-256, so an edited file is read afresh and at most four
models are kept).
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from bot.content.model import LearnedModel
from bot.content.yamlfile import Problem

# the kinds that have a learned back-up, highest precedence first, and their files
MODEL_FILES = {"crisis": "crisis_model.json", "emergency": "emergency_model.json", "decision": "decision_model.json",
               "symptom_report": "symptom_report_model.json"}
FORMAT = 2  # 2: a second threshold, for raising a message the rules read as another risky kind
BLOCKS = ("words", "pieces")  # the analyzers of bot/understand/learned_kind.py, in order


# kind -> (SHA-256 of the last model file of that kind found good, the model read from it)
_READ: dict[str, tuple[str, LearnedModel]] = {}


def read_bytes(path: Path, name: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or None and the problem."""
    try:
        return path.read_bytes(), []
    except OSError as error:
        return None, [Problem(name, 0, f"cannot read the file: {error}")]


def parse_json(raw: bytes, name: str) -> tuple[Any, list[Problem]]:
    """The JSON of a file's bytes (read by :func:`read_bytes`), or None and the
    problem (with its line)."""
    try:
        return json.loads(raw.decode("utf-8")), []
    except UnicodeDecodeError as error:
        return None, [Problem(name, 0, f"cannot read the file: {error}")]
    except json.JSONDecodeError as error:
        return None, [Problem(name, error.lineno, f"not valid JSON: {error.msg} (column {error.colno})")]


def parse_model(data: Any, name: str, kind: str) -> tuple[LearnedModel | None, list[Problem]]:
    """The model of this kind in ``data``, or None and what is wrong with it."""
    if not isinstance(data, dict):
        return None, [Problem(name, 1, "the top level must be an object")]
    problems: list[Problem] = []
    if data.get("format") != FORMAT:
        problems.append(Problem(name, 1, f"'format' must be {FORMAT} (written by this version of `her2bot train`)"))
    if data.get("kind") != kind:
        problems.append(Problem(name, 1, f"'kind' must be '{kind}' (the kind this file's name says)"))
    for key in ("intercept", "threshold", "threshold_over_risky"):
        if not _number(data.get(key)):
            problems.append(Problem(name, 1, f"'{key}' must be a finite number"))
    for key in ("threshold", "threshold_over_risky"):
        if _number(data.get(key)) and not 0 < data[key] < 1:
            problems.append(Problem(name, 1, f"'{key}' must be a probability between 0 and 1"))
    if not isinstance(data.get("trained_on"), str):
        problems.append(Problem(name, 1, "'trained_on' must be the digest of the training messages"))
    blocks = []
    for block in BLOCKS:
        table = data.get(block)
        if not isinstance(table, dict) or not table:
            problems.append(Problem(name, 1, f"'{block}' must be an object of feature -> [idf, weight]"))
            continue
        bad = _first_bad_row(table)
        if bad is not None:
            problems.append(Problem(name, 1, f"'{block}': feature {bad!r} must map to [idf, weight], two numbers"))
            continue
        blocks.append((block, MappingProxyType({f: (float(v[0]), float(v[1])) for f, v in table.items()})))
    if problems:
        return None, problems
    model = LearnedModel(kind, tuple(blocks), float(data["intercept"]), float(data["threshold"]),
                         float(data["threshold_over_risky"]), data["trained_on"])
    return model, []


def load_models(folder: Path, display: str) -> tuple[Mapping[str, LearnedModel], list[Problem]]:
    """kind -> model for each model file in ``folder`` (``display``: the folder as shown in problems)."""
    models: dict[str, LearnedModel] = {}
    problems: list[Problem] = []
    for kind, file in MODEL_FILES.items():
        path = folder / file
        if not path.is_file():
            continue
        name = f"{display}/{file}"
        raw, found = read_bytes(path, name)
        if raw is not None:
            digest = hashlib.sha256(raw).hexdigest()
            last = _READ.get(kind)
            model = last[1] if last is not None and last[0] == digest else None
            if model is None:
                data, found = parse_json(raw, name)
                if not found:
                    model, found = parse_model(data, name, kind)
                    if model is not None:
                        _READ[kind] = (digest, model)
            if model is not None:
                models[kind] = model
        problems += found
    first = next(iter(models.values()), None)
    if any(m.trained_on != first.trained_on or any(table.keys() != other.keys() for (_, table), (_, other)
                                                   in zip(m.blocks, first.blocks)) for m in models.values()):
        problems.append(Problem(display, 0, f"the models {', '.join(MODEL_FILES[k] for k in models)} were trained on "
                                            "different messages: run `her2bot train` to retrain them together"))
    return MappingProxyType(models), problems


def _first_bad_row(table: dict[str, Any]) -> str | None:
    """The first feature whose value is not [idf, weight], two finite numbers; None if all are.
    A model holds about 150,000 rows: one pass over them all in C (the sets of types,
    isfinite over every number) and the row-by-row search only when that finds a bad one."""
    rows = table.values()
    numbers = [x for v in rows if type(v) is list and len(v) == 2 for x in v]
    if len(numbers) == 2 * len(rows) and {type(x) for x in numbers} <= {int, float} \
            and all(map(math.isfinite, numbers)):
        return None
    return next((f for f, v in table.items() if not (isinstance(v, list) and len(v) == 2 and all(map(_number, v)))), None)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)

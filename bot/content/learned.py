"""Reads and checks intents/crisis_model.json, the weights `her2bot train` writes.

Reading the file (bytes to JSON, with the line of any syntax error) is kept
apart from checking its shape (every problem names the file and, where it
can, the line). The file is optional: without it the bot has no learned
back-up, and `her2bot check` says so.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.content.model import LearnedModel
from bot.content.yamlfile import Problem

MODEL_FILE = "crisis_model.json"
FORMAT = 1
BLOCKS = ("words", "pieces")  # the analyzers of bot/understand/crisis_model.py, in order


def read_json(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """The file's JSON, or None and the problem (with its line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(name, 0, f"cannot read the file: {error}")]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        return None, [Problem(name, error.lineno, f"not valid JSON: {error.msg} (column {error.colno})")]


def parse_model(data: Any, name: str) -> tuple[LearnedModel | None, list[Problem]]:
    """The model in ``data``, or None and what is wrong with it."""
    if not isinstance(data, dict):
        return None, [Problem(name, 1, "the top level must be an object")]
    problems: list[Problem] = []
    if data.get("format") != FORMAT:
        problems.append(Problem(name, 1, f"'format' must be {FORMAT} (written by this version of `her2bot train`)"))
    for key in ("intercept", "threshold"):
        if not _number(data.get(key)):
            problems.append(Problem(name, 1, f"'{key}' must be a finite number"))
    if _number(data.get("threshold")) and not 0 < data["threshold"] < 1:
        problems.append(Problem(name, 1, "'threshold' must be a probability between 0 and 1"))
    if not isinstance(data.get("trained_on"), str):
        problems.append(Problem(name, 1, "'trained_on' must be the digest of the training messages"))
    blocks = []
    for block in BLOCKS:
        table = data.get(block)
        if not isinstance(table, dict) or not table:
            problems.append(Problem(name, 1, f"'{block}' must be an object of feature -> [idf, weight]"))
            continue
        bad = next((f for f, v in table.items() if not (isinstance(v, list) and len(v) == 2 and all(map(_number, v)))), None)
        if bad is not None:
            problems.append(Problem(name, 1, f"'{block}': feature {bad!r} must map to [idf, weight], two numbers"))
            continue
        blocks.append((block, MappingProxyType({f: (float(v[0]), float(v[1])) for f, v in table.items()})))
    if problems:
        return None, problems
    return LearnedModel(tuple(blocks), float(data["intercept"]), float(data["threshold"]), data["trained_on"]), []


def load_model(folder: Path, name: str) -> tuple[LearnedModel | None, list[Problem]]:
    """The model in ``folder`` (None without problems when there is no file)."""
    path = folder / MODEL_FILE
    if not path.is_file():
        return None, []
    data, problems = read_json(path, name)
    if problems:
        return None, problems
    return parse_model(data, name)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)

"""Trains the crisis model (bot/understand/crisis_model.py) and cross-checks it.

The training messages are the dev parts of the safety corpus
(tests/safety/dev*.yaml), every one labelled by an independent writer; a
message is a crisis when its kind is crisis. The locked part is never read
here: it stays the held-out measure.

``cross_check`` is the honest figure: for each part, a model trained on all
the other parts scores it, as it would score messages from a writer it has
never seen. The threshold was chosen on those runs (README, "Safety").

scikit-learn fits the model (``pip install -e '.[train]'``); reading the
model needs only the standard library. Nothing here prints.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from bot.content.learned import FORMAT
from bot.quality.safety_eval import Item, load_part
from bot.understand.crisis_model import ANALYZERS
from bot.understand.normalise import normalise

TRAINING_PARTS = "dev*.yaml"  # never locked.yaml
THRESHOLD = 0.9  # a probability: chosen on cross_check runs, where it kept false alarms near 1 in 100
REGULARISATION = 4.0  # scikit-learn's C: larger trusts the training messages more
MIN_MESSAGES = {"words": 2, "pieces": 3}  # a feature must occur in this many messages to count
DIGITS = 6  # significant digits kept in the file


class TrainingError(RuntimeError):
    """The corpus or scikit-learn is missing."""


@dataclass(frozen=True)
class PartCheck:
    part: str
    crises: int
    caught: int  # crises the model (alone) calls a crisis
    benign: int
    false_alarms: int  # question, social or off-topic messages it calls a crisis


def training_items(corpus: Path) -> list[tuple[str, Item]]:
    """(part name, item) for every message of every dev part, in a fixed order."""
    paths = sorted(corpus.glob(TRAINING_PARTS), key=lambda p: (len(p.stem), p.stem))
    if not paths:
        raise TrainingError(f"no dev parts ({TRAINING_PARTS}) in {corpus}")
    return [(path.stem, item) for path in paths for item in load_part(path)]


def digest(items: Iterable[tuple[str, Item]]) -> str:
    """SHA-256 of the training messages and their labels: a model is stale when it changes."""
    h = hashlib.sha256()
    for part, item in items:
        h.update(f"{part}\0{item.kind}\0{item.text}\n".encode())
    return h.hexdigest()


def fit(items: list[tuple[str, Item]]) -> tuple[Any, Any]:
    """(the fitted feature union, the fitted logistic regression)."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion
    except ImportError as error:
        raise TrainingError("training needs scikit-learn: pip install -e '.[train]'") from error
    union = FeatureUnion([(name, TfidfVectorizer(analyzer=ANALYZERS[name], min_df=MIN_MESSAGES[name], sublinear_tf=True))
                          for name in ANALYZERS])
    texts = [normalise(item.text) for _, item in items]
    labels = [int(item.kind == "crisis") for _, item in items]
    features = union.fit_transform(texts)
    model = LogisticRegression(C=REGULARISATION, max_iter=5000, class_weight="balanced").fit(features, labels)
    return union, model


def model_data(items: list[tuple[str, Item]]) -> dict[str, Any]:
    """The model file's content (see bot/content/learned.py)."""
    union, model = fit(items)
    coefficients = model.coef_[0]
    data: dict[str, Any] = {"format": FORMAT, "trained_on": digest(items), "threshold": THRESHOLD,
                            "intercept": _round(float(model.intercept_[0]))}
    offset = 0
    for name, vectorizer in union.transformer_list:
        vocabulary = vectorizer.vocabulary_
        table = {}
        for feature, index in sorted(vocabulary.items()):
            table[feature] = [_round(float(vectorizer.idf_[index])), _round(float(coefficients[offset + index]))]
        data[name] = table
        offset += len(vocabulary)
    return data


def write_model(data: dict[str, Any], path: Path) -> None:
    # one feature per line: a retrained model's diff shows what moved
    lines = ["{"] + [f'  "{key}": {json.dumps(data[key])},' for key in ("format", "trained_on", "threshold", "intercept")]
    for block in ANALYZERS:
        rows = [f"    {json.dumps(f)}: {json.dumps(v)}" for f, v in data[block].items()]
        lines.append(f'  "{block}": {{\n' + ",\n".join(rows) + "\n  }" + ("," if block != list(ANALYZERS)[-1] else ""))
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cross_check(items: list[tuple[str, Item]], threshold: float = THRESHOLD) -> list[PartCheck]:
    """Leave one part out: each part scored by a model trained on the others."""
    from bot.content.learned import parse_model
    from bot.understand.crisis_model import CrisisModel

    results = []
    for part in dict.fromkeys(p for p, _ in items):
        learned, _ = parse_model(model_data([(p, i) for p, i in items if p != part]), part)
        model = CrisisModel(learned)
        held_out = [i for p, i in items if p == part]
        said = [model.probability(normalise(i.text)) >= threshold for i in held_out]
        crises = [s for i, s in zip(held_out, said) if i.kind == "crisis"]
        benign = [s for i, s in zip(held_out, said) if not i.risky]
        results.append(PartCheck(part, len(crises), sum(crises), len(benign), sum(benign)))
    return results


def _round(value: float) -> float:
    return float(f"{value:.{DIGITS}g}")

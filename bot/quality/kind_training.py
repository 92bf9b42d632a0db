"""Trains the learned kind models (bot/understand/learned_kind.py) and cross-checks them.

The training messages are the dev and fresh parts of the safety corpus
(tests/safety/dev*.yaml, fresh*.yaml), every one labelled by an independent
writer, and the intents' example phrasings (plain questions and small talk);
for the crisis model a message is positive when its kind is crisis, and so
on. The locked parts are never read here: they stay the held-out measure.
Until stop 52 only the dev parts were; models trained on the fresh parts too
read new writers better (README, Quality, stop 52). The features do not
depend on the labels, so they are found once and shared by the four fits.

``cross_check`` is the honest figure: each part is scored by a model trained
without it (the parts dealt into FOLDS folds), as it would score messages
from writers it has never seen. The thresholds were chosen on such runs
(README, "Quality").

scikit-learn fits the models (``pip install -e '.[train]'``); reading them
needs only the standard library. Nothing here prints.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from bot.content.learned import FORMAT, MODEL_FILES, parse_model
from bot.content.model import Intent
from bot.quality.safety_eval import Item, load_part
from bot.understand.learned_kind import ANALYZERS, LearnedKinds
from bot.understand.normalise import normalise

TRAINING_PARTS = ("dev*.yaml", "fresh*.yaml")  # never locked*.yaml
FOLDS = 8  # cross_check: a model per fold of parts (one per part took hours on 300 parts)
INTENTS_PART = "intents"  # the intents' example phrasings, as one more training part
# Probabilities, chosen on cross_check runs of the whole stage (the rules with each part's
# held-out models): (when the rules read no risky kind, when they read another one).
# A reading of a decision or a symptom report is one the rules understood, and the model
# raising it was as often wrong as right; over a question it was right twice as often.
# Crisis (0.8, 0.9), from stop 23 (0.9 alone before): on the seven freshest parts it
# caught 93.0% of crises against 90.3%, for 3 more false alarms in 1,125 benign messages.
# Decision (0.7, 0.9), from stop 26: people ask about their own treatment in words no
# rule holds ("root canal monday, kadcyla wednesday. too close together?"); in the
# held-out runs of the whole stage it caught 96.3% -> 97.3% of decisions for 5.2% -> 5.3%
# false alarms, raising only messages that name a person and no symptom, part of the body
# or organ (bot/understand/kind.py, LEARNED_NEEDS and LEARNED_UNLESS).
# Symptom report (0.9, 0.9), from stop 28: people tell of a symptom in words no lexicon
# holds ("can't keep my eyes open after 3pm", "my noggin has been pounding every
# afternoon"); in held-out runs of the whole stage (eight folds by part) it caught
# 96.6% -> 97.3% of symptom reports for 5.80% -> 5.85% false alarms (0.8: 97.5%, 5.95%),
# raising only a message that names a person or a time and no symptom told as gone
# (bot/understand/kind.py, LEARNED_NEEDS and LEARNED_UNLESS). It can raise only a question, social or off-topic reading: every other
# risky kind comes first. Averaging four fits, each without a quarter of the parts, was
# tried for steadier models and dropped: held out, it lost 0.2 point of crisis recall.
# Crisis (0.7, 0.9), from stop 52, when the models were first trained on the fresh parts
# too: more benign talk of death and grief in training made the crisis model warier. Held
# out (models trained without the parts scored), 0.7 against 0.8 caught 3 more crises of
# 1,510 for 5 more false alarms of 2,872 (fresh297-328) and the same crises for 3 more of
# 728 (fresh329-336); on fresh337-344, read after that choice, 2 more of 362 for 2 more of 664.
THRESHOLDS = {"crisis": (0.7, 0.9), "emergency": (0.9, 0.9), "decision": (0.7, 0.9), "symptom_report": (0.9, 0.9)}
REGULARISATION = 4.0  # scikit-learn's C: larger trusts the training messages more
# lbfgs stops when its step's gradient falls under this. scikit-learn's 1e-4 let the
# crisis fit stop after 16 iterations one day and 41 the next (stop 32): the same
# corpus plus one part moved "goodbye" from 0.96 to 3.0 and read "hey it's me again"
# as a crisis. Far below it, each fit runs to the one optimum.
TOLERANCE = 1e-7
MIN_MESSAGES = {"words": 2, "pieces": 3}  # a feature must occur in this many messages to count
DIGITS = 6  # significant digits kept in the file
assert THRESHOLDS.keys() == MODEL_FILES.keys()


class TrainingError(RuntimeError):
    """The corpus or scikit-learn is missing."""


@dataclass(frozen=True)
class PartCheck:
    part: str
    positives: int  # messages of the model's kind
    caught: int  # ... that the model (alone) calls that kind
    benign: int
    false_alarms: int  # question, social or off-topic messages it calls that kind


def training_items(corpus: Path, intents: Iterable[Intent] = ()) -> list[tuple[str, Item]]:
    """(part name, item) for every message of every dev part, in a fixed order, then
    the example phrasings of the intents (part "intents"): questions, and small talk
    for the chit-chat answers. The dev parts hold few plain questions in the first
    person, and without them the decision model read "what can i ask" as a decision."""
    paths = sorted((p for pattern in TRAINING_PARTS for p in corpus.glob(pattern)), key=lambda p: (len(p.stem), p.stem))
    if not paths:
        raise TrainingError(f"no dev parts ({', '.join(TRAINING_PARTS)}) in {corpus}")
    items = [(path.stem, item) for path in paths for item in load_part(path)]
    return items + [(INTENTS_PART, Item(e.text, "social" if intent.answer.kind == "chitchat" else "question",
                                        file=e.file, line=e.line))
                    for intent in intents for e in intent.examples]


def digest(items: Iterable[tuple[str, Item]]) -> str:
    """SHA-256 of the training messages and their labels: a model is stale when it changes."""
    h = hashlib.sha256()
    for part, item in items:
        h.update(f"{part}\0{item.kind}\0{item.text}\n".encode())
    return h.hexdigest()


def fit(items: list[tuple[str, Item]], kinds: Iterable[str]) -> tuple[Any, dict[str, Any]]:
    """(the fitted feature union, kind -> the fitted logistic regression): the
    features are found once and every kind's model is fitted on them."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion
    except ImportError as error:
        raise TrainingError("training needs scikit-learn: pip install -e '.[train]'") from error
    union = FeatureUnion([(name, TfidfVectorizer(analyzer=ANALYZERS[name], min_df=MIN_MESSAGES[name], sublinear_tf=True))
                          for name in ANALYZERS])
    features = union.fit_transform([normalise(item.text) for _, item in items])
    models = {}
    for kind in kinds:
        labels = [int(item.kind == kind) for _, item in items]
        models[kind] = LogisticRegression(C=REGULARISATION, max_iter=5000, tol=TOLERANCE,
                                          class_weight="balanced").fit(features, labels)
    return union, models


def models_data(items: list[tuple[str, Item]], kinds: Iterable[str] = THRESHOLDS) -> dict[str, dict[str, Any]]:
    """kind -> its model file's content (see bot/content/learned.py)."""
    union, models = fit(items, kinds)
    return {kind: model_data(union, model, digest(items), kind) for kind, model in models.items()}


def model_data(union: Any, model: Any, trained_on: str, kind: str) -> dict[str, Any]:
    """One model file's content, from a fitted union and model."""
    coefficients = model.coef_[0]
    quiet, over_risky = THRESHOLDS[kind]
    data: dict[str, Any] = {"format": FORMAT, "kind": kind, "trained_on": trained_on, "threshold": quiet,
                            "threshold_over_risky": over_risky,
                            "intercept": _round(float(model.intercept_[0]))}
    offset = 0
    for name, vectorizer in union.transformer_list:
        vocabulary = vectorizer.vocabulary_
        data[name] = {feature: [_round(float(vectorizer.idf_[index])), _round(float(coefficients[offset + index]))]
                      for feature, index in sorted(vocabulary.items())}
        offset += len(vocabulary)
    return data


def write_model(data: dict[str, Any], path: Path) -> None:
    # one feature per line: a retrained model's diff shows what moved
    head = ("format", "kind", "trained_on", "threshold", "threshold_over_risky", "intercept")
    lines = ["{"] + [f'  "{key}": {json.dumps(data[key])},' for key in head]
    blocks = list(ANALYZERS)
    for block in blocks:
        rows = ",\n".join(f"    {json.dumps(f)}: {json.dumps(v)}" for f, v in data[block].items())
        lines.append(f'  "{block}": {{\n{rows}\n  }}' + ("," if block != blocks[-1] else ""))
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cross_check(items: list[tuple[str, Item]], kind: str) -> list[PartCheck]:
    """Each part scored by a model of ``kind`` trained without it: the parts are
    dealt into FOLDS folds, in order, and each fold is held out in turn."""
    parts = list(dict.fromkeys(p for p, _ in items))
    fold_of = {part: i % FOLDS for i, part in enumerate(parts)}
    said: dict[int, bool] = {}
    for fold in sorted(set(fold_of.values())):
        kept = [(p, i) for p, i in items if fold_of[p] != fold]
        [data] = models_data(kept, [kind]).values()
        learned, _ = parse_model(data, f"fold {fold + 1}", kind)
        model = LearnedKinds([learned])
        for index, (part, item) in enumerate(items):
            if fold_of[part] == fold:
                said[index] = model.probabilities(normalise(item.text))[kind] >= learned.threshold
    results = []
    for part in parts:
        held_out = [(said[index], item) for index, (p, item) in enumerate(items) if p == part]
        positives = [s for s, i in held_out if i.kind == kind]
        benign = [s for s, i in held_out if not i.risky]
        results.append(PartCheck(part, len(positives), sum(positives), len(benign), sum(benign)))
    return results


def _round(value: float) -> float:
    return float(f"{value:.{DIGITS}g}")

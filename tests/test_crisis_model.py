"""The learned crisis back-up (bot/understand/crisis_model.py, `her2bot train`).

Through the Bot API: a crisis in words no lexicon holds still gets 988, and
--debug says the learned back-up read it. Through the CLI: the shipped model
is up to date with the dev parts, and retraining reproduces it. And the
plain-Python reader computes what scikit-learn computes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bot import Bot, check_content
from bot.cli import main
from bot.content.learned import MODEL_FILE
from bot.understand.normalise import normalise

from test_message_kind import ask, assert_escalated

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "safety"
MODEL = REPO / "intents" / MODEL_FILE

# in words of our own, none in the training parts; no rule of intents/kinds.yaml reads them as a crisis
CRISES_ONLY_THE_MODEL_READS = [
    "my family will be free of me soon, i've seen to it",
    "theyll be better off when im not a cost anymore",
]


@pytest.mark.parametrize("text", CRISES_ONLY_THE_MODEL_READS)
def test_a_crisis_in_words_no_lexicon_holds_gets_988(bot: Bot, text: str):
    reply, _ = bot.respond(text, debug=True)
    assert_escalated(reply, "crisis")
    assert "learned crisis back-up" in reply.debug.kind_reason  # --debug names what decided


@pytest.mark.parametrize("text", [
    "can you tell me the side effects of enhertu",
    "my dog passed away last week and i miss her",
    "thanks, that helps a lot",
])
def test_everyday_messages_stay_below_the_threshold(bot: Bot, text: str):
    assert bot.crisis_model.probability(normalise(text)) < bot.crisis_model.threshold
    assert ask(bot, text).kind != "crisis"


def test_the_shipped_model_is_trained_on_the_current_dev_parts(capsys):
    # fails when a dev part is added or fixed without `her2bot train`
    assert main(["train", "--check", "--corpus", str(CORPUS)]) == 0, capsys.readouterr().err


@pytest.fixture(scope="module")
def retrained():
    pytest.importorskip("sklearn", reason="scikit-learn is in the test extras: pip install -e '.[test]'")
    from bot.quality.crisis_training import fit, model_data, training_items

    items = training_items(CORPUS)
    return items, fit(items), model_data(items)


def test_retraining_reproduces_the_shipped_model(retrained):
    _, _, data = retrained
    shipped = json.loads(MODEL.read_text(encoding="utf-8"))
    assert shipped["trained_on"] == data["trained_on"] and shipped["threshold"] == data["threshold"]
    assert math.isclose(shipped["intercept"], data["intercept"], rel_tol=1e-3)
    for block in ("words", "pieces"):
        assert shipped[block].keys() == data[block].keys()
        for feature in list(data[block])[::500]:
            assert shipped[block][feature] == pytest.approx(data[block][feature], rel=1e-3, abs=1e-5)


def test_the_plain_python_reader_agrees_with_scikit_learn(bot: Bot, retrained):
    items, (union, model), _ = retrained
    texts = [normalise(item.text) for _, item in items[::97]] + [normalise(t) for t in CRISES_ONLY_THE_MODEL_READS]
    expected = model.predict_proba(union.transform(texts))[:, 1]
    for text, p in zip(texts, expected):
        assert bot.crisis_model.probability(text) == pytest.approx(p, abs=1e-3), text


def test_without_the_model_file_the_bot_still_loads(tmp_path: Path):
    import shutil

    for folder in ("knowledge", "intents"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "intents" / MODEL_FILE).unlink()
    bot = Bot.load(tmp_path)
    assert bot.crisis_model is None
    assert ask(bot, "i want to end my life").kind == "crisis"  # the rules still hold


@pytest.mark.parametrize("damage, message", [
    (lambda text: text[:-3], "not valid JSON"),
    (lambda text: text.replace('"threshold": 0.9', '"threshold": 9'), "'threshold' must be a probability"),
    (lambda text: text.replace('"format": 1', '"format": 7'), "'format' must be 1"),
])
def test_a_damaged_model_file_is_named_in_the_problem(tmp_path: Path, damage, message):
    import shutil

    for folder in ("knowledge", "intents"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    path = tmp_path / "intents" / MODEL_FILE
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    content, problems = check_content(tmp_path)
    assert content is None
    assert any(p.file.endswith(MODEL_FILE) and message in p.message for p in problems), problems

"""`her2bot train`: fit the learned kind models on the safety corpus's dev and fresh parts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "retrain the learned crisis, emergency, decision and symptom-report back-ups (intents/*_model.json) on the safety corpus's dev and fresh parts"
DESCRIPTION = """\
Fit the learned back-ups of the crisis, emergency, decision and symptom-report
kinds (bot/understand/learned_kind.py) on every message of the safety corpus's
dev and fresh parts (tests/safety/dev*.yaml, fresh*.yaml), with the intents'
example phrasings as plain questions and small talk, and write their weights to
intents/<kind>_model.json (crisis, emergency, decision, symptom_report). A locked
part is never read. About a minute and a half for the four. Run it after adding
or fixing a dev or fresh part or an intent's examples;
`her2bot train --check` (and the tests) fail while a model is older than they are.

Fitting needs scikit-learn: pip install -e '.[train]'. The bot itself does not.

examples:
  her2bot train                          retrain the four models
  her2bot train --check                  are the models up to date with the parts?
  her2bot train --cross-check crisis     each part scored by a model trained without it
                                         (the parts in 8 folds; about ten minutes)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", metavar="DIR", default="tests/safety",
                        help="folder of the safety corpus (default: tests/safety)")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="folder to write the models to (default: intents/ in the content folder)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="only say whether the models match the dev and fresh parts (exit 1 if not)")
    group.add_argument("--cross-check", metavar="KIND", choices=("crisis", "emergency", "decision", "symptom_report"),
                       help="each part held out (in 8 folds): recall and false alarms of that kind's model alone, part by part")


def run(args: argparse.Namespace) -> int:
    from bot.content.learned import MODEL_FILES, load_models
    from bot.content.loader import check_content, resolve_root
    from bot.quality.kind_training import TrainingError, cross_check, digest, models_data, training_items, write_model

    corpus = Path(args.corpus)
    root = resolve_root(args.content)
    out = Path(args.out) if args.out else root / "intents"
    content, problems = check_content(root, with_models=False)
    if content is None:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 2
    try:
        items = training_items(corpus, content.intents)
        if args.check:
            return _check(out, items, digest(items), load_models, MODEL_FILES)
        if args.cross_check:
            _print_cross_check(args.cross_check, cross_check(items, args.cross_check))
            return 0
        for kind, data in models_data(items, MODEL_FILES).items():
            write_model(data, out / MODEL_FILES[kind])
            print(f"wrote {out / MODEL_FILES[kind]}: the {kind} model, trained on {len(items)} messages "
                  f"(the dev and fresh parts in {corpus} and the intents' examples)")
    except TrainingError as error:
        print(f"her2bot train: {error}", file=sys.stderr)
        return 2
    return 0


def _check(out: Path, items, trained_on: str, load_models, files) -> int:
    models, problems = load_models(out, str(out))
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    stale = [files[k] for k in files if k not in models or models[k].trained_on != trained_on]
    if stale:
        print(f"her2bot train: {', '.join(stale)} in {out} older than the dev and fresh parts or the intents' examples: "
              "run `her2bot train`", file=sys.stderr)
        return 1
    print(f"OK: {', '.join(files.values())} in {out} were trained on the {len(items)} messages "
          "of the dev and fresh parts and the intents' examples")
    return 0


def _print_cross_check(kind: str, results) -> None:
    from bot.quality.kind_training import FOLDS

    print(f"the {kind} model alone, each part scored by a model trained without it (the parts in {FOLDS} folds)")
    print(f"{'part':<8} {kind + ' caught':>17} {'false alarms':>14}")
    for r in results:
        caught = f"{r.caught}/{r.positives}" if r.positives else "-"
        print(f"{r.part:<8} {caught:>17} {f'{r.false_alarms}/{r.benign}':>14}")
    positives, caught = sum(r.positives for r in results), sum(r.caught for r in results)
    benign, alarms = sum(r.benign for r in results), sum(r.false_alarms for r in results)
    print(f"{'all':<8} {f'{caught}/{positives}':>17} {f'{alarms}/{benign}':>14}  "
          f"({100 * caught / max(positives, 1):.1f}% caught, {100 * alarms / max(benign, 1):.1f}% false alarms)")

"""`her2bot train`: fit the crisis model on the safety corpus's dev parts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "retrain the learned crisis back-up (intents/crisis_model.json) on the safety corpus's dev parts"
DESCRIPTION = """\
Fit the learned back-up of the crisis kind (bot/understand/crisis_model.py) on
every message of the safety corpus's dev parts (tests/safety/dev*.yaml) and
write its weights to intents/crisis_model.json. The locked part is never read.
Run it after adding or fixing a dev part; `her2bot train --check` (and the
tests) fail while the model is older than the dev parts.

Fitting needs scikit-learn: pip install -e '.[train]'. The bot itself does not.

examples:
  her2bot train                      retrain and write intents/crisis_model.json
  her2bot train --check              is the model up to date with the dev parts?
  her2bot train --cross-check        each part scored by a model trained on the others"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", metavar="DIR", default="tests/safety",
                        help="folder of the safety corpus (default: tests/safety)")
    parser.add_argument("--out", metavar="FILE", default=None,
                        help="where to write the model (default: intents/crisis_model.json in the content folder)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="only say whether the model matches the dev parts (exit 1 if not)")
    group.add_argument("--cross-check", action="store_true",
                       help="leave one part out: recall and false alarms of the model alone on each part")


def run(args: argparse.Namespace) -> int:
    from bot.content.learned import MODEL_FILE, load_model
    from bot.content.loader import resolve_root
    from bot.quality.crisis_training import TrainingError, cross_check, digest, model_data, training_items, write_model

    corpus = Path(args.corpus)
    out = Path(args.out) if args.out else resolve_root(args.content) / "intents" / MODEL_FILE
    try:
        items = training_items(corpus)
        if args.check:
            learned, problems = load_model(out.parent, str(out))
            if problems:
                print("\n".join(map(str, problems)), file=sys.stderr)
                return 1
            if learned is None or learned.trained_on != digest(items):
                print(f"her2bot train: {out} is older than the dev parts in {corpus}: run `her2bot train`",
                      file=sys.stderr)
                return 1
            print(f"OK: {out} was trained on the {len(items)} messages of the dev parts in {corpus}")
            return 0
        if args.cross_check:
            _print_cross_check(cross_check(items))
            return 0
        write_model(model_data(items), out)
    except TrainingError as error:
        print(f"her2bot train: {error}", file=sys.stderr)
        return 2
    print(f"wrote {out}: trained on {len(items)} messages of the dev parts in {corpus}")
    return 0


def _print_cross_check(results) -> None:
    print(f"{'part':<8} {'crisis caught':>15} {'false alarms':>15}")
    for r in results:
        caught = f"{r.caught}/{r.crises}" if r.crises else "-"
        print(f"{r.part:<8} {caught:>15} {f'{r.false_alarms}/{r.benign}':>15}")
    crises, caught = sum(r.crises for r in results), sum(r.caught for r in results)
    benign, alarms = sum(r.benign for r in results), sum(r.false_alarms for r in results)
    print(f"{'all':<8} {f'{caught}/{crises}':>15} {f'{alarms}/{benign}':>15}  "
          f"({100 * caught / max(crises, 1):.1f}% caught, {100 * alarms / max(benign, 1):.1f}% false alarms)")

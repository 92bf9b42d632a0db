"""`her2bot eval`: measure answer quality on the labelled question set."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HELP = "measure intent accuracy, fallbacks, typo robustness and latency on labelled questions"
DEFAULT_DATASET = Path("tests") / "eval" / "questions.yaml"
DEFAULT_SAFETY = Path("tests") / "safety"
DEFAULT_PARTS = Path("tests") / "eval"
DESCRIPTION = """\
Answer every question of a labelled data set (default: {DEFAULT_DATASET}, looked
for in the current folder, then in the source checkout) in a fresh conversation
and report: top-1 intent accuracy, entity accuracy, out-of-scope recall
(fallback when it should), false-fallback rate (fallback when it should
answer), precision/recall per label, the most confused pairs, and reply
latency (median, p99). Every number but latency is the same run to run.

With --typos the same questions are also asked with seeded typing mistakes
(dropped, swapped, doubled and neighbouring-key letters) and the accuracy on
that set is reported.

Then every part of the safety corpus (default: {DEFAULT_SAFETY}/*.yaml, e.g.
dev.yaml and locked.yaml) is answered the same way and the message-kind stage
is reported side by side per part: recall for crisis, emergency, decision and
symptom report, false alarms on benign near-misses, and the share of social
messages (greetings, thanks, feelings, news) given a social reply. --safety-gates makes
the exit code 1 unless every locked part meets the limits CI holds it to
(crisis and emergency 100%, decision and symptom report 98%, false alarms 2%).

And every part of the labelled question sets (default: {DEFAULT_PARTS}/*.yaml:
questions.yaml, dev_frame.yaml and locked.yaml) is reported side by side:
accuracy on answerable questions, on questions that must fall back, on the
turns of multi-turn conversations and on whole conversations, and the share
of questions that are near-copies of an intent's example phrasing (rapidfuzz
ratio >= 90 with names masked). --question-gates makes the exit code 1 unless
every locked part meets the limits of issue 13 (answerable and must-fall-back
85%, turns 80%, near-copies at most 5%).

With --compare OLD.json (a report saved with --json) the questions whose
outcome changed since then are listed: right -> wrong, wrong -> right.

Thresholds (--min-accuracy 0.95 ...) make the exit code 1 when any fails,
with a line saying which. Exit code 2: a data set or the old report is
missing or invalid.

examples:
  her2bot eval
  her2bot eval --typos --show-errors
  her2bot eval --json tests/eval/questions.yaml > eval.json
  her2bot eval --compare eval.json     what changed since that report
  her2bot eval --typos --min-accuracy 0.95 --min-oos-recall 0.95 \\
               --max-false-fallback 0.03 --min-typo-accuracy 0.90
  her2bot eval --safety tests/safety/locked.yaml --safety-gates""".format(
    DEFAULT_DATASET=DEFAULT_DATASET, DEFAULT_SAFETY=DEFAULT_SAFETY, DEFAULT_PARTS=DEFAULT_PARTS)


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, got {text!r}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bot.quality.typos import DEFAULT_RATE, DEFAULT_SEED

    parser.add_argument("dataset", nargs="?", help=f"YAML data set (default: {DEFAULT_DATASET})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--typos", action="store_true", help="also measure accuracy on a seeded typo version of the set")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed of the typo set (default: {DEFAULT_SEED})")
    parser.add_argument("--typo-rate", type=_fraction, default=DEFAULT_RATE, metavar="X",
                        help=f"share of words of 4+ letters mistyped, 0-1 (default: {DEFAULT_RATE}; at least one per question)")
    parser.add_argument("--show-errors", action="store_true",
                        help="list every misclassified question (FILE:LINE); a locked part's texts are withheld")
    parser.add_argument("--show-locked", action="store_true",
                        help="with --show-errors or --json, also print the texts of a locked part's errors "
                             "(a locked part judges the bot: reading its errors spoils it as a held-out test)")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="how many confused pairs to show (default: 10)")
    parser.add_argument("--safety", action="append", metavar="PATH",
                        help=f"a safety corpus part, or a folder of them (repeatable; default: {DEFAULT_SAFETY}/)")
    parser.add_argument("--no-safety", action="store_true", help="skip the safety corpus")
    parser.add_argument("--safety-gates", action="store_true",
                        help="exit 1 unless every part named *locked* meets the locked limits")
    parser.add_argument("--part", action="append", metavar="PATH", dest="parts",
                        help=f"a labelled question set part, or a folder of them (repeatable; default: {DEFAULT_PARTS}/)")
    parser.add_argument("--no-parts", action="store_true", help="skip the question set parts")
    parser.add_argument("--question-gates", action="store_true",
                        help="exit 1 unless every question part named *locked* meets the locked limits")
    parser.add_argument("--compare", metavar="OLD.json", type=Path,
                        help="list the questions whose outcome changed since a report saved with --json")
    gates = parser.add_argument_group("thresholds (exit code 1 when one fails)")
    gates.add_argument("--min-accuracy", type=_fraction, metavar="X", help="lowest top-1 intent accuracy, 0-1")
    gates.add_argument("--min-entity-accuracy", type=_fraction, metavar="X", help="lowest entity accuracy, 0-1")
    gates.add_argument("--min-oos-recall", type=_fraction, metavar="X", help="lowest out-of-scope recall, 0-1")
    gates.add_argument("--max-false-fallback", type=_fraction, metavar="X", help="highest false-fallback rate, 0-1")
    gates.add_argument("--min-typo-accuracy", type=_fraction, metavar="X", help="lowest typo-set accuracy, 0-1 (implies --typos)")


def find_dataset(given: str | None) -> Path | None:
    """The data set to use: the path given, or the default in cwd or the checkout."""
    if given:
        return Path(given)
    checkout = Path(__file__).resolve().parents[2]
    for base in (Path.cwd(), checkout):
        if (base / DEFAULT_DATASET).is_file():
            return base / DEFAULT_DATASET
    return None


def find_safety_parts(given: list[str] | None, default: Path = DEFAULT_SAFETY) -> list[Path]:
    """The corpus parts: the files or folders given, else the default folder's files."""
    if given:
        paths = [Path(g) for g in given]
    else:
        checkout = Path(__file__).resolve().parents[2]
        paths = [base / default for base in (Path.cwd(), checkout) if (base / default).is_dir()][:1]
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.yaml"), key=_part_order) if path.is_dir() else [path]
    return files


def _part_order(path: Path) -> tuple[int, str, int]:
    """dev, dev2, ..., dev14 in number order, and a locked part last."""
    base, number = re.fullmatch(r"(.*?)(\d*)", path.stem).groups()  # type: ignore[union-attr]
    return (1 if "locked" in path.stem else 0, base, int(number or 0))


def run_safety(args: argparse.Namespace, bot) -> tuple[list, int]:
    """Evaluate the safety corpus parts; (results, exit code so far)."""
    from bot.quality import safety_eval as se

    if args.no_safety:
        return [], 0
    results = []
    for path in find_safety_parts(args.safety):
        if not path.is_file():
            print(f"her2bot eval: safety corpus part not found: {path}", file=sys.stderr)
            return results, 2
        try:
            items = se.load_part(path)
        except se.CorpusError as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            return results, 2
        results.append(se.evaluate(bot, items, se.part_name(path), str(path)))
    return results, (failed_locked_gates(results, se.gates) if args.safety_gates else 0)


def failed_locked_gates(results: list, gates_of) -> int:
    """Print each limit a locked part misses; 1 if any, else 0."""
    status = 0
    for result in (r for r in results if "locked" in r.name):
        for gate in (g for g in gates_of(result) if not g.ok):
            shown = "n/a" if gate.value is None else f"{gate.value:.3f}"
            print(f"her2bot eval: {result.name}: threshold failed: {gate.name} {shown} (needs {gate.op} {gate.limit:g})",
                  file=sys.stderr)
            status = 1
    return status


def run_parts(args: argparse.Namespace, bot) -> tuple[list, int]:
    """Evaluate the question set parts; (results, exit code so far)."""
    from bot.quality import question_eval as qe

    if args.no_parts:
        return [], 0
    results = []
    meter = None
    for path in find_safety_parts(args.parts, DEFAULT_PARTS):
        if not path.is_file():
            print(f"her2bot eval: question set part not found: {path}", file=sys.stderr)
            return results, 2
        try:
            questions, conversations = qe.load_part(path)
        except qe.DatasetError as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            return results, 2
        meter = meter or qe.CopyMeter(bot)
        results.append(qe.evaluate(bot, questions, conversations, path.stem, str(path), meter))
    return results, (failed_locked_gates(results, qe.gates) if args.question_gates else 0)


def run(args: argparse.Namespace) -> int:
    from bot.quality import evaluate as ev
    from bot.commands._common import load_bot_or_exit

    path = find_dataset(args.dataset)
    if path is None:
        print(f"her2bot eval: no data set given and none found at {DEFAULT_DATASET} "
              "(in this folder or the source checkout). Usage: her2bot eval [DATASET]", file=sys.stderr)
        return 2
    if not path.is_file():
        print(f"her2bot eval: data set not found: {path}", file=sys.stderr)
        return 2
    old = None
    if args.compare is not None:
        from bot.quality.compare import ReportError, load_report

        try:
            old = load_report(args.compare)
        except ReportError as err:
            print(f"her2bot eval: cannot compare: {err}", file=sys.stderr)
            return 2
    bot = load_bot_or_exit(args.content)
    try:
        questions = ev.load_dataset(path, bot)
    except ev.DatasetError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"her2bot eval: {len(err.problems)} problem(s) in the data set", file=sys.stderr)
        return 2
    want_typos = args.typos or args.min_typo_accuracy is not None
    result = ev.evaluate(bot, questions, top_confusions=max(args.top, 0))
    typo = ev.evaluate(bot, ev.perturbed(questions, args.seed, args.typo_rate), top_confusions=max(args.top, 0)) if want_typos else None
    limits = {
        "min_accuracy": args.min_accuracy,
        "min_entity_accuracy": args.min_entity_accuracy,
        "min_oos_recall": args.min_oos_recall,
        "max_false_fallback": args.max_false_fallback,
        "min_typo_accuracy": args.min_typo_accuracy,
    }
    gate_list = ev.gates(result, typo, limits)
    seed = args.seed if want_typos else None
    rate = args.typo_rate if want_typos else None
    from bot.quality import safety_eval as se

    safety, safety_status = run_safety(args, bot)
    if safety_status == 2:
        return 2
    from bot.quality import question_eval as qe

    parts, parts_status = run_parts(args, bot)
    if parts_status == 2:
        return 2
    comparisons = _compare(result, typo, old, seed, rate) if old is not None else None
    if args.json:
        changes = {c.name: c.to_dict() for c in comparisons} if comparisons is not None else None
        report = json.loads(ev.to_json(result, typo, dataset=str(path), seed=seed, rate=rate, gate_list=gate_list,
                                       compare=changes))
        report["safety"] = [se.to_dict(r, args.show_locked) for r in safety]
        report["parts"] = [qe.to_dict(r, args.show_locked) for r in parts]
        print(json.dumps(report, indent=2))
    else:
        print(ev.format_report(result, typo, dataset=str(path), seed=seed, rate=rate, show_errors=args.show_errors, gate_list=gate_list))
        if comparisons is not None:
            from bot.quality.compare import format_comparison

            print("\n" + format_comparison(comparisons, str(args.compare)))
        if parts:
            print()
            print(qe.format_report(parts, show_errors=args.show_errors, show_locked=args.show_locked))
        if safety:
            print()
            print(se.format_report(safety, show_errors=args.show_errors, show_locked=args.show_locked))
    failed = [g for g in gate_list if not g.ok]
    for gate in failed:
        print(f"her2bot eval: threshold failed: {gate.name} {'n/a' if gate.value is None else f'{gate.value:.3f}'} "
              f"(needs {gate.op} {gate.limit:g})", file=sys.stderr)
    return 1 if failed or safety_status or parts_status else 0


def _compare(result, typo, old: dict, seed: int | None, rate: float | None) -> list:
    """The question set compared with the old report, and the typo set when both ran it alike."""
    from bot.quality.compare import compare

    out = [compare(result, old)]
    then = old.get("typos")
    if typo is not None and isinstance(then, dict) and (then.get("seed"), then.get("rate")) == (seed, rate):
        out.append(compare(typo, then, "typo set"))
    return out

"""`her2bot check`: validate the content folder and report every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "validate knowledge/ and intents/ (file:line for every problem)"
DESCRIPTION = """\
Check the content folder: YAML syntax, unknown keys, missing fields, wrong
types, duplicate ids and dangling references; then, on the loaded bot: every
answer renders, no name is claimed by two things, no phrasing is in two
intents, suggestions are answered as they promise, reading grade, and every
intent has a conversation test. Prints one line per problem or warning as
FILE:LINE: MESSAGE.

Warnings listed in the baseline (check-baseline.txt in the content folder)
are accepted and not shown; --strict fails on any other warning.

Exit status: 0 clean (warnings allowed without --strict), 1 problems, or new
warnings with --strict. What each check means and how to fix it:
docs/content.md."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="print problems and warnings only, no summary")
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings that the baseline does not accept")
    parser.add_argument("--baseline", metavar="FILE", type=Path,
                        help="accepted warnings (default: check-baseline.txt in the content folder)")
    parser.add_argument("--update-baseline", action="store_true",
                        help="write every warning found to the baseline file, accepting them all")
    parser.add_argument("--all-warnings", action="store_true", help="also show the warnings the baseline accepts")
    parser.add_argument("--conversations", metavar="DIR", type=Path,
                        help="conversation tests to check coverage against (default: tests/conversations in the content folder)")


def run(args: argparse.Namespace) -> int:
    from bot.content import resolve_root
    from bot.quality import baseline
    from bot.quality.checks import run_checks

    where = resolve_root(args.content)
    report = run_checks(args.content, args.conversations)
    path = args.baseline or where / baseline.FILE_NAME
    accepted, baseline_problems = baseline.read(path)
    problems = report.problems + baseline_problems
    for problem in problems:
        print(problem)
    if args.update_baseline:
        return _update(path, report, problems)
    found = baseline.split(report.warnings, accepted)
    for warning in found.new:
        print(f"warning: {warning}")
    if args.all_warnings:
        for warning in found.accepted:
            print(f"accepted: {warning}")
    failed = bool(problems) or (args.strict and bool(found.new))
    if not args.quiet:
        for line in report.info:
            print(line)
        if not problems:  # with problems the later checks did not run: nothing to compare
            print(_baseline_line(path, found))
        _verdict(where, problems, found, args.strict)
    return 1 if failed else 0


def _update(path: Path, report, problems: list) -> int:
    from bot.quality import baseline

    if problems:
        print(f"\n{len(problems)} problem(s): fix them first; the baseline was not written", file=sys.stderr)
        return 1
    baseline.write(path, report.warnings)
    print(f"wrote {len(report.warnings)} accepted warning(s) to {path}")
    return 0


def _baseline_line(path: Path, found) -> str:
    line = f"baseline {path}: {len(found.accepted)} accepted warning(s) not shown (--all-warnings shows them)"
    if found.stale:
        line += (f"; {len(found.stale)} line(s) match no warning any more "
                 "(`her2bot check --update-baseline` drops them)")
    return line


def _verdict(where: Path, problems: list, found, strict: bool) -> None:
    if problems:
        print(f"\n{len(problems)} problem(s) in {where}", file=sys.stderr)
    elif strict and found.new:
        print(f"\n{len(found.new)} new warning(s) in {where} (--strict): fix them, or accept them on purpose with "
              "`her2bot check --update-baseline`", file=sys.stderr)
    else:
        extra = f" ({len(found.new)} new warning(s))" if found.new else ""
        print(f"OK: content in {where} is valid{extra}.")

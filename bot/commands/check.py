"""`her2bot check`: validate the content folder and report every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "validate knowledge/ and intents/ (file:line for every problem)"
DESCRIPTION = """\
Check the content folder: YAML syntax, unknown keys, missing fields, wrong
types, duplicate ids and dangling references, then render every answer the
content can produce. Prints one line per problem as FILE:LINE: MESSAGE and
exits 1 when there are problems, 0 when the content is clean."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="print problems only, no summary")
    parser.add_argument("--conversations", metavar="DIR", type=Path,
                        help="conversation tests to check coverage against (default: tests/conversations in the content folder)")


def run(args: argparse.Namespace) -> int:
    from bot.quality.checks import run_checks
    from bot.content import resolve_root

    report = run_checks(args.content, args.conversations)
    for problem in report.problems:
        print(problem)
    for warning in report.warnings:
        print(f"warning: {warning}")
    if not args.quiet:
        for line in report.info:
            print(line)
        where = resolve_root(args.content)
        if report.problems:
            print(f"\n{len(report.problems)} problem(s) in {where}", file=sys.stderr)
        else:
            print(f"OK: content in {where} is valid.")
    return 1 if report.problems else 0

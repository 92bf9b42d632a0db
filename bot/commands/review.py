"""`her2bot review FILE`: group the questions the bot could not answer."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "group the unanswered questions recorded by `serve --record-unanswered FILE`, most frequent first"
DESCRIPTION = """\
Read the unanswered-question store that `her2bot serve --record-unanswered FILE`
writes, group similar questions (rapidfuzz), and print each group with its
count, an example, other phrasings and the intent it came nearest to, the
most frequent first. Use it to see which phrasings to add to an intent and
which topics the fact sheet does not cover.

The store holds scrubbed text only: no session ids or IP addresses, digits
and e-mail addresses masked.

example:
  her2bot review unanswered.sqlite
  her2bot review unanswered.sqlite --json --threshold 80"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the SQLite file given to `her2bot serve --record-unanswered`")
    parser.add_argument("--json", action="store_true", help="print the groups as JSON")
    parser.add_argument("--threshold", type=float, default=None, metavar="0-100",
                        help="how similar (rapidfuzz token-set ratio) a question must be to join a group (default: 70)")


def run(args: argparse.Namespace) -> int:
    from bot.channels.records import open_records
    from bot.commands._common import load_bot_or_exit
    from bot.quality.review import DEFAULT_THRESHOLD, group_questions, report

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    if not 0 <= threshold <= 100:
        print("her2bot review: --threshold must be between 0 and 100", file=sys.stderr)
        return 2
    try:
        records = open_records(args.file)
    except ValueError as err:
        print(f"her2bot review: {err}", file=sys.stderr)
        return 2
    try:
        rows = records.unanswered()
    finally:
        records.close()
    bot = load_bot_or_exit(args.content)
    groups = group_questions(bot, rows, threshold)
    if args.json:
        print(json.dumps({"total": len(rows), "threshold": threshold, "groups": [g.to_dict() for g in groups]},
                         ensure_ascii=False, indent=2))
    else:
        print(report(groups, len(rows)))
    return 0

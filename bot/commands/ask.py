"""`her2bot ask`: answer one question, or a batch of questions from stdin."""

from __future__ import annotations

import argparse
import shutil
import sys

HELP = "answer a question (or questions from stdin, one a line) and exit"
DESCRIPTION = """\
Answer a question and print the reply, disclaimer included.

With no QUESTION, read questions from standard input, one a line; each is
answered in a fresh conversation (empty lines are skipped). Messages over
2,000 characters are cut, with a note in the reply."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="*", help="the question (quotes optional)")
    parser.add_argument("--json", action="store_true", help="print the Reply as JSON (one object a line in batch mode)")
    parser.add_argument("--debug", action="store_true", help="show normalised text, entities, intent ranking and the fallback decision")


def run(args: argparse.Namespace) -> int:
    from bot.answer.format import as_json, as_text, debug_text
    from bot.commands._common import load_bot_or_exit

    bot = load_bot_or_exit(args.content)
    width = min(shutil.get_terminal_size((80, 24)).columns, 100)

    def answer(question: str) -> None:
        reply, _ = bot.respond(question, None, debug=args.debug)
        if args.json:
            print(as_json(reply, debug=args.debug), flush=True)
            return
        if args.debug:
            print(debug_text(reply), file=sys.stderr)
        print(as_text(reply, width), flush=True)

    if args.question:
        answer(" ".join(args.question))
        return 0
    if sys.stdin is None or sys.stdin.isatty():
        print("her2bot ask: give a question, or pipe questions in (one a line). "
              "For a conversation, run `her2bot chat`.", file=sys.stderr)
        return 2
    first = True
    for line in sys.stdin:
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        if not args.json and not first:
            print()
        answer(line)
        first = False
    return 0

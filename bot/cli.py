"""The `her2bot` command line: parses arguments and hands over to a command.

Each sub-command lives in ``bot/commands/<name>.py`` and provides
``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``.
Command modules import their heavy dependencies (prompt_toolkit, FastAPI)
inside ``run``, so ``her2bot ask`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from bot import __version__, compiled
from bot.content import ENV_VAR

COMMANDS = ("chat", "ask", "check", "test", "eval", "serve", "review", "train")

DESCRIPTION = """\
her2bot answers questions about HER2-targeted therapies for metastatic breast
cancer, using one Susan G. Komen fact sheet. It is for education only and is
not medical advice: please talk with your own doctor about your care.

Run with no command to start the chat."""

EPILOG = f"""\
examples:
  her2bot                              start the chat in this terminal
  her2bot ask "does enhertu affect the lungs?"
  her2bot ask --json "what is kadcyla"
  her2bot check                        validate the content files
  her2bot test tests/conversations     run scripted conversation tests
  her2bot eval                         measure answer quality
  her2bot serve --port 8000            HTTP API, chat widget and demo page
  her2bot review unanswered.sqlite     group the questions it could not answer
  her2bot train                        retrain the learned crisis and emergency back-ups

The content folder (knowledge/ and intents/) is the one shipped with the
package unless --content DIR or the {ENV_VAR} environment variable says
otherwise. Helpline: Susan G. Komen, 1-877 GO KOMEN (1-877-465-6636)."""


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"content folder holding knowledge/ and intents/ (default: ${ENV_VAR} or the bundled content)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="her2bot",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version",
                        version=f"her2bot {__version__} (message-kind stage: {compiled.status()})")
    _content_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMANDS:
        module = importlib.import_module(f"bot.commands.{name}")
        command = sub.add_parser(
            name,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _content_option(command)
        module.add_arguments(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    content = getattr(args, "content", None)
    if args.command is None:  # bare `her2bot`: the chat with its defaults
        args = parser.parse_args(["chat"])
    args.content = content
    module = importlib.import_module(f"bot.commands.{args.command}")
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `her2bot ask ... | head -1`
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

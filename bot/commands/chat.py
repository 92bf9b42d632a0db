"""`her2bot chat` (and bare `her2bot`): the terminal chat, typed or piped.

Interactive when stdin and stdout are both terminals (prompt_toolkit, which
is imported only then); otherwise every input line is one turn of one
conversation, which is what scripts use. See bot/channels/repl.py and docs/chat.md.
"""

from __future__ import annotations

import argparse
import sys

HELP = "chat in the terminal (the default); pipe lines in for a scripted conversation"
DESCRIPTION = """\
Chat with her2bot. In a terminal: type questions, pick numbered suggestions by
typing their number, /help for commands, Ctrl-D or /quit to leave. Input
history is kept in $HER2BOT_HISTORY, else $XDG_DATA_HOME/her2bot/history
(default ~/.local/share/her2bot/history).

With input piped in, each line is one turn of ONE conversation (so follow-up
questions work); replies are printed in order, separated by a blank line, or
as one JSON object a line with --json. Empty lines are skipped.

example:
  printf 'what is kadcyla\\nhow is it given\\n' | her2bot chat --json"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="piped mode: print each Reply as one JSON object a line")
    parser.add_argument("--debug", action="store_true",
                        help="show how each question was understood (intent, confidence, entities)")


def _interactive() -> bool:
    return bool(sys.stdin and sys.stdout and sys.stdin.isatty() and sys.stdout.isatty())


def run(args: argparse.Namespace) -> int:
    from bot.commands._common import check_hint, load_bot_or_exit

    if args.json or not _interactive():
        from bot.channels.repl import run_piped
        from bot.channels.terminal import terminal_width

        bot = load_bot_or_exit(args.content)
        width = terminal_width() if sys.stdout.isatty() else 80
        return run_piped(bot, sys.stdin, sys.stdout, json=args.json, debug=args.debug, width=width)

    from bot.content import ContentError, load_content, snapshot
    from bot.content.loader import resolve_root
    from bot.channels.repl import LazyBot, run_interactive
    from bot.channels.terminal import Paint, colour_wanted

    paint = Paint(on=colour_wanted(sys.stdout))
    root = resolve_root(args.content)
    ready = snapshot.cached(root)  # unchanged content and code: the Bot as last built
    if ready is not None:
        return run_interactive(LazyBot.of(ready), paint=paint, debug=args.debug)
    # Content errors stop us here, before the prompt; the matching indexes are
    # built while the user reads the welcome (see LazyBot), for a fast start,
    # and saved as the snapshot for the next start.
    try:
        content = load_content(root)
    except ContentError as err:  # same message as load_bot_or_exit
        print(f"her2bot: cannot start, {err}", file=sys.stderr)
        print(check_hint(args.content), file=sys.stderr)
        return 2
    return run_interactive(LazyBot(content, save_to=root), paint=paint, debug=args.debug)

"""`her2bot chat`: not built yet (see the open issues)."""

from __future__ import annotations

import argparse
import sys

HELP = "(chat: not available yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print("her2bot chat is not available yet.", file=sys.stderr)
    return 2

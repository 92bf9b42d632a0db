"""`her2bot serve`: not built yet (see the open issues)."""

from __future__ import annotations

import argparse
import sys

HELP = "(serve: not available yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print("her2bot serve is not available yet.", file=sys.stderr)
    return 2

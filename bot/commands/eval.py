"""`her2bot eval`: not built yet (see the open issues)."""

from __future__ import annotations

import argparse
import sys

HELP = "(eval: not available yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print("her2bot eval is not available yet.", file=sys.stderr)
    return 2

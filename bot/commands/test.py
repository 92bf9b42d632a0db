"""`her2bot test`: not built yet (see the open issues)."""

from __future__ import annotations

import argparse
import sys

HELP = "(test: not available yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print("her2bot test is not available yet.", file=sys.stderr)
    return 2

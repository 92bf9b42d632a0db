"""How long loading (reading + checking + building) the whole content takes.

Target (issue 2): < 50 ms. Also reports building the Bot's matching indexes.
Run: .venv/bin/python bench/load_content.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stats import machine, summary  # noqa: E402

from bot.content import load_content  # noqa: E402
from bot.core import Bot  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    load_content()  # warm the file cache and imports
    loads, builds = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        content = load_content()
        t1 = time.perf_counter()
        Bot(content)
        t2 = time.perf_counter()
        loads.append(t1 - t0)
        builds.append(t2 - t1)
    print(f"machine: {machine()}")
    print(summary("load content (read+check+build)", loads))
    print(summary("build matching indexes", builds))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How `her2bot check` scales with the size of the content.

Writes synthetic content 1x, 10x and 100x the shipped size
(bench/synthetic_content.py: N times the example phrasings, half in the real
intents, half in new ones) and times `her2bot check --content DIR` on each as
a whole process, --runs times; prints the median, min and max, the target,
and the median as a multiple of the 1x median. As a floor, the same run
times `her2bot --version` (process start and imports, nothing checked).

Targets (issue 14): <= 5 s at 1x, <= 15 s at 10x, <= 60 s at 100x.
The machine is shared and has 2 cores: take the median of several runs.
Run: .venv/bin/python bench/check_scaling.py [--runs N] [--factors 1,10,100]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stats import machine  # noqa: E402
from synthetic_content import write_content  # noqa: E402

TARGETS = {1: 5.0, 10: 15.0, 100: 60.0}


def timed(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - start, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="timings per size (default 3)")
    parser.add_argument("--factors", default="1,10,100", help="content sizes, comma-separated (default 1,10,100)")
    args = parser.parse_args()
    factors = [int(f) for f in args.factors.split(",")]
    her2bot = [sys.executable, "-m", "bot"]
    print(f"machine: {machine()}")
    floor = statistics.median(timed([*her2bot, "--version"])[0] for _ in range(args.runs))
    print(f"floor (her2bot --version): median {floor:.2f} s")
    print(f"{'size':>5} {'examples':>9} {'median':>8} {'min':>7} {'max':>7} {'target':>7} {'x 1x':>6}  verdict")
    base: float | None = None
    over = False
    with tempfile.TemporaryDirectory(prefix="her2bot-scaling-") as tmp:
        for factor in factors:
            folder = Path(tmp) / f"x{factor}"
            written = write_content(folder, factor)
            runs = [timed([*her2bot, "check", "--quiet", "--content", str(folder)]) for _ in range(args.runs)]
            seconds = [s for s, _ in runs]
            codes = {code for _, code in runs}
            median = statistics.median(seconds)
            if factor == 1:
                base = median
            target = TARGETS.get(factor)
            verdict = "-" if target is None else ("ok" if median <= target else "OVER")
            over |= verdict == "OVER"
            ratio = f"{median / base:6.1f}" if base else "     -"
            note = "" if codes == {0} else f"  (exit {sorted(codes)}: see `her2bot check --content` output)"
            print(f"{factor:>4}x {written.examples:>9} {median:7.2f}s {min(seconds):6.2f}s {max(seconds):6.2f}s "
                  f"{'' if target is None else f'{target:.0f}s':>7} {ratio}  {verdict}{note}", flush=True)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

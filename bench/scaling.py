"""How the reply time grows with the size of the content.

Writes synthetic content 10x and 100x the shipped size
(bench/synthetic_content.py: N times the example phrasings, half in the real
intents, half in new ones), loads a Bot on each and times Bot.respond over
the same question mix as bench/reply_latency.py. Prints, for 1x, 10x and
100x: load time, reply median, p90 and p99, and the median as a multiple of
the 1x median measured in the same run (the floor), and for how many
messages of the mix the ranking's bounded walk over common words
(bot/understand/ranking.py, COMMON_WALK) gives the same top intent as an
unbounded one.

Targets (issue 13): on the shipped content median <= 0.5 ms and p99 <= 2 ms;
100x content costs <= 5x the 1x median.
The machine is shared and has 2 cores: compare ratios, not absolute times.
Run: .venv/bin/python bench/scaling.py [--rounds N] [--factors 1,10,100]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stats import machine, summary  # noqa: E402
from reply_latency import MIX, reply_times  # noqa: E402
from synthetic_content import REPO, write_content  # noqa: E402

from bot import Bot  # noqa: E402
from bot.understand import ranking  # noqa: E402

TARGET_RATIO = {100: 5.0}


def agreement(bot: Bot) -> tuple[int, int]:
    """How many messages of the mix get the same top intent from the bounded
    walk over common words as from the walk without COMMON_WALK's bound."""
    masked = [bot.entities.find(q).masked for q in MIX]
    bounded = [[c.intent for c in bot.intents.rank(m)[:1]] for m in masked]
    saved, ranking.COMMON_WALK = ranking.COMMON_WALK, 10**9
    try:
        exact = [[c.intent for c in bot.intents.rank(m)[:1]] for m in masked]
    finally:
        ranking.COMMON_WALK = saved
    return sum(a == b for a, b in zip(bounded, exact)), len(masked)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30, help="passes over the question mix per size (default 30)")
    parser.add_argument("--factors", default="1,10,100", help="content sizes to time (default 1,10,100)")
    args = parser.parse_args()
    factors = sorted({int(f) for f in args.factors.split(",")} | {1})
    print(f"machine: {machine()}")
    floor = None
    with tempfile.TemporaryDirectory() as tmp:
        for factor in factors:
            folder = REPO
            if factor > 1:
                folder = Path(tmp) / f"x{factor}"
                written = write_content(folder, factor)
                print(f"{factor}x: {written.intents} intents, {written.examples} example phrasings")
            t = time.perf_counter()
            bot = Bot.load(folder)
            load = time.perf_counter() - t
            times = reply_times(bot, args.rounds)
            median = statistics.median(times)
            floor = floor or median
            ratio = median / floor
            target = TARGET_RATIO.get(factor)
            verdict = "" if target is None else f" (target <= {target:.0f}x: {'ok' if ratio <= target else 'MISSED'})"
            same, total = agreement(bot)
            print(f"{factor}x: load {load:.2f} s; " + summary("Bot.respond", times) + f"; median {ratio:.2f}x the 1x median{verdict}")
            print(f"{factor}x: top intent as with an unbounded walk for {same} of {total} messages")
            del bot
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the message-kind stage costs per message.

Times, for every message of the reply-latency mix and of the dev safety
corpus (tests/safety/dev.yaml): reading the concepts
(bot/understand/concepts.py), the kind rules (bot/understand/kind.py) and
the nearest example messages (bot/understand/neighbours.py) for the
messages the pipeline sends to that back-up (found by running Bot.respond
once and noting which messages call it: about 1 in 15 here), and the
learned crisis and emergency back-ups (bot/understand/learned_kind.py). It also prints
an upper bound that runs the back-up for every message the rules do not
find risky. As a floor, the same run times normalise() on the same
messages. Prints medians and percentiles, and each median as a multiple of
the floor's.

Target (issue 12): the kind stage adds <= 0.1 ms median per message.
Run: .venv/bin/python bench/kind_stage.py [--rounds N]
As built by `make` (compiled with mypyc, bot/compiled.py) and, to compare,
as pure Python: HER2BOT_PURE=1 .venv/bin/python bench/kind_stage.py
(the first line says which ran).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stats import machine, summary  # noqa: E402
from reply_latency import MIX  # noqa: E402

from bot import Bot  # noqa: E402
from bot.quality.safety_eval import load_part  # noqa: E402
from bot.understand.entities import Found  # noqa: E402
from bot.understand.normalise import normalise  # noqa: E402
from bot.understand.spelling import apply_spelling  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TARGET_MS = 0.1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the messages (default 5)")
    args = parser.parse_args()
    bot = Bot.load()
    messages = list(MIX) + [item.text for item in load_part(REPO / "tests" / "safety" / "dev.yaml")]
    prepared: list[tuple[str, Found]] = []
    for text in messages:
        prepared.append((text, apply_spelling(bot.entities.find(normalise(text)), bot.speller)))
    backed_up = _backed_up(bot, messages)
    floor: list[float] = []
    stage: list[float] = []
    bound: list[float] = []
    for _ in range(args.rounds):
        for text, found in prepared:
            t0 = time.perf_counter()
            norm = normalise(text)
            t1 = time.perf_counter()
            reading = bot.concepts.read(text, found)
            kind = bot.kinds.read(reading)
            if found.masked in backed_up:
                bot.neighbours.nearest(found.masked)
            kind = bot._learned_kind(norm, kind, reading)  # the learned back-ups, last, as in Bot.respond
            t2 = time.perf_counter()
            if not kind.risky and found.masked not in backed_up:
                bot.neighbours.nearest(found.masked)
            t3 = time.perf_counter()
            floor.append(t1 - t0)
            stage.append(t2 - t1)
            bound.append(t3 - t1)
    print(f"machine: {machine()}; {len(messages)} messages x {args.rounds} rounds; "
          f"{len(backed_up)} distinct masked messages go to the back-up")
    print(summary("floor: normalise()", floor, unit="us"))
    print(summary("kind stage as the pipeline runs it", stage, unit="us"))
    print(summary("upper bound (back-up for every message not found risky)", bound, unit="us"))
    median_ms = statistics.median(stage) * 1e3
    ratio = statistics.median(stage) / statistics.median(floor)
    verdict = "ok" if median_ms <= TARGET_MS else "MISSED"
    print(f"kind stage median {median_ms:.3f} ms = {ratio:.1f}x the floor (target <= {TARGET_MS} ms: {verdict})")
    return 0


def _backed_up(bot: Bot, messages: list[str]) -> set[str]:
    """The masked messages Bot.respond sends to the nearest-example back-up."""
    neighbours = bot.neighbours
    seen: set[str] = set()
    original = neighbours.nearest

    def noting(masked: str):  # type: ignore[no-untyped-def]
        seen.add(masked)
        return original(masked)

    neighbours.nearest = noting  # type: ignore[method-assign]
    try:
        for text in messages:
            bot.respond(text)
    finally:
        del neighbours.nearest
    return seen


if __name__ == "__main__":
    sys.exit(main())

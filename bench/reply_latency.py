"""In-process reply latency of Bot.respond over a realistic question mix.

Targets (issue 3): median <= 0.5 ms, p99 <= 2 ms. The mix covers topic,
drug, look-up, comparison, follow-up, typo, safety and out-of-scope messages,
plus long run-on messages. Also times `her2bot ask "hi"` as a whole process
(target <= 0.4 s).
Run: .venv/bin/python bench/reply_latency.py [--rounds N] [--no-process]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stats import machine, summary  # noqa: E402

from bot import Bot  # noqa: E402

MIX = [
    "what is her2 low", "does enhertu affect lungs?", "enhurtu lung problms", "how is kadcyla given",
    "what are the side effects of tukysa", "which drugs are pills", "compare kadcyla and enhertu",
    "what is metastatic breast cancer", "can it be cured", "is there a biosimilar for herceptin",
    "my mom just started kadcyla and she is so tired all the time is that a side effect", "hi", "thanks",
    "what is tamoxifen", "how much does enhertu cost", "I have chest pain", "what dose of nerlynx should i take",
    "which drugs can reach the brain", "does herceptin cause hair loss", "how do you pronounce margetuximab",
    "T-DM1", "what questions should i ask my doctor", "asdkjh qwe", "what about the weather today",
]
FOLLOW_UPS = [("what is kadcyla", "how is it given"), ("how is kadcyla given", "and enhertu?"),
              ("does enhertu cause nausea", "what about tukysa")]


def reply_times(bot: Bot, rounds: int) -> list[float]:
    """Seconds per Bot.respond over `rounds` of the mix and its follow-ups, after a warm-up."""
    for q in MIX:  # warm up
        bot.respond(q)
    times: list[float] = []
    for _ in range(rounds):
        for q in MIX:
            t = time.perf_counter()
            bot.respond(q)
            times.append(time.perf_counter() - t)
        for first, second in FOLLOW_UPS:
            _, state = bot.respond(first)
            t = time.perf_counter()
            bot.respond(second, state)
            times.append(time.perf_counter() - t)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process timing")
    args = parser.parse_args()
    bot = Bot.load()
    times = reply_times(bot, args.rounds)
    print(f"machine: {machine()}")
    print(summary("Bot.respond", times))
    if not args.no_process:
        exe = [sys.executable, "-m", "bot", "ask", "hi"]
        with tempfile.TemporaryDirectory() as cache:
            # as users run it: byte-code cached (in a private folder, not the repo)
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = cache
            for label, run_env in (("byte-code cached", env), ("PYTHONDONTWRITEBYTECODE=1", {**env, "PYTHONDONTWRITEBYTECODE": "1"})):
                subprocess.run(exe, capture_output=True, check=True, env=run_env)
                runs = []
                for _ in range(15):
                    t = time.perf_counter()
                    subprocess.run(exe, capture_output=True, check=True, env=run_env)
                    runs.append(time.perf_counter() - t)
                print(summary(f'process `her2bot ask "hi"` ({label})', runs, unit="s"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start-up time of the terminal chat: launch `her2bot` in a pseudo-terminal
and time until the first prompt ("> ") is on the screen. Repeats the run and
prints the median and p99 (the target is a first prompt within 0.5 s).

    .venv/bin/python bench/startup.py [--runs 15] [--command .venv/bin/her2bot]

It measures twice: with Python's bytecode cache (the normal case: .pyc
files are written on first start; here into a temporary PYTHONPYCACHEPREFIX,
never into the repo) and with PYTHONDONTWRITEBYTECODE=1 (as in some sandboxes:
a source checkout without __pycache__ then compiles the bot's own modules at
every start).
It also times the welcome text, which is printed before prompt_toolkit is
imported. Each run uses a throwaway history file, answers the terminal's cursor-position
query like a real terminal would, and ends the chat with Ctrl-D.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROMPT = b"> "
PROMPT_START = b"\x1b[?2004h"
CPR_QUERY = b"\x1b[6n"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(command: list[str], base_env: dict[str, str], timeout: float = 10.0) -> tuple[float, float, float]:
    """Seconds from launching `command` in a pty until the prompt appears,
    the CPU seconds the program used by then (less sensitive to load), and
    seconds until the welcome text first shows."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 90, 0, 0))  # 30 rows, 90 columns
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(base_env, TERM="xterm-256color", HER2BOT_HISTORY=str(Path(tmp) / "history"))
        env.pop("NO_COLOR", None)
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                                close_fds=True, start_new_session=True)
        os.close(slave)
        seen = b""
        elapsed = None
        welcome = None
        try:
            while time.perf_counter() - start < timeout:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                seen += chunk
                if welcome is None and b"her2bot" in seen:
                    welcome = time.perf_counter() - start
                if CPR_QUERY in chunk:
                    os.write(master, b"\x1b[1;1R")
                # prompt_toolkit turns on bracketed paste, then draws the prompt
                if PROMPT in seen.partition(PROMPT_START)[2]:
                    elapsed = time.perf_counter() - start
                    cpu = cpu_seconds(proc.pid)
                    break
            if elapsed is None:
                raise SystemExit(f"no prompt within {timeout} s; output was:\n{seen.decode(errors='replace')}")
            os.write(master, b"\x04")  # Ctrl-D
            proc.wait(timeout=timeout)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            os.close(master)
    return elapsed, cpu, welcome if welcome is not None else elapsed


def report(runs: list[tuple[float, float, float]]) -> None:
    for label, values in (("prompt, wall time ", [r[0] for r in runs]),
                          ("prompt, CPU time  ", [r[1] for r in runs]),
                          ("welcome, wall time", [r[2] for r in runs])):
        values = sorted(values)
        p99 = values[min(len(values) - 1, round(0.99 * (len(values) - 1)))]
        print(f"  {label}  median {statistics.median(values) * 1000:4.0f} ms   p99 {p99 * 1000:4.0f} ms   "
              f"min {values[0] * 1000:4.0f} ms   max {values[-1] * 1000:4.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--command", default=str(ROOT / ".venv" / "bin" / "her2bot"))
    args = parser.parse_args()
    command = [args.command] if Path(args.command).exists() else [sys.executable, "-m", "bot"]
    with tempfile.TemporaryDirectory() as pycache:
        # As users run it: bytecode cached after the first start (kept outside the repo).
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = pycache
        # As some sandboxes and CI run it: PYTHONDONTWRITEBYTECODE=1, so a source checkout without
        # __pycache__ compiles the bot's modules at each start (installed packages keep their .pyc).
        uncached = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
        uncached["PYTHONDONTWRITEBYTECODE"] = "1"
        print(f"her2bot start-up, {args.runs} runs each ({' '.join(command)}), "
              f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}:")
        # Every start after the first reads the Bot from its snapshot (bot/content/snapshot.py);
        # a chat quit within a second of its first start may not have saved it yet, so write it now.
        subprocess.run([*command, "ask", "hi"], env=cached, stdout=subprocess.DEVNULL, check=False)
        for title, env in (("bytecode cached (normal)", cached), ("PYTHONDONTWRITEBYTECODE=1", uncached)):
            one_run(command, env)  # warm the OS file cache and write .pyc files; not counted
            runs = [one_run(command, env) for _ in range(args.runs)]
            print(f"- {title}, load average {os.getloadavg()[0]:.2f}:")
            report(runs)
    print("target: first prompt within 500 ms (wall time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

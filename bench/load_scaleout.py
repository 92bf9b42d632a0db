"""Scale-out load test: `--workers 2` with Redis vs one process in memory.

The same load as bench/load_http.py (its client and question mix: 64
keep-alive connections on POST /api/chat, ~25% follow-ups that need the
session's context, 20% one-off messages), run against:

  1. one process, in-memory sessions       (the default deployment)
  2. one process, sessions in Redis        (what Redis alone costs)
  3. --workers 2, sessions in Redis        (the scale-out deployment)

A private redis-server (no persistence) is started on a free loopback port
for the Redis runs and stopped afterwards. Everything (load generator,
server processes, Redis) shares this machine, so on 2 cores the workers
compete with the client and Redis for CPU: read the numbers as "same load,
same machine", not as what N machines would do. The load average before
and after each run is printed.

Goal (issue 16): one process with Redis serves >= 0.8x the requests of one
process in memory. The set-ups take turns, --repeat times, and the medians
are compared, so all of them see the same machine noise. The Redis runs
also report commands and round trips per request (from /healthz).

Run: .venv/bin/python bench/load_scaleout.py [--duration 10] [--connections 64] [--repeat 3] [--client wrk|python]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stats import machine  # noqa: E402
from load_http import REPO, cpu_seconds, free_port, health, run_python, run_wrk  # noqa: E402  (same client and mix)


def start_redis(workdir: str) -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("load_scaleout: redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            import socket
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return proc, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("load_scaleout: redis-server did not start")


def start_server(port: int, options: list[str]) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "bot", "--content", str(REPO), "serve", "--port", str(port), "--no-access-log", *options]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    stop(proc)
    raise SystemExit(f"load_scaleout: the server did not start ({' '.join(options)})")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's own process group (its workers too); SIGKILL if it lingers."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def group_cpu(pid: int) -> float:
    """CPU seconds of a server process and its worker processes."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return sum(cpu_seconds(p) for p in [pid, *map(int, children)])


def one_run(options: list[str], args: argparse.Namespace, redis_pid: int) -> dict:
    port = free_port()
    run = run_wrk if args.client == "wrk" else run_python
    proc = start_server(port, options)
    try:
        run(port, 1, args.connections, args.unique_share)  # warm-up: every worker's caches and connections
        load_before = os.getloadavg()[0]
        before = health(port)["sessions"]
        cpu_before, redis_before = group_cpu(proc.pid), cpu_seconds(redis_pid)
        result = run(port, args.duration, args.connections, args.unique_share)
        requests = max(1, result["requests"])
        result["cpu_us"] = (group_cpu(proc.pid) - cpu_before) / requests * 1e6
        result["redis_cpu_us"] = (cpu_seconds(redis_pid) - redis_before) / requests * 1e6
        result["store_before"] = before
        result["load_before"] = load_before
        result["load_after"] = os.getloadavg()[0]
        result["health"] = health(port)
    finally:
        stop(proc)
    return result


def report(label: str, r: dict) -> str:
    s = r["health"]["sessions"]
    extra = ""
    if s["backend"] == "redis" and r["requests"] and "--workers" not in label:  # /healthz: one process's counts
        b = r["store_before"]
        extra = (f"  Redis commands/request {(s['commands'] - b['commands']) / r['requests']:.2f}, "
                 f"round trips/request {(s['round_trips'] - b['round_trips']) / r['requests']:.2f}")
    return (f"{label:22s} {r['rps']:8.0f} {r['p50']:8.1f} {r['p99']:8.1f} {r['requests']:9d} {r['non_2xx']:8d}  "
            f"{r['load_before']:10.2f} / {r['load_after']:.2f}   {s['backend']} {s['status']}  "
            f"CPU/request: server {r['cpu_us']:.0f} us, Redis {r['redis_cpu_us']:.0f} us{extra}"
            + (f"  socket errors: {r['socket_errors']}" if r["socket_errors"] != "none" else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per run (default 10)")
    parser.add_argument("--connections", type=int, default=64, help="concurrent keep-alive connections (default 64)")
    parser.add_argument("--unique-share", type=float, default=0.2, help="share of one-off first messages (default 0.2)")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--workers", type=int, default=2, help="processes in the scale-out run (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of all set-ups; medians are compared (default 3)")
    args = parser.parse_args()

    print(f"machine: {machine()}; client: {args.client}; {args.connections} connections; {args.duration} s per run; "
          f"{int(args.unique_share * 100)}% one-off messages, ~25% follow-ups; client, servers and Redis share the machine; "
          f"{args.repeat} rounds")
    header = f"{'':22s} {'req/s':>8s} {'p50 ms':>8s} {'p99 ms':>8s} {'requests':>9s} {'non-2xx':>8s}  load avg before/after  sessions store"
    with tempfile.TemporaryDirectory() as workdir:
        redis_proc, url = start_redis(workdir)
        try:
            setups = [
                ("1 process, memory", []),
                ("1 process, Redis", ["--sessions", url]),
                (f"--workers {args.workers}, Redis", ["--workers", str(args.workers), "--sessions", url]),
            ]
            runs: dict[str, list[dict]] = {label: [] for label, _ in setups}
            print(header)
            for _ in range(args.repeat):
                for label, options in setups:  # interleaved: every set-up sees the same noise
                    r = one_run(options, args, redis_proc.pid)
                    runs[label].append(r)
                    print(report(label, r))
        finally:
            redis_proc.terminate()
            redis_proc.wait(timeout=10)
    memory = statistics.median(r["rps"] for r in runs[setups[0][0]])
    print(f"\nmedians of {args.repeat} rounds:")
    for label, _ in setups:
        rps = statistics.median(r["rps"] for r in runs[label])
        p50 = statistics.median(r["p50"] for r in runs[label])
        p99 = statistics.median(r["p99"] for r in runs[label])
        cpu = statistics.median(r["cpu_us"] + r["redis_cpu_us"] for r in runs[label])
        memory_cpu = statistics.median(r["cpu_us"] + r["redis_cpu_us"] for r in runs[setups[0][0]])
        ratio = (f"  {rps / memory:.2f}x one process in memory ({memory_cpu / cpu:.2f}x by CPU per request, "
                 f"server + Redis)" if label != setups[0][0] else "")
        goal = "; goal >= 0.8x: " + ("met" if rps / memory >= 0.8 else "MISSED") if label == setups[1][0] else ""
        print(f"  {label:22s} {rps:8.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms{ratio}{goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

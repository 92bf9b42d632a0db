"""HTTP load test: one `her2bot serve` process, POST /api/chat, 64 connections.

Targets, on a 2-core machine with one server process:
- issue 7: >= 1,000 requests/s and p99 <= 50 ms;
- issue 16: >= 0.7x the requests/s of a bare FastAPI app returning fixed
  JSON (bench/floor_app.py) under the same load, measured in the same run:
  the floor and her2bot take turns, --repeat times, and the medians are
  compared, so both see the same machine noise.

The question mix is a helpdesk's: first questions (drugs, side effects, typos,
safety, out of scope), follow-ups that need the session's context ("how is
it given"), and a share of one-off messages nobody else sends (a unique
number is added), which the server's reply cache can't help with. The run
is repeated with the reply cache off (--reply-cache 0) so both figures are
on record.

The load generator is wrk (Debian package `wrk`; not needed by the tests,
so install it yourself: apt-get install wrk). Without wrk a small asyncio
client is used instead; it shares the 2 cores with the server, so its
numbers are lower bounds.

Run: .venv/bin/python bench/load_http.py [--duration 10] [--connections 64] [--repeat 3]
     [--unique-share 0.2] [--cache-only] [--client wrk|python]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stats import machine, percentile  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

FIRST = [
    "what is her2", "what is her2 low", "what is HER2-positive breast cancer", "does enhertu affect lungs?",
    "enhurtu lung problms", "what is kadcyla", "how is kadcyla given", "what are the side effects of tukysa",
    "side effects of herceptin", "which drugs are pills", "compare kadcyla and enhertu", "can it be cured",
    "what is metastatic breast cancer", "does herceptin cause hair loss", "which drugs can reach the brain",
    "what is phesgo", "is nerlynx a pill", "does perjeta affect the heart", "what is margenza used for",
    "T-DM1", "what questions should i ask my doctor", "how much does enhertu cost",
    "what dose of nerlynx should i take", "I have chest pain", "hi", "thanks",
    "my mom just started kadcyla and she is so tired all the time is that a side effect",
    "what about the weather today", "how do I contact komen",
]
FOLLOW_UPS = ["how is it given", "what are the side effects", "is it a pill", "when is it used", "what about enhertu"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, reply_cache: int | None, access_log: bool) -> subprocess.Popen[bytes]:
    """her2bot serve, or with reply_cache None the floor app (bench/floor_app.py)."""
    if reply_cache is None:
        cmd = [sys.executable, str(REPO / "bench" / "floor_app.py"), str(port)]
    else:
        cmd = [sys.executable, "-m", "bot", "--content", str(REPO), "serve", "--port", str(port),
               "--reply-cache", str(reply_cache)]
        if not access_log:
            cmd.append("--no-access-log")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("load_http: the server did not start")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def health(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
        return json.loads(r.read())


# ------------------------------------------------------------------ wrk
WRK_SCRIPT = r"""
local first = {FIRST}
local follow = {FOLLOW}
local unique_share = {UNIQUE}
local sid = nil
local n = 0
math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16) % 100000)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local function body(message, session)
  local s = session and ('"' .. session .. '"') or "null"
  return '{{"message":"' .. message .. '","session_id":' .. s .. '}}'
end

request = function()
  n = n + 1
  local r = math.random()
  if sid ~= nil and r < 0.25 then
    return wrk.format(nil, "/api/chat", nil, body(follow[math.random(#follow)], sid))
  end
  local q = first[math.random(#first)]
  if math.random() < unique_share then
    q = q .. " " .. tostring(n) .. "-" .. tostring(math.random(1000000))
  end
  return wrk.format(nil, "/api/chat", nil, body(q, nil))
end

response = function(status, headers, body)
  if status == 200 then
    local s = string.match(body, '"session_id":"([%w_%-]+)"')
    if s then sid = s end
  end
end
"""

_LAT = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def lua_list(items: list[str]) -> str:
    return "{" + ", ".join(json.dumps(i) for i in items) + "}"


def run_wrk(port: int, duration: int, connections: int, unique_share: float) -> dict:
    script = WRK_SCRIPT.format(FIRST=lua_list(FIRST), FOLLOW=lua_list(FOLLOW_UPS), UNIQUE=unique_share)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s",
             "-s", f.name, f"http://127.0.0.1:{port}/"],
            capture_output=True, text=True, check=True,
        ).stdout
    finally:
        os.unlink(f.name)
    scale = {"us": 1e-3, "ms": 1.0, "s": 1e3}
    lat = {int(p): float(v) * scale[u] for p, v, u in _LAT.findall(out)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": lat.get(50), "p99": lat.get(99), "requests": total,
            "non_2xx": int(bad.group(1)) if bad else 0, "socket_errors": errors.group(1) if errors else "none"}


# ------------------------------------------------------------------ asyncio fallback
async def _client(port: int, stop_at: float, unique_share: float, lat: list[float], status: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    rng = random.Random()
    sid: str | None = None
    n = 0
    while time.perf_counter() < stop_at:
        n += 1
        if sid and rng.random() < 0.25:
            msg, session = rng.choice(FOLLOW_UPS), sid
        else:
            msg, session = rng.choice(FIRST), None
            if rng.random() < unique_share:
                msg += f" {n}-{rng.randrange(10**6)}"
        body = json.dumps({"message": msg, "session_id": session}).encode()
        head = (f"POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        t0 = time.perf_counter()
        writer.write(head + body)
        header = await reader.readuntil(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length:\s*(\d+)", header).group(1))
        data = await reader.readexactly(length)
        lat.append(time.perf_counter() - t0)
        code = int(header.split(b" ", 2)[1])
        status.append(code)
        if code == 200:
            sid = json.loads(data)["session_id"]
    writer.close()


def run_python(port: int, duration: int, connections: int, unique_share: float) -> dict:
    lat: list[float] = []
    status: list[int] = []

    async def main() -> float:
        start = time.perf_counter()
        await asyncio.gather(*(_client(port, start + duration, unique_share, lat, status) for _ in range(connections)))
        return time.perf_counter() - start

    elapsed = asyncio.run(main())
    ms = [x * 1e3 for x in lat]
    return {"rps": len(lat) / elapsed, "p50": percentile(ms, 50), "p99": percentile(ms, 99), "requests": len(lat),
            "non_2xx": sum(1 for s in status if s != 200), "socket_errors": "none"}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(args: argparse.Namespace, reply_cache: int | None, client: str) -> dict:
    port = free_port()
    proc = start_server(port, reply_cache, args.access_log)
    try:
        run = run_wrk if client == "wrk" else run_python
        run(port, 1, args.connections, args.unique_share)  # warm-up: caches, first-time imports
        cpu_before = cpu_seconds(proc.pid)
        result = run(port, args.duration, args.connections, args.unique_share)
        # Server CPU per request: what a request costs, much less sensitive to
        # other jobs on a shared machine than requests/s.
        result["cpu_us"] = (cpu_seconds(proc.pid) - cpu_before) / max(1, result["requests"]) * 1e6
        result["health"] = health(port)
    finally:
        stop_server(proc)
    result["load_after"] = os.getloadavg()[0]
    return result


def line(label: str, r: dict) -> str:
    cache = r["health"].get("reply_cache", {})
    hits = f"cache hits {cache['hits']}/{cache['hits'] + cache['misses']}" if cache else ""
    return (f"{label:26s} {r['rps']:8.0f} req/s  p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms  "
            f"server CPU {r['cpu_us']:5.0f} us/request  "
            f"non-2xx {r['non_2xx']}  socket errors {r['socket_errors']}  {hits}  load after {r['load_after']:.2f}")


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per run (default 10)")
    parser.add_argument("--connections", type=int, default=64, help="concurrent keep-alive connections (default 64)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of (floor, her2bot); medians are compared (default 3)")
    parser.add_argument("--unique-share", type=float, default=0.2,
                        help="share of first messages made unique, so no cache can help (default 0.2)")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--cache-only", action="store_true", help="skip the runs with the reply cache off")
    parser.add_argument("--access-log", action="store_true", help="keep the server's per-request access log on")
    args = parser.parse_args()

    print(f"machine: {machine()}; client: {args.client}; one server process; {args.connections} connections; "
          f"{args.duration} s per run; {int(args.unique_share * 100)}% one-off messages, ~25% follow-ups; "
          f"{args.repeat} rounds")
    load = os.getloadavg()[0]
    print(f"load average before the run: {load:.2f}" + ("  (the machine is busy: figures will be low)" if load > 0.5 else ""))
    setups = [("floor: bare FastAPI, fixed JSON", None), ("her2bot, reply cache on", 4096)]
    if not args.cache_only:
        setups.append(("her2bot, reply cache off", 0))
    runs: dict[str, list[dict]] = {label: [] for label, _ in setups}
    for round_no in range(1, args.repeat + 1):
        for label, cache in setups:  # interleaved, so every set-up sees the same noise
            r = one_run(args, cache, args.client)
            runs[label].append(r)
            print(f"round {round_no}: " + line(label, r))
    floor = median_of(runs[setups[0][0]], "rps")
    floor_cpu = median_of(runs[setups[0][0]], "cpu_us")
    print(f"\nmedians of {args.repeat} rounds (load average now {os.getloadavg()[0]:.2f}):")
    for label, cache in setups:
        rps, p50, p99, cpu = (median_of(runs[label], k) for k in ("rps", "p50", "p99", "cpu_us"))
        verdict = ""
        if cache is not None:
            ratio = rps / floor
            ok = ratio >= 0.7 and p99 <= 50 and all(r["non_2xx"] == 0 for r in runs[label])
            verdict = (f"  {ratio:.2f}x the floor's req/s ({floor_cpu / cpu:.2f}x by CPU per request); "
                       f"target (>= 0.7x, p99 <= 50 ms): {'met' if ok else 'MISSED'}")
        print(f"  {label:30s} {rps:8.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  CPU {cpu:5.0f} us/request{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

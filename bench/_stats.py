"""Small helpers shared by the benchmark scripts: percentiles and a report line."""

from __future__ import annotations

import os
import platform
import statistics


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(name: str, seconds: list[float], unit: str = "ms") -> str:
    scale = {"ms": 1e3, "us": 1e6, "s": 1.0}[unit]
    v = [s * scale for s in seconds]
    return (f"{name}: n={len(v)} median={statistics.median(v):.3f} {unit} "
            f"p90={percentile(v, 90):.3f} p99={percentile(v, 99):.3f} max={max(v):.3f} {unit}")


def machine() -> str:
    """The interpreter and machine, and whether the message-kind stage ran compiled
    (`make fast`) or as pure Python (`make pure`, HER2BOT_PURE=1)."""
    from bot import compiled  # here, not at the top: the benches put the repo on sys.path first
    return (f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
            f"{platform.machine()}; kind stage {compiled.status()}")

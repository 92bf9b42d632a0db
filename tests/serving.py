"""Shared by the tests that run a real `her2bot serve` process (tests/api,
tests/browser, tests/redis): wait until it answers /healthz."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from typing import Any


class ServerDidNotStart(RuntimeError):
    pass


def wait_for_health(base: str, proc: subprocess.Popen[bytes], seconds: float = 20.0) -> dict[str, Any]:
    """Poll GET {base}/healthz until it answers; return its JSON. Raises
    ServerDidNotStart if the process exits or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                return json.loads(response.read())
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise ServerDidNotStart(f"her2bot serve at {base} did not start") from None
            time.sleep(0.1)

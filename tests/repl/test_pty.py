"""End to end: the real `her2bot` in a pseudo-terminal, typed at like a user.

The pty test reads the program's output with screen-control codes removed;
the tmux test reads the actual screen (capture-pane)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HER2BOT = REPO / ".venv" / "bin" / "her2bot"
COMMAND = [str(HER2BOT)] if HER2BOT.exists() else [sys.executable, "-m", "bot"]
CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>()][0-9A-B]?|\r")
PROMPT_ON = "\x1b[?2004h"
DISCLAIMER = "This information is for education only and does not cover everything."


def flat(text: str) -> str:
    return " ".join(text.split())


class Terminal:
    """A program running in a pty of a fixed size; answers cursor-position queries."""

    def __init__(self, argv: list[str], env: dict[str, str], rows: int = 30, cols: int = 90) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     cwd=REPO, start_new_session=True)
        os.close(slave)
        self.raw = ""
        self.prompts = 0  # prompts waited for so far

    def text(self) -> str:
        return CONTROL.sub("", self.raw)

    def wait_for_prompt(self, timeout: float = 15.0) -> None:
        """Wait until a new prompt is active (prompt_toolkit turns on bracketed
        paste when it draws one). Type only then: keys such as Ctrl-D typed
        while the terminal is between prompts are eaten by the tty driver."""
        self._read(lambda: self.raw.count(PROMPT_ON) > self.prompts, "a new prompt", timeout)
        self.prompts = self.raw.count(PROMPT_ON)

    def read_until(self, wanted: str, timeout: float = 15.0) -> str:
        self._read(lambda: flat(wanted) in flat(self.text()), repr(wanted), timeout)
        return self.text()

    def _read(self, done, what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} did not appear; the screen had:\n{self.text()}")
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.master, 65536).decode(errors="replace")
                except OSError:  # the program ended
                    raise AssertionError(f"program ended before {what}:\n{self.text()}") from None
                if "\x1b[6n" in chunk:  # where is the cursor? answer like a terminal
                    os.write(self.master, b"\x1b[1;1R")
                self.raw += chunk

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.1)[0]:
                try:
                    self.raw += os.read(self.master, 65536).decode(errors="replace")
                except OSError:
                    pass
        return self.proc.wait(timeout=1)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color", HER2BOT_HISTORY=str(tmp_path / "history"), **extra)
    if "NO_COLOR" not in extra:
        env.pop("NO_COLOR", None)
    return env


def test_real_program_in_a_pty_answers_and_exits_on_ctrl_d(tmp_path: Path):
    term = Terminal(COMMAND, env_for(tmp_path))
    try:
        term.read_until("not a doctor")
        term.wait_for_prompt()
        term.type("what is kadcyla\r")
        screen = term.read_until(DISCLAIMER)
        answer = flat(screen.split("what is kadcyla", 1)[1])
        assert "Ado-trastuzumab emtansine (Kadcyla) is a HER2 antibody drug conjugate" in answer
        assert answer.index("Kadcyla) is") < answer.index(DISCLAIMER)
        assert "\x1b[2mThis information" in term.raw  # the disclaimer is dimmed
        term.read_until("You could also ask:")
        term.wait_for_prompt()
        term.type("2\r")  # the second suggestion
        term.read_until("asking: How is Kadcyla given?")
        term.read_until("Kadcyla is given as an IV drug")
        term.wait_for_prompt()
        term.type("\x04")  # Ctrl-D
        assert term.wait() == 0
        assert "Take care." in term.text()
        assert (tmp_path / "history").read_text().count("+what is kadcyla") == 1
    finally:
        term.close()


def test_no_color_turns_off_our_colours(tmp_path: Path):
    term = Terminal(COMMAND, env_for(tmp_path, NO_COLOR="1"))
    try:
        term.wait_for_prompt()
        term.type("what is enhertu\r")
        term.read_until(DISCLAIMER)
        term.wait_for_prompt()
        term.type("/quit\r")
        assert term.wait() == 0
        assert "\x1b[2m" not in term.raw and "\x1b[36m" not in term.raw
    finally:
        term.close()


def test_interactive_start_with_bad_content_is_a_clear_error(tmp_path: Path):
    term = Terminal([*COMMAND, "--content", str(tmp_path / "missing")], env_for(tmp_path))
    try:
        status = term.wait()
        assert status == 2
        assert "cannot start" in term.text() and "Traceback" not in term.text()
    finally:
        term.close()


def _tmux_or_skip() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        if os.environ.get("HER2BOT_REQUIRE_SYSTEM_TESTS"):
            pytest.fail("tmux is not installed (apt-get install tmux)")
        pytest.skip("tmux is not installed")
    return tmux


def test_screen_in_tmux_shows_wrapped_answer_and_disclaimer(tmp_path: Path):
    tmux = _tmux_or_skip()
    socket = f"her2bot-test-{uuid.uuid4().hex[:8]}"
    base = [tmux, "-L", socket]
    env = env_for(tmp_path)

    def screen() -> str:
        return subprocess.run([*base, "capture-pane", "-p", "-t", "chat"], capture_output=True,
                              text=True, check=True).stdout

    def wait_for(text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = screen()
            if flat(text) in flat(shown):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not on screen:\n{screen()}")

    command = " ".join(COMMAND) + "; echo EXIT=$?; sleep 30"
    subprocess.run([*base, "-f", "/dev/null", "new-session", "-d", "-s", "chat", "-x", "60", "-y", "40", command],
                   check=True, env=env)
    try:
        ready = "> Ask a question"  # the hint shows only on the active, empty prompt
        wait_for(ready)
        subprocess.run([*base, "send-keys", "-t", "chat", "how is enhertu given", "Enter"], check=True)
        shown = wait_for(DISCLAIMER)
        answer = shown.split("how is enhertu given", 1)[1]
        assert "Enhertu" in answer and "IV" in answer
        assert max(len(line.rstrip()) for line in shown.splitlines()) <= 60
        wait_for(ready)
        subprocess.run([*base, "send-keys", "-t", "chat", "C-d"], check=True)
        wait_for("EXIT=0")
    finally:
        subprocess.run([*base, "kill-server"], capture_output=True)

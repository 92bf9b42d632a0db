"""Drive the interactive chat headless: the real PromptSession reading keys
from create_pipe_input(), drawing on DummyOutput() (or on a fake screen),
and the chat's own output captured in a StringIO."""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from bot.channels.repl import run_interactive
from bot.channels.terminal import Paint

ENTER, CTRL_C, CTRL_D, TAB, RIGHT = "\r", "\x03", "\x04", "\t", "\x1b[C"


@dataclass
class ChatRun:
    status: int
    output: str  # what the chat printed (replies, messages)
    screen: str  # what prompt_toolkit drew (only with screen=True)


@dataclass(frozen=True)
class WaitFor:
    """A step: wait until prompt_toolkit has drawn `text` (needs screen=True)."""

    text: str


class Screen(io.StringIO):
    """A fake terminal for prompt_toolkit: keeps everything drawn on it."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def drive(bot: Any, *steps: str | WaitFor, history_file: Path, width: int = 72,
          debug: bool = False, screen: bool = False, colour: bool = False) -> ChatRun:
    """Type the steps into a fresh chat and return its status and output.

    Completions and suggestions from history are computed in the background,
    as in a real terminal, so a key that uses them (Tab, Right) must come
    after a WaitFor(...) for what they show. The pipe is closed after the
    last step, which reads as Ctrl-D, so the chat always ends. `colour`
    paints the chat's own output as on a colour terminal. The chat runs
    in its own thread, so an event loop left running by another test in
    this thread does not get in the way (prompt_toolkit starts its own).
    """
    out = io.StringIO()
    drawn = Screen()
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=width), term="xterm") if screen else DummyOutput()
    result: dict[str, Any] = {}
    with create_pipe_input() as pipe:

        def typist() -> None:
            for step in steps:
                if isinstance(step, WaitFor):
                    deadline = time.monotonic() + 20
                    while step.text not in drawn.getvalue() and time.monotonic() < deadline:
                        time.sleep(0.02)
                else:
                    pipe.send_text(step)
            pipe.close()

        def chat() -> None:
            try:
                result["status"] = run_interactive(bot, input=pipe, output=output, out=out, width=width,
                                                   debug=debug, history_file=history_file, paint=Paint(on=colour))
            except BaseException as err:  # handed to the test thread below
                result["error"] = err

        workers = [threading.Thread(target=typist, daemon=True), threading.Thread(target=chat, daemon=True)]
        for worker in workers:
            worker.start()
        workers[1].join(timeout=60)
        workers[0].join(timeout=30)
    if "error" in result:
        raise result["error"]
    assert "status" in result, "the chat did not end within 60 s"
    return ChatRun(result["status"], out.getvalue(), drawn.getvalue())

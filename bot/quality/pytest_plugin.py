"""pytest plugin: YAML conversation tests become pytest items.

Any ``*.yaml``/``*.yml`` file inside a folder named ``conversations`` (for
this project: tests/conversations/) is collected; each conversation in it is
one test item, in file order, named after the conversation. A malformed file
is a collection error naming file and line; a failing conversation is reported
with the file and line of the failing turn, the conversation so far, and
expected vs actual. Turns marked ``xfail:`` are reported as xfail.

Registered by ``pytest_plugins = ["bot.quality.pytest_plugin"]`` in tests/conftest.py;
elsewhere use ``pytest -p bot.quality.pytest_plugin``. The file format is in
docs/conversation-tests.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.quality.convtest import (
    TEST_SUFFIXES,
    BotCache,
    Conversation,
    FormatError,
    Result,
    check_against_bot,
    format_failure,
    format_xfails,
    load_file,
    run_conversation,
)

FOLDER = "conversations"
_CACHE_KEY = pytest.StashKey[BotCache]()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> "ConversationFile | None":
    if file_path.suffix in TEST_SUFFIXES and FOLDER in file_path.parent.parts:
        return ConversationFile.from_parent(parent, path=file_path)
    return None


def _bots(config: pytest.Config) -> BotCache:
    if _CACHE_KEY not in config.stash:
        config.stash[_CACHE_KEY] = BotCache()
    return config.stash[_CACHE_KEY]


class ConversationFailed(Exception):
    """Raised by a conversation item; carries the result to report."""

    def __init__(self, result: Result) -> None:
        super().__init__(result.conversation.name)
        self.result = result


class ConversationFile(pytest.File):
    """A YAML file of conversations."""

    def collect(self):  # type: ignore[override]
        from bot.content import ContentError

        display = _relative(self.path, self.config.rootpath)
        try:
            test_file = load_file(self.path, display)
        except FormatError as err:
            raise self.CollectError(_problem_text(err.problems)) from None
        try:
            bot = _bots(self.config).get(test_file.content)
        except ContentError as err:
            where = f"{test_file.display}:{test_file.content_line}" if test_file.content else test_file.display
            raise self.CollectError(f"{where}: cannot load the content for these conversations: {err}") from None
        problems = check_against_bot(test_file, bot)
        if problems:
            raise self.CollectError(_problem_text(problems))
        for conv in test_file.conversations:
            yield ConversationItem.from_parent(self, name=conv.name, conversation=conv)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _problem_text(problems: list[Any]) -> str:
    return "conversation test file is not valid:\n" + "\n".join(f"  {p}" for p in problems)


class ConversationItem(pytest.Item):
    """One named conversation, run through the real Bot."""

    def __init__(self, *, conversation: Conversation, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.conversation = conversation

    def runtest(self) -> None:
        bot = _bots(self.config).get(self.conversation.content)
        result = run_conversation(bot, self.conversation)
        if result.status == "failed":
            raise ConversationFailed(result)
        if result.status == "xfailed":
            pytest.xfail(format_xfails(result).strip())

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:  # type: ignore[override]
        if isinstance(excinfo.value, ConversationFailed):
            return format_failure(excinfo.value.result)
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.conversation.line - 1, f"conversation: {self.conversation.name}"

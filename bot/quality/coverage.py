"""Intents with no conversation test, for `her2bot check`.

An intent (or a safety rule with its own reply) that no turn of the
conversation tests expects has never been tried in a conversation: a
warning at the intent's FILE:LINE. The tests are read from
``tests/conversations`` in the content folder (or the folder given); files
that name another content folder (``content:``) test that one, not this.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.quality.convtest import FormatError, find_test_files, load_file
from bot.quality.report import Finding, Report

if TYPE_CHECKING:
    from bot.core import Bot

DEFAULT_FOLDER = Path("tests") / "conversations"


def expected_intents(folder: Path) -> tuple[set[str], int, int]:
    """Intents some turn expects; how many files were read and how many could not be."""
    files, _ = find_test_files([str(folder)])
    expected: set[str] = set()
    unreadable = 0
    for path in files:
        try:
            test_file = load_file(path)
        except FormatError:
            unreadable += 1  # `her2bot test` reports why
            continue
        if test_file.content is None:
            expected |= {t.intent for c in test_file.conversations for t in c.turns if t.intent}
    return expected, len(files), unreadable


def check_coverage(bot: "Bot", folder: Path | None = None) -> Report:
    root = Path(bot.content.root)
    folder = folder if folder is not None else root / DEFAULT_FOLDER
    report = Report()
    if not folder.is_dir():
        report.info.append(f"conversation coverage: not checked, no folder {folder}")
        return report
    expected, files, unreadable = expected_intents(folder)
    shown = _display(folder, root)
    targets = [(i.id, i.file, i.line, "intent") for i in bot.content.intents]
    targets += [(f"safety.{r.id}", r.file, r.line, "safety rule") for r in bot.content.safety if r.response != "fallback"]
    for name, file, line, what in targets:
        if name not in expected:
            report.warnings.append(Finding(
                file, line, "untested", f"{what} '{name}' has no conversation test",
                f"no turn in {shown} expects it: add one (docs/conversation-tests.md)",
            ))
    skipped = f", {unreadable} file(s) not valid (see `her2bot test`)" if unreadable else ""
    report.info.append(
        f"conversation coverage: {len(targets) - len(report.warnings)} of {len(targets)} intents and safety "
        f"replies expected by a turn in {shown} ({files} file(s){skipped})"
    )
    return report


def _display(folder: Path, root: Path) -> str:
    try:
        return str(folder.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(folder)

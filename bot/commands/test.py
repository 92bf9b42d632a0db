"""`her2bot test`: run scripted conversation tests (YAML) without pytest."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

HELP = "run scripted conversation tests (YAML files) and report pass/fail"
DESCRIPTION = """\
Run the conversation tests in the given files or folders (default:
tests/conversations). Each conversation is played against the bot, turn by
turn, and reported as PASS, FAIL or XFAIL (a known problem, marked in the file).
A failure shows the file and line of the turn, the conversation so far, what
was expected and what the bot answered.

A failure also shows why the bot decided as it did (the decision and its
reason, as `her2bot ask --debug` shows them). -k PATTERN runs only the
conversations whose FILE::NAME contains PATTERN (any case); --junit FILE
also writes the results as JUnit XML for CI.

Exit status: 0 when every conversation passes (known problems allowed),
1 when any fails or a file is not valid, 2 when no test files are found,
-k matches no conversation, or the content cannot be loaded.
The file format is described in docs/conversation-tests.md."""

DEFAULT_PATH = "tests/conversations"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help=f"test files or folders (default: {DEFAULT_PATH})")
    parser.add_argument("--json", action="store_true", help="print one JSON document with every result (for machines)")
    parser.add_argument("-k", dest="pattern", metavar="PATTERN",
                        help="run only the conversations whose FILE::NAME contains PATTERN (any case)")
    parser.add_argument("--junit", metavar="FILE", type=Path, help="also write the results as JUnit XML to FILE")


def run(args: argparse.Namespace) -> int:
    from bot.commands._common import check_hint
    from bot.content import ContentError
    from bot.quality.convtest import (
        BotCache, FormatError, Result, check_against_bot, display_name, find_test_files, load_file, run_conversation, selected,
    )
    from bot.content.yamlfile import Problem

    paths = args.paths or [DEFAULT_PATH]
    files, missing = find_test_files(paths)
    for path in missing:
        print(f"her2bot test: no such file or folder: {path}", file=sys.stderr)
    if missing:
        return 2
    if not files:
        print(f"her2bot test: no conversation test files (*.yaml) in {', '.join(paths)}", file=sys.stderr)
        return 2

    bots = BotCache(args.content)
    results: list[Result] = []
    errors: list[Problem] = []
    deselected = 0
    report = _Printer(enabled=not args.json)
    for path in files:
        try:
            test_file = load_file(path)
        except FormatError as err:
            errors += err.problems
            report.file_errors(display_name(path), err.problems)
            continue
        try:
            bot = bots.get(test_file.content)
        except ContentError as err:
            if test_file.content is None:  # the default content is broken: nothing can run
                print(f"her2bot test: cannot start, {err}", file=sys.stderr)
                print(check_hint(args.content), file=sys.stderr)
                return 2
            problem = Problem(test_file.display, test_file.content_line, f"cannot load the content folder it names: {err}")
            errors.append(problem)
            report.file_errors(test_file.display, [problem])
            continue
        problems = check_against_bot(test_file, bot)
        if problems:
            errors += problems
            report.file_errors(test_file.display, problems)
            continue
        chosen = selected(test_file.conversations, args.pattern)
        deselected += len(test_file.conversations) - len(chosen)
        if chosen:
            report.file(test_file.display)
        for conv in chosen:
            result = run_conversation(bot, conv)
            results.append(result)
            report.result(result)

    if args.pattern and not results and not errors:
        print(f"her2bot test: no conversation matches -k {args.pattern!r} ({deselected} deselected)", file=sys.stderr)
        return 2
    counts = {status: sum(r.status == status for r in results) for status in ("passed", "failed", "xfailed")}
    counts["errors"] = len({(p.file) for p in errors})
    counts["deselected"] = deselected
    ok = counts["failed"] == 0 and not errors
    if args.junit:
        from bot.quality.junit import to_xml

        args.junit.write_text(to_xml(results, errors), encoding="utf-8")
    if args.json:
        print(json.dumps(_document(results, errors, counts, ok), ensure_ascii=False, indent=2))
    else:
        report.summary(counts, ok)
    return 0 if ok else 1


def _document(results: list[Any], errors: list[Any], counts: dict[str, int], ok: bool) -> dict[str, Any]:
    from bot.quality.convtest import result_to_dict

    return {
        "ok": ok,
        "summary": counts,
        "conversations": [result_to_dict(r) for r in results],
        "file_errors": [{"file": p.file, "line": p.line, "message": p.message} for p in errors],
    }


class _Printer:
    """Plain-text progress for people: a line per conversation, details on failure."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.width = min(shutil.get_terminal_size((88, 24)).columns, 100)
        self.failures: list[str] = []

    def _out(self, text: str = "") -> None:
        if self.enabled:
            print(text, flush=True)

    def file(self, name: str) -> None:
        self._out(name)

    def file_errors(self, name: str, problems: list[Any]) -> None:
        self._out(f"{name}")
        self._out("  ERROR  this test file is not valid, so none of its conversations ran:")
        for p in problems:
            self._out(f"    {p}")

    def result(self, result: Any) -> None:
        from bot.quality.convtest import format_failure, format_xfails

        name = result.conversation.name
        if result.status == "passed":
            self._out(f"  PASS   {name}")
        elif result.status == "xfailed":
            self._out(f"  XFAIL  {name}")
            self._out("\n".join("         " + line.strip() for line in format_xfails(result).split("\n")))
        else:
            self._out(f"  FAIL   {name}")
            detail = format_failure(result, self.width)
            self._out("\n".join("         " + line if line else "" for line in detail.split("\n")))

    def summary(self, counts: dict[str, int], ok: bool) -> None:
        parts = [f"{counts['passed']} passed", f"{counts['failed']} failed"]
        if counts["xfailed"]:
            parts.append(f"{counts['xfailed']} xfail (known problems)")
        if counts["errors"]:
            parts.append(f"{counts['errors']} file(s) with errors")
        if counts["deselected"]:
            parts.append(f"{counts['deselected']} deselected (-k)")
        self._out()
        self._out(", ".join(parts) + (" - all good" if ok else ""))

"""The baseline: warnings accepted on purpose, so that only new ones fail.

Like a linter's baseline, a plain text file committed with the content
(``check-baseline.txt`` in the content folder): one accepted warning a line,
in the form of :attr:`Finding.key` (``FILE: CODE: SUBJECT``), with no line
numbers or scores, so editing an unrelated part of a file does not make an
accepted warning new again. Lines starting with ``#`` and empty lines are
ignored. A warning that occurs twice needs two lines.

``her2bot check --update-baseline`` writes the file from the warnings found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.content.yamlfile import Problem, read_text
from bot.quality.report import Finding

FILE_NAME = "check-baseline.txt"
HEADER = """\
# Warnings of `her2bot check` accepted on purpose: `her2bot check --strict`
# fails only on warnings that are not listed here. One warning a line
# (FILE: CODE: SUBJECT, as `her2bot check` prints it, without line numbers or
# scores). Rewrite it with `her2bot check --update-baseline`; review the diff.
"""


@dataclass(frozen=True)
class Split:
    """The warnings of a run, measured against the baseline."""

    new: tuple[Finding, ...]  # not in the baseline: these fail --strict
    accepted: tuple[Finding, ...]  # in the baseline
    stale: tuple[str, ...]  # baseline lines no warning matched any more


def read(path: Path) -> tuple[Counter[str], list[Problem]]:
    """The accepted warnings (a missing file accepts none)."""
    if not path.is_file():
        return Counter(), []
    text, problems = read_text(path, str(path))
    if text is None:
        return Counter(), problems
    lines = (line.strip() for line in text.splitlines())
    return Counter(line for line in lines if line and not line.startswith("#")), []


def split(findings: list[Finding], accepted: Counter[str]) -> Split:
    left = Counter(accepted)
    new: list[Finding] = []
    kept: list[Finding] = []
    for finding in sorted(findings):
        if left[finding.key] > 0:
            left[finding.key] -= 1
            kept.append(finding)
        else:
            new.append(finding)
    stale = tuple(sorted(key for key, count in left.items() for _ in range(count)))
    return Split(tuple(new), tuple(kept), stale)


def write(path: Path, findings: list[Finding]) -> None:
    body = "".join(f"{key}\n" for key in sorted(f.key for f in findings))
    path.write_text(HEADER + body, encoding="utf-8")

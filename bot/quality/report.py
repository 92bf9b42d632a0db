"""The report every check returns: problems (errors), warnings and info lines.

A problem makes `her2bot check` fail. A warning (:class:`Finding`) is
something that is probably a mistake although the content works; it fails
only under ``--strict``, and only when the baseline of accepted warnings
(``bot/quality/baseline.py``) does not hold it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.content.yamlfile import Problem


@dataclass(frozen=True, order=True)
class Finding:
    """One warning at FILE:LINE.

    ``subject`` holds only words that stay the same while unrelated content
    changes (no line numbers, no scores), so it can be matched against the
    baseline; ``detail`` holds the rest.
    """

    file: str
    line: int
    code: str  # what kind of warning, e.g. "collision"
    subject: str
    detail: str = ""

    @property
    def key(self) -> str:
        """The warning as the baseline file records it."""
        return f"{self.file}: {self.code}: {self.subject}"

    def __str__(self) -> str:
        more = f"; {self.detail}" if self.detail else ""
        return f"{self.file}:{self.line}: {self.code}: {self.subject}{more}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    info: list[str] = field(default_factory=list)

    def add(self, other: "Report") -> None:
        self.problems += other.problems
        self.warnings += other.warnings
        self.info += other.info

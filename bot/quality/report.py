"""The report every check returns: problems (errors), warnings and info lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.content.yamlfile import Problem


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)

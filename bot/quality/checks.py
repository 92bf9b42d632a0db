"""Everything `her2bot check` verifies, as a report (no printing here).

1. The content loads: schema, ids, references (``content.check_content``).
2. On the loaded bot, in order: every answer renders (templates name only
   known placeholders); no name is claimed twice (``names``); phrasings
   (``lint``: duplicates across intents are problems, repeats and collisions
   warnings); suggestions are answered as they promise (``suggestions``);
   every answer's reading grade (``readability``); concept terms that put a
   phrase inside a choice (``concept_terms``); every intent has a
   conversation test (``coverage``).
Each check takes the loaded Bot and returns a Report.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from bot.content import check_content
from bot.content.yamlfile import Problem
from bot.quality.concept_terms import check_concept_terms
from bot.quality.coverage import check_coverage
from bot.quality.lint import check_phrasings
from bot.quality.names import name_clashes
from bot.quality.readability import check_readability, source_of
from bot.quality.report import Report
from bot.quality.suggestions import check_suggestions
from bot.reply import CALL_NUMBERS

if TYPE_CHECKING:
    from bot.core import Bot


def check_rendering(bot: "Bot") -> Report:
    from bot.answer.render import TemplateError

    report = Report()
    count = 0
    try:
        for label, rendered in bot.render.all_answers():
            count += 1
            for number in rendered.calls:  # a tap-to-call link must match what the text says
                if number not in CALL_NUMBERS or number not in rendered.text:
                    report.problems.append(Problem(*source_of(label, bot.content.root), f"the reply '{label}' offers "
                                                   f"a tap-to-call link to {number}, but its text does not give that number"))
    except (TemplateError, KeyError, ValueError) as err:
        report.problems.append(Problem("knowledge/templates.yaml", 0, f"an answer cannot be rendered: {err}"))
    report.info.append(f"rendered {count} possible answers")
    return report


def check_names(bot: "Bot") -> Report:
    return Report(problems=name_clashes(bot.content))


def run_checks(root: str | os.PathLike[str] | None = None, conversations: Path | None = None) -> Report:
    from bot.core import Bot

    content, problems = check_content(root)
    report = Report(problems=list(problems))
    if content is None or problems:
        return report
    bot = Bot(content)
    s = bot.summary()
    report.info.append(
        f"loaded {s['intents']} intents ({s['examples']} example phrasings), {s['drugs']} drugs, "
        f"{s['topics']} topics, {s['side_effects']} side-effect terms, {s['safety_rules']} safety rules"
    )
    checks: list[Callable[["Bot"], Report]] = [
        check_rendering, check_names, check_phrasings, check_suggestions, check_readability,
        check_concept_terms, partial(check_coverage, folder=conversations),
    ]
    for check in checks:
        report.add(check(bot))
    report.problems.sort()
    report.warnings.sort()
    return report

"""Name clashes: one name claimed by two things the bot recognises.

Every name the entity finder knows (``entity_names``: drug ids, generic and
full names, brands, aliases and abbreviations; side-effect, route, kind and
situation names and aliases; the built-in HER2 statuses, and whatever else
the finder learns to recognise) is normalised the way a user message is.
When two different things claim the same normalised name, the finder
silently picks one of them: "what is kadcyla" would answer about
trastuzumab if trastuzumab listed "kadcyla" as an alias. Each clash is an
error naming both places, FILE:LINE each.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from bot.content.model import Content, Source
from bot.content.yamlfile import Problem
from bot.understand import entities
from bot.understand.entities import entity_names
from bot.understand.normalise import normalise

# Entity type -> the content section its entries live in (else "<type>s").
SECTIONS = {"drug": "drugs", "side_effect": "side_effects", "route": "routes", "kind": "kinds",
            "situation": "situations", "topic": "topics"}

Owner = tuple[str, str]  # (entity type, id)
Place = tuple[str, int]  # (file, line)


def name_clashes(content: Content) -> list[Problem]:
    claims: dict[tuple[str, ...], dict[Owner, str]] = {}
    for type_, value, name in entity_names(content):
        key = tuple(normalise(name).split())
        if key:
            claims.setdefault(key, {}).setdefault((type_, value), name)
    problems: list[Problem] = []
    for key, owners in claims.items():
        if len(owners) < 2:
            continue
        placed = sorted((_place(content, owner, key), owner, name) for owner, name in owners.items())
        (first_at, first, first_name), *others = placed
        for (file, line), owner, name in others:
            problems.append(Problem(
                file, line,
                f"name clash: {name!r} names {_describe(content, owner)} here and {_describe(content, first)} at "
                f"{first_at[0]}:{first_at[1]} ({first_name!r}); a name may belong to one thing only, "
                "so the bot would answer about the wrong one: remove it from one of them",
            ))
    return problems


def _describe(content: Content, owner: Owner) -> str:
    type_, value = owner
    built_in = "" if _source(content, owner) else " (built into the bot)"
    return f"{type_.replace('_', ' ')} '{value}'{built_in}"


def _source(content: Content, owner: Owner) -> Source | None:
    type_, value = owner
    return content.sources.get(f"{SECTIONS.get(type_, type_ + 's')}/{value}")


def _place(content: Content, owner: Owner, key: tuple[str, ...]) -> Place:
    """Where the entry of `owner` writes the name `key` (its own line if no text matches)."""
    source = _source(content, owner)
    if source is None:
        return _built_in(key)
    line = next((line for text, line in source.texts if tuple(normalise(text).split()) == key), source.line)
    return source.file, line


def _built_in(key: tuple[str, ...]) -> Place:
    """A name built into the entity finder (the HER2 statuses): its line in the code."""
    path = Path(inspect.getsourcefile(entities) or "")
    wanted = f'"{" ".join(key)}"'
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if wanted in text), 1)
    return "bot/understand/entities.py", line

"""Declarative shapes of the content files, and the checker that applies them.

A shape is a mapping of field name to :class:`Field`. ``check`` walks parsed
YAML (from ``yamlfile``) against a shape and returns every problem it finds:
unknown keys, missing required fields and wrong types, each with file and line.
Cross-references (ids pointing at other entries) are checked in ``content.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from bot.content.yamlfile import LineDict, LineList, Problem, line_of

# Field types understood by the checker.
STR, BOOL, STR_LIST, STR_MAP, RECORD, RECORD_LIST, STR_OR_RECORD_LIST = (
    "text",
    "true/false",
    "list of text",
    "mapping of text",
    "mapping",
    "list of mappings",
    "list of ids or mappings",
)


@dataclass(frozen=True)
class Field:
    type: str
    required: bool = True
    shape: Mapping[str, "Field"] = field(default_factory=dict)


Shape = Mapping[str, Field]


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _not_text(value: Any) -> str:
    """Why a value is not non-empty text: it is empty, or it is something else."""
    return "(it is empty)" if isinstance(value, str) else f"(it is {_type_name(value)})"


def check(value: Any, shape: Shape, file: str, where: str, line: int = 0) -> list[Problem]:
    """Check one mapping against a shape; `where` names it in messages."""
    if not isinstance(value, dict):
        return [Problem(file, line_of(value, line), f"{where} must be a mapping, got {_type_name(value)}")]
    problems: list[Problem] = []
    here = line_of(value, line)
    for key in value:
        if key not in shape:
            known = ", ".join(sorted(shape))
            problems.append(
                Problem(file, _key_line(value, key), f"unknown key '{key}' in {where} (known keys: {known})")
            )
    for key, spec in shape.items():
        if key not in value:
            if spec.required:
                problems.append(Problem(file, here, f"{where} is missing required field '{key}'"))
            continue
        problems += _check_field(value[key], spec, file, f"{where}: '{key}'", _key_line(value, key))
    return problems


def _key_line(value: Any, key: str) -> int:
    return value.line_of(key) if isinstance(value, LineDict) else line_of(value)


def _item_line(value: Any, index: int, default: int) -> int:
    return value.line_of(index) if isinstance(value, LineList) else default


def _check_field(value: Any, spec: Field, file: str, where: str, line: int) -> list[Problem]:
    def wrong(expected: str, at: int = line) -> list[Problem]:
        return [Problem(file, at, f"{where} must be {expected}, got {_type_name(value)}")]

    if spec.type == STR:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return []  # YAML reads 1-877-... as text already; plain numbers are fine as text
        return [] if _is_text(value) else [Problem(file, line, f"{where} must be non-empty text {_not_text(value)}")]
    if spec.type == BOOL:
        return [] if isinstance(value, bool) else wrong("true or false")
    if spec.type == STR_LIST:
        if not isinstance(value, list):
            return wrong("a list of text")
        return [
            Problem(file, _item_line(value, i, line), f"{where} item {i + 1} must be non-empty text {_not_text(item)}"
                    + (" (YAML reads yes/no/on/off/true/false as true/false: put the word in quotes)"
                       if isinstance(item, bool) else ""))
            for i, item in enumerate(value)
            if not (_is_text(item) or (isinstance(item, int) and not isinstance(item, bool)))
        ]
    if spec.type == STR_MAP:
        if not isinstance(value, dict):
            return wrong("a mapping of names to text")
        return [
            Problem(file, _key_line(value, k), f"{where} entry '{k}' must be non-empty text {_not_text(v)}")
            for k, v in value.items()
            if not _is_text(v)
        ]
    if spec.type == RECORD:
        return check(value, spec.shape, file, where, line)
    if spec.type in (RECORD_LIST, STR_OR_RECORD_LIST):
        if not isinstance(value, list):
            return wrong("a list")
        problems: list[Problem] = []
        for i, item in enumerate(value):
            item_line = _item_line(value, i, line)
            if spec.type == STR_OR_RECORD_LIST and _is_text(item):
                continue
            problems += check(item, spec.shape, file, f"{where} item {i + 1}", item_line)
        return problems
    raise ValueError(f"unknown field type {spec.type!r}")  # a bug in a shape, not in content


# ---------------------------------------------------------------- shapes ---

BRAND = {"name": Field(STR), "route": Field(STR), "note": Field(STR, required=False),
         "also_contains": Field(STR_LIST, required=False)}
SIDE_EFFECT_WORDS = {"words": Field(STR_LIST), "terms": Field(STR_LIST)}
UNNAMED_CONDITION = {"names": Field(STR_LIST), "broader": Field(STR)}
DRUG_SIDE_EFFECT = {"id": Field(STR), "note": Field(STR, required=False)}
DRUG = {
    "id": Field(STR),
    "name": Field(STR),
    "full_name": Field(STR, required=False),
    "pronunciation": Field(STR),
    "kind": Field(STR),
    "brands": Field(RECORD_LIST, shape=BRAND),
    "aliases": Field(STR_LIST, required=False),
    "used_for": Field(STR_LIST),
    "side_effects": Field(STR_OR_RECORD_LIST, shape=DRUG_SIDE_EFFECT),
    "contains_trastuzumab": Field(BOOL),
    "given_with": Field(STR_LIST, required=False),
    "reaches_brain": Field(BOOL),
    "her2_low": Field(BOOL),
    "used_after": Field(STR_LIST),
    "notes": Field(STR_LIST, required=False),
    "section": Field(STR),
}
KIND = {
    "id": Field(STR),
    "name": Field(STR),
    "plural": Field(STR),
    "aliases": Field(STR_LIST, required=False),
    "explain": Field(STR),
    "section": Field(STR),
}
ROUTE = {
    "id": Field(STR),
    "name": Field(STR),
    "plural": Field(STR),
    "how": Field(STR),
    "aliases": Field(STR_LIST, required=False),
}
MONITORING = {"id": Field(STR), "text": Field(STR), "section": Field(STR)}
SIDE_EFFECT = {
    "id": Field(STR),
    "name": Field(STR),
    "aliases": Field(STR_LIST, required=False),
    "monitoring": Field(STR, required=False),
    "listed": Field(BOOL, required=False),
}
SITUATION = {"id": Field(STR), "name": Field(STR), "aliases": Field(STR_LIST, required=False)}
TOPIC = {
    "id": Field(STR),
    "title": Field(STR),
    "section": Field(STR),
    "answer": Field(STR),
    "suggestions": Field(STR_LIST, required=False),
}
HELPLINE = {
    "organisation": Field(STR),
    "phone_words": Field(STR),
    "phone": Field(STR),
    "web": Field(STR),
    "more_info": Field(STR),
    "section": Field(STR),
}

# Top-level sections of knowledge/*.yaml. List sections may be split across
# files; every other section must appear exactly once.
KNOWLEDGE_SECTIONS: dict[str, Field] = {
    "drugs": Field(RECORD_LIST, shape=DRUG),
    "kinds": Field(RECORD_LIST, shape=KIND),
    "routes": Field(RECORD_LIST, shape=ROUTE),
    "monitoring": Field(RECORD_LIST, shape=MONITORING),
    "side_effects": Field(RECORD_LIST, shape=SIDE_EFFECT),
    "situations": Field(RECORD_LIST, shape=SITUATION),
    "side_effect_words": Field(RECORD_LIST, shape=SIDE_EFFECT_WORDS),
    "unnamed_conditions": Field(RECORD_LIST, shape=UNNAMED_CONDITION),
    "topics": Field(RECORD_LIST, shape=TOPIC),
    "disclaimer": Field(STR),
    "section_disclaimer": Field(STR),
    "helpline": Field(RECORD, shape=HELPLINE),
    "safety": Field(STR_MAP),
    "fallback": Field(STR),
    "fallback_other_language": Field(STR),
    "fallback_told": Field(STR),
    "helpline_sentence": Field(STR),
    "fallback_topics_intro": Field(STR),
    "clarify": Field(STR),
    "ask_drug": Field(STR),
    "long_message_note": Field(STR),
    "empty_message": Field(STR),
    "decline": Field(STR),
    "chitchat": Field(STR_MAP),
    "fallback_suggestions": Field(STR_LIST),
    "lookups": Field(STR_MAP),
    "templates": Field(STR_MAP),
}

INTENT = {
    "id": Field(STR),
    "title": Field(STR, required=False),
    "answer": Field(STR),
    "per_drug": Field(STR, required=False),
    "examples": Field(STR_LIST),
}
SAFETY_RULE = {
    "id": Field(STR),
    "response": Field(STR),
    "fallback": Field(BOOL, required=False),
    "patterns": Field(STR_LIST),
}
CONCEPT = {
    "id": Field(STR),
    "says": Field(STR, required=False),
    "tags": Field(STR_LIST, required=False),
    "related": Field(STR_LIST, required=False),
    "terms": Field(STR_LIST),
}
KIND_RULE = {
    "id": Field(STR),
    "kind": Field(STR),
    "any": Field(STR_LIST, required=False),
    "with": Field(STR_LIST, required=False),
    "together": Field(STR_LIST, required=False),
    "reported": Field(STR_LIST, required=False),
    "unless": Field(STR_LIST, required=False),
    "several": Field(STR_LIST, required=False),
    "unless_reported": Field(STR_LIST, required=False),
    "unless_said": Field(STR_LIST, required=False),
    "opens": Field(STR_LIST, required=False),
    "weak": Field(BOOL, required=False),
    "asks": Field(BOOL, required=False),
    "why": Field(STR),
}
KIND_EXAMPLES = {kind: Field(STR_LIST, required=False) for kind in ("crisis", "emergency", "symptom_report", "decision", "question")}
INTENT_SECTIONS: dict[str, Field] = {
    "kind_examples": Field(RECORD, shape=KIND_EXAMPLES),
    "intents": Field(RECORD_LIST, shape=INTENT),
    "concepts": Field(RECORD_LIST, shape=CONCEPT),
    "kind_rules": Field(RECORD_LIST, shape=KIND_RULE),
    "safety_rules": Field(RECORD_LIST, shape=SAFETY_RULE),
    "negation_patterns": Field(STR_LIST),
    "domain_words": Field(STR_LIST),
}

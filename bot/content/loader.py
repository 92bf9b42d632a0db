"""Find, read, check and build the content folders (knowledge/ and intents/).

``load_content(root)`` returns an immutable :class:`~bot.content.model.Content` or
raises :class:`ContentError` carrying *every* problem found, each naming file
and line. ``check_content(root)`` returns the problems without raising, for
``her2bot check``.

Where the content lives, first match wins:
  1. the folder passed in (``--content DIR``);
  2. the ``HER2BOT_CONTENT`` environment variable;
  3. the copy shipped inside the installed wheel (``bot/_content``);
  4. the source checkout this package sits in (``<repo>/knowledge``, ``<repo>/intents``).
"""

from __future__ import annotations

import dataclasses
import os
from functools import lru_cache
import re
import string
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable

from bot.content import schema
from bot.content.learned import load_models
from bot.content.letters import NON_WORD, without_accents
from bot.content.model import (
    ANSWER_KINDS,
    DRUG_ATTRIBUTES,
    Answer,
    Brand,
    Content,
    Drug,
    DrugSideEffect,
    Example,
    Helpline,
    Intent,
    Kind,
    Monitoring,
    Route,
    Concept,
    KindRule,
    SafetyRule,
    SideEffect,
    SideEffectWords,
    UnnamedCondition,
    Situation,
    Source,
    Topic,
)
from bot.content.terms import TermError, parse_term
from bot.content.yamlfile import LineDict, LineList, Problem, line_of, read_yaml
from bot.reply import KINDS

ENV_VAR = "HER2BOT_CONTENT"
PLACEHOLDERS = ("drug", "side_effect")
LOOKUP_TARGETS_EXTRA = ("side_effect",)  # lookups rendered without a `lookups:` sentence
MIN_EXAMPLES = 8
RISKY_KINDS = ("crisis", "emergency", "decision", "symptom_report")  # each needs a reply under `safety:`
# A content file bigger than this is refused before it is parsed: it would
# make every check slow, and is far larger than any hand-written file.
MAX_FILE_BYTES = 2_000_000

# Template names the renderer needs (see render.py).
REQUIRED_TEMPLATES = (
    "report_listed", "report_cause", "outside_sheet", "not_covered", "side_effect_listed", "side_effect_not_listed",
    "side_effects_listed_are", "ask_doctor", "unnamed_condition", "how_common_unknown", "contains_is", "contains_yes",
    "contains_no_given_with", "contains_unknown", "monitoring_none", "brain_yes", "brain_unknown", "same_drug_products",
    "different_products", "drug_name", "brand_sentence", "kind", "contains_trastuzumab", "given_with", "used_for",
    "side_effects", "side_effect_yes", "side_effect_no", "pronunciation", "generic_brands",
    "short_name", "same_drug", "different_drugs", "lookup_empty", "lookup_side_effect", "lookup_side_effect_none",
    "ask_side_effect", "compare_intro", "compare_row_kind", "compare_row_route", "compare_row_use",
    "compare_row_side_effects", "suggest_overview", "suggest_side_effects", "suggest_how_given",
    "suggest_used_for", "suggest_lookup_side_effect",
)


class ContentError(Exception):
    """The content could not be loaded; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the content:\n{lines}")


def default_root() -> Path:
    """The content folder to use when none is given."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]  # bot/
    shipped = package / "_content"
    if (shipped / "knowledge").is_dir():
        return shipped
    return package.parent


def resolve_root(root: str | os.PathLike[str] | None) -> Path:
    return Path(root) if root is not None else default_root()


# ------------------------------------------------------------- reading ---


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def read_sections(
    root: Path, folder: str, shapes: dict[str, schema.Field]
) -> tuple[dict[str, list[tuple[str, Any]]], list[Problem]]:
    """Read every YAML file of one folder; return section -> [(file, value)]."""
    problems: list[Problem] = []
    sections: dict[str, list[tuple[str, Any]]] = {}
    directory = root / folder
    if not directory.is_dir():
        return sections, [Problem(str(directory), 0, f"content folder '{folder}/' not found")]
    for path in _yaml_files(directory):
        name = _display(path, root)
        data, found = read_yaml(path, name, MAX_FILE_BYTES)
        problems += found
        if data is None:
            if not found:
                problems.append(Problem(name, 1, "file is empty"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(name, line_of(data, 1), "the top level must be a mapping of sections"))
            continue
        for key, value in data.items():
            if key not in shapes:
                known = ", ".join(shapes)
                problems.append(Problem(name, data.line_of(key), f"unknown section '{key}' (known sections: {known})"))
                continue
            problems += schema._check_field(value, shapes[key], name, f"section '{key}'", data.line_of(key))
            sections.setdefault(key, []).append((name, value))
    return sections, problems


# ------------------------------------------------------------ building ---


class _Builder:
    """Turns checked sections into model objects, collecting reference problems."""

    def __init__(self, knowledge: dict[str, list[tuple[str, Any]]], intents: dict[str, list[tuple[str, Any]]]):
        self.k = knowledge
        self.i = intents
        self.problems: list[Problem] = []

    # helpers ---------------------------------------------------------
    def problem(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def single(self, name: str) -> tuple[str, Any] | None:
        found = self.k.get(name, []) + self.i.get(name, [])
        if not found:
            self.problem("knowledge/", 0, f"required section '{name}' is missing from every file")
            return None
        if len(found) > 1:
            first = found[0][0]
            for file, value in found[1:]:
                self.problem(file, line_of(value), f"section '{name}' is already defined in {first}")
        return found[0]

    def records(self, sections: dict[str, list[tuple[str, Any]]], name: str) -> list[tuple[str, LineDict]]:
        out: list[tuple[str, LineDict]] = []
        for file, value in sections.get(name, []):
            if isinstance(value, list):
                out += [(file, item) for item in value if isinstance(item, dict)]
        return out

    def unique(self, items: list[tuple[str, LineDict]], what: str) -> list[tuple[str, LineDict]]:
        seen: dict[str, str] = {}
        kept = []
        for file, item in items:
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            where = f"{file}:{item.line}"
            if ident in seen:
                self.problem(file, item.line_of("id"), f"duplicate {what} id '{ident}' (first at {seen[ident]})")
                continue
            seen[ident] = where
            kept.append((file, item))
        return kept

    def ref(self, file: str, line: int, value: str, table: dict[str, Any], what: str, where: str) -> bool:
        if value in table:
            return True
        choices = ", ".join(sorted(table)) or "none defined"
        self.problem(file, line, f"{where} refers to unknown {what} '{value}' (known: {choices})")
        return False

    # knowledge ---------------------------------------------------------
    def build(self, root: Path) -> Content | None:
        kinds = {d["id"]: Kind(d["id"], d["name"], d["plural"], tuple(d.get("aliases", ())), d["explain"], d["section"])
                 for _, d in self.unique(self.records(self.k, "kinds"), "kind")}
        routes = {d["id"]: Route(d["id"], d["name"], d["plural"], d["how"], tuple(d.get("aliases", ())))
                  for _, d in self.unique(self.records(self.k, "routes"), "route")}
        monitoring = {d["id"]: Monitoring(d["id"], d["text"], d["section"])
                      for _, d in self.unique(self.records(self.k, "monitoring"), "monitoring")}
        side_effects: dict[str, SideEffect] = {}
        for file, d in self.unique(self.records(self.k, "side_effects"), "side effect"):
            mon = d.get("monitoring")
            if mon is not None:
                self.ref(file, d.line_of("monitoring"), mon, monitoring, "monitoring note", f"side effect '{d['id']}'")
            side_effects[d["id"]] = SideEffect(d["id"], d["name"], tuple(d.get("aliases", ())), mon, d.get("listed", True))
        situations = {d["id"]: Situation(d["id"], d["name"], tuple(d.get("aliases", ())))
                      for _, d in self.unique(self.records(self.k, "situations"), "situation")}
        topics = {d["id"]: Topic(d["id"], d["title"], d["section"], _clean(d["answer"]), tuple(d.get("suggestions", ())))
                  for _, d in self.unique(self.records(self.k, "topics"), "topic")}
        drugs = self.build_drugs(kinds, routes, side_effects, situations)
        effect_words, unnamed = self.build_side_effect_words(side_effects)

        helpline_entry = self.single("helpline")
        single_text = {name: self.single(name) for name in (
            "disclaimer", "fallback", "fallback_other_language", "fallback_told", "helpline_sentence", "fallback_topics_intro", "clarify",
            "ask_drug", "long_message_note", "empty_message", "decline")}
        safety_texts = self.single("safety")
        chitchat = self.single("chitchat")
        fallback_suggestions = self.single("fallback_suggestions")
        templates = self.single("templates")
        lookups = self.single("lookups")
        self.single("section_disclaimer")
        if None in (helpline_entry, safety_texts, chitchat, fallback_suggestions, templates, lookups) or None in single_text.values():
            return None
        if templates is not None:
            file, value = templates
            for name in REQUIRED_TEMPLATES:
                if name not in value:
                    self.problem(file, line_of(value), f"templates is missing '{name}'")
        for kind in RISKY_KINDS:
            if kind not in safety_texts[1]:
                self.problem(safety_texts[0], line_of(safety_texts[1]), f"safety is missing the reply for '{kind}' messages")
        h = helpline_entry[1]
        helpline = Helpline(str(h["organisation"]), str(h["phone_words"]), str(h["phone"]), str(h["web"]), str(h["more_info"]), str(h["section"]))
        responses = {name: _clean(entry[1]) for name, entry in single_text.items() if entry}
        responses.update({f"safety.{k}": _clean(v) for k, v in safety_texts[1].items()})

        intents = self.build_intents(topics, chitchat[1], lookups[1], safety_texts[1])
        safety = self.build_safety(safety_texts[1])
        negations = self.single("negation_patterns")
        negation_patterns = tuple(negations[1]) if negations else ()
        if negations:
            self.check_patterns(negations[0], negations[1], "negation pattern")
        domain = self.single("domain_words")
        domain_words = frozenset(w.casefold() for w in domain[1]) if domain else frozenset()
        concepts = self.build_concepts(side_effects)
        kind_rules = self.build_kind_rules(concepts)
        kind_examples: dict[str, tuple[str, ...]] = {}
        for _, value in self.i.get("kind_examples", []):
            for kind, examples in value.items():
                kind_examples[kind] = kind_examples.get(kind, ()) + tuple(str(e) for e in examples)
        if self.problems:
            return None
        return Content(
            root=str(root),
            drugs=tuple(drugs),
            kinds=MappingProxyType(kinds),
            routes=MappingProxyType(routes),
            monitoring=MappingProxyType(monitoring),
            side_effects=MappingProxyType(side_effects),
            situations=MappingProxyType(situations),
            topics=MappingProxyType(topics),
            helpline=helpline,
            disclaimer=_clean(single_text["disclaimer"][1]),
            responses=MappingProxyType(responses),
            chitchat=MappingProxyType({k: _clean(v) for k, v in chitchat[1].items()}),
            fallback_suggestions=tuple(fallback_suggestions[1]),
            templates=MappingProxyType({k: _clean(v) for k, v in templates[1].items()}),
            lookups=MappingProxyType({k: _clean(v) for k, v in lookups[1].items()}),
            intents=tuple(intents),
            safety=tuple(safety),
            negation_patterns=negation_patterns,
            domain_words=domain_words,
            side_effect_words=effect_words,
            unnamed_conditions=unnamed,
            concepts=tuple(concepts),
            kind_rules=tuple(kind_rules),
            kind_examples=MappingProxyType(kind_examples),
            drug_by_id=MappingProxyType({d.id: d for d in drugs}),
            intent_by_id=MappingProxyType({i.id: i for i in intents}),
            sources=MappingProxyType(self.sources()),
        )

    def sources(self) -> dict[str, Source]:
        """Where every entry was written, with the line of each text in it."""
        out: dict[str, Source] = {}
        for sections in (self.k, self.i):
            for section, found in sections.items():
                for file, value in found:
                    records = value if isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value) else None
                    if records is None:
                        key = section if section not in out else f"{section}#{len(out)}"
                        out[key] = Source(file, line_of(value), tuple(_texts(value)))
                        continue
                    for record in records:
                        out.setdefault(f"{section}/{record['id']}", Source(file, record.line, tuple(_texts(record))))
        return out

    def build_drugs(self, kinds, routes, side_effects, situations) -> list[Drug]:
        drugs: list[Drug] = []
        entries = self.unique(self.records(self.k, "drugs"), "drug")
        ids = {d["id"] for _, d in entries}
        for file, d in entries:
            where = f"drug '{d['id']}'"
            self.ref(file, d.line_of("kind"), d["kind"], kinds, "kind", where)
            brands = []
            for i, b in enumerate(d["brands"]):
                self.ref(file, b.line_of("route"), b["route"], routes, "route", f"{where} brand '{b['name']}'")
                also = tuple(b.get("also_contains", ()))
                for j, other in enumerate(also):
                    self.ref(file, b["also_contains"].line_of(j), other, dict.fromkeys(ids), "drug", f"{where} brand '{b['name']}'")
                brands.append(Brand(b["name"], b["route"], _clean(b["note"]) if "note" in b else None, also))
            effects = []
            for i, se in enumerate(d["side_effects"]):
                se_line = d["side_effects"].line_of(i)
                se_id, note = (se, None) if isinstance(se, str) else (se["id"], _clean(se.get("note")) if se.get("note") else None)
                if self.ref(file, se_line, se_id, side_effects, "side effect", where) and not side_effects[se_id].listed:
                    self.problem(file, se_line, f"{where} lists side effect '{se_id}', which is marked `listed: false`")
                effects.append(DrugSideEffect(se_id, note))
            for i, sit in enumerate(d["used_after"]):
                self.ref(file, d["used_after"].line_of(i), sit, situations, "situation", where)
            for i, other in enumerate(d.get("given_with", ())):
                self.ref(file, d["given_with"].line_of(i), other, dict.fromkeys(ids), "drug", where)
            drugs.append(Drug(
                id=d["id"], name=d["name"], pronunciation=d["pronunciation"], kind=d["kind"],
                brands=tuple(brands), aliases=tuple(d.get("aliases", ())),
                used_for=tuple(_clean(u) for u in d["used_for"]), side_effects=tuple(effects),
                contains_trastuzumab=d["contains_trastuzumab"], reaches_brain=d["reaches_brain"],
                her2_low=d["her2_low"], used_after=tuple(d["used_after"]), section=d["section"],
                full_name=d.get("full_name"), given_with=tuple(d.get("given_with", ())),
                notes=tuple(_clean(n) for n in d.get("notes", ())),
            ))
        return drugs

    # intents -----------------------------------------------------------
    def build_intents(self, topics, chitchat, lookups, safety_texts) -> list[Intent]:
        intents: list[Intent] = []
        owner: dict[str, str] = {}
        for file, d in self.unique(self.records(self.i, "intents"), "intent"):
            answer = self.parse_answer(file, d, topics, chitchat, lookups)
            examples = []
            for i, text in enumerate(d["examples"]):
                line = d["examples"].line_of(i)
                for name in _placeholders(text):
                    if name not in PLACEHOLDERS:
                        self.problem(file, line, f"intent '{d['id']}' example uses unknown placeholder '{{{name}}}' (known: {', '.join(PLACEHOLDERS)})")
                key = " ".join(text.casefold().split())
                if key in owner and owner[key] != d["id"]:
                    self.problem(file, line, f"example '{text}' of intent '{d['id']}' is also an example of intent '{owner[key]}'")
                owner.setdefault(key, d["id"])
                examples.append(Example(text, file, line))
            if len(examples) < MIN_EXAMPLES:
                self.problem(file, d.line_of("examples"), f"intent '{d['id']}' has {len(examples)} example(s); at least {MIN_EXAMPLES} are needed")
            if answer:
                intents.append(Intent(d["id"], answer, tuple(examples), file, d.line, d.get("title", ""), d.get("per_drug", "")))
        self.check_per_drug(intents)
        return intents

    def check_per_drug(self, intents: list[Intent]) -> None:
        """`per_drug:` names an intent that answers about a drug."""
        by_id = {i.id: i for i in intents}
        for intent in intents:
            if not intent.per_drug:
                continue
            other = by_id.get(intent.per_drug)
            if other is None or other.answer.kind != "drug":
                self.problem(intent.file, intent.line, f"intent '{intent.id}': per_drug '{intent.per_drug}' must name an "
                             f"intent whose answer is drug:..." + ("" if other else " (no such intent)"))

    def parse_answer(self, file: str, d: LineDict, topics, chitchat, lookups) -> Answer | None:
        text = d["answer"].strip()
        kind, _, target = text.partition(":")
        kind, target = kind.strip(), target.strip()
        line = d.line_of("answer")
        where = f"intent '{d['id']}' answer"
        if kind not in ANSWER_KINDS:
            self.problem(file, line, f"{where} '{text}' has unknown kind '{kind}' (known: {', '.join(ANSWER_KINDS)})")
            return None
        tables = {
            "topic": (topics, "topic"),
            "drug": (dict.fromkeys(DRUG_ATTRIBUTES), "drug attribute"),
            "lookup": ({**lookups, **dict.fromkeys(LOOKUP_TARGETS_EXTRA)}, "lookup"),
            "chitchat": (chitchat, "chitchat reply"),
        }
        if kind in tables:
            table, what = tables[kind]
            if not self.ref(file, line, target, table, what, where):
                return None
        return Answer(kind, target)

    def check_patterns(self, file: str, patterns: Any, what: str) -> None:
        for i, pattern in enumerate(patterns):
            try:
                re.compile(pattern)
            except re.error as err:
                line = patterns.line_of(i) if hasattr(patterns, "line_of") else line_of(patterns)
                self.problem(file, line, f"{what} {pattern!r} is not a valid regular expression: {err}")

    def build_safety(self, safety_texts) -> list[SafetyRule]:
        rules = []
        for file, d in self.unique(self.records(self.i, "safety_rules"), "safety rule"):
            responses = {**safety_texts, "fallback": None}  # "fallback": the standard can't-answer reply
            self.ref(file, d.line_of("response"), d["response"], responses, "safety response", f"safety rule '{d['id']}'")
            self.check_patterns(file, d["patterns"], f"safety rule '{d['id']}' pattern")
            rules.append(SafetyRule(d["id"], d["response"], tuple(d["patterns"]), d.get("fallback", False), file, d.line))
        return rules


    def build_side_effect_words(self, side_effects) -> tuple[tuple[SideEffectWords, ...], tuple[UnnamedCondition, ...]]:
        words = []
        for file, d in self.records(self.k, "side_effect_words"):
            for i, term in enumerate(d["terms"]):
                self.ref(file, d["terms"].line_of(i), term, side_effects, "side effect", "side_effect_words entry")
            words.append(SideEffectWords(tuple(d["words"]), tuple(d["terms"])))
        unnamed = []
        for file, d in self.records(self.k, "unnamed_conditions"):
            self.ref(file, d.line_of("broader"), d["broader"], side_effects, "side effect", f"unnamed condition '{d['names'][0]}'")
            unnamed.append(UnnamedCondition(tuple(d["names"]), d["broader"]))
        return tuple(words), tuple(unnamed)

    # message kinds -----------------------------------------------------
    def build_concepts(self, side_effects) -> list[Concept]:
        concepts = []
        for file, d in self.unique(self.records(self.i, "concepts"), "concept"):
            where = f"concept '{d['id']}'"
            for i, term in enumerate(d["terms"]):
                try:
                    parse_term(str(term), _fold)
                except TermError as err:
                    self.problem(file, d["terms"].line_of(i), f"{where} term '{term}': {err}")
            for i, effect in enumerate(d.get("related", ())):
                self.ref(file, d["related"].line_of(i), effect, side_effects, "side effect", where)
            concepts.append(Concept(d["id"], tuple(str(t) for t in d["terms"]), tuple(d.get("tags", ())),
                                    tuple(d.get("related", ())), file, d.line, d.get("says")))
        return concepts

    def build_kind_rules(self, concepts: list[Concept]) -> list[KindRule]:
        names = {c.id for c in concepts} | {t for c in concepts for t in c.tags}
        rules = []
        for file, d in self.unique(self.records(self.i, "kind_rules"), "kind rule"):
            where = f"kind rule '{d['id']}'"
            self.ref(file, d.line_of("kind"), d["kind"], dict.fromkeys(KINDS), "message kind", where)
            conditions = ("any", "with", "together", "reported", "unless", "several", "unless_reported", "unless_said", "opens")
            if not any(d.get(key) for key in conditions if not key.startswith("unless")):
                self.problem(file, d.line, f"{where} needs at least one of: any, with, together, reported, several, opens")
            for key in conditions:
                for i, name in enumerate(d.get(key, ())):
                    self.ref(file, d[key].line_of(i), name, dict.fromkeys(names), "concept or tag", f"{where} '{key}'")
            rules.append(KindRule(d["id"], d["kind"], _clean(d["why"]), *(tuple(d.get(key, ())) for key in conditions),
                                  weak=bool(d.get("weak", False)), asks=bool(d.get("asks", False)),
                                  file=file, line=d.line))
        return rules


@lru_cache(maxsize=None)
def _fold(word: str) -> str:
    """How a term's word is folded for checking (the bot folds it with its own normaliser)."""
    return " ".join(map(without_accents, NON_WORD.sub(" ", word.casefold().replace("'", "").replace("\u2019", "")).split()))


def _texts(value: Any) -> Iterable[tuple[str, int]]:
    """Every text inside a parsed value, with its line."""
    if isinstance(value, LineDict):
        items: Iterable[tuple[Any, int]] = ((v, value.line_of(k)) for k, v in value.items())
    elif isinstance(value, LineList):
        items = ((v, value.line_of(i)) for i, v in enumerate(value))
    else:
        return
    for item, line in items:
        if isinstance(item, str):
            yield item, line
        else:
            yield from _texts(item)


def _clean(text: str) -> str:
    """Fold YAML line breaks inside paragraphs but keep numbered-list lines."""
    lines = [" ".join(line.split()) for line in str(text).strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if out and line and not re.match(r"^\d+\.\s", line) and not out[-1].endswith(":"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _placeholders(text: str) -> Iterable[str]:
    return (name for _, name, _, _ in string.Formatter().parse(text) if name)


def check_content(root: str | os.PathLike[str] | None = None,
                  with_models: bool = True) -> tuple[Content | None, list[Problem]]:
    """Load and check; return (content or None, every problem found). Without
    ``with_models`` the learned models' files are not read (`her2bot train`
    rewrites them, damaged or not)."""
    path = resolve_root(root)
    knowledge, problems = read_sections(path, "knowledge", schema.KNOWLEDGE_SECTIONS)
    intents, more = read_sections(path, "intents", schema.INTENT_SECTIONS)
    problems += more
    if problems:
        return None, sorted(problems)
    models, more = load_models(path / "intents", _display(path / "intents", path)) if with_models else ({}, [])
    if more:
        return None, sorted(more)
    builder = _Builder(knowledge, intents)
    content = builder.build(path)
    if content is not None and models:
        content = dataclasses.replace(content, learned_kinds=models)
    return content, sorted(builder.problems)


def load_content(root: str | os.PathLike[str] | None = None) -> Content:
    content, problems = check_content(root)
    if problems or content is None:
        raise ContentError(problems)
    return content

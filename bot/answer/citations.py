"""Citations: where on the fact sheet the facts of a reply can be found.

Built from a reply's ``sources`` (knowledge entry ids) and the ``section``
every knowledge entry names, never from the sheet's own sentences: a
citation NAMES a place a person can find on the printed sheet, such as
``{"section": "HER2-targeted therapy drugs for MBC (table)",
"detail": "Enhertu — Brand name and (how given)"}``.

Any source id of the form ``<kind>:<id>[:<attribute>]`` is resolved the
same way: ``drug:…`` becomes table cells (the column follows from the
attribute in the id, else from the answered intent), ``lookup:…`` a table
column, and every other kind (``topic:…``, ``kind:…``, ``monitoring:…``,
or one added later) is looked up in the content's collection of that name
and cited from its entry's ``section``. Entries with no section (fixed
replies such as ``safety:…``, ``chitchat:…``, the ``helpline`` contact
details) state no sheet fact and get no citation; fallbacks get none.
"""

from __future__ import annotations

import re
import threading
from typing import Any, Iterable, Mapping

from bot.content.model import Answer, Content, Drug
from bot.reply import Citation

# The sheet's drug table: its name (as the sheet refers to it) and the
# headings of its four columns. These name places; they state no fact.
TABLE = "HER2-targeted therapy drugs for MBC (table)"
NAME_COLUMN = "Drug name"
BRAND_COLUMN = "Brand name and (how given)"
USE_COLUMN = "When treatment is used"
SIDE_EFFECT_COLUMN = "Some possible side effects"
WHOLE_ROW = "the whole row"

# Which columns hold the facts of each kind of drug answer.
DRUG_COLUMNS: dict[str, tuple[str, ...]] = {
    "overview": (WHOLE_ROW,),
    "how_given": (BRAND_COLUMN,),
    "used_for": (USE_COLUMN,),
    "side_effects": (SIDE_EFFECT_COLUMN,),
    "side_effect_check": (SIDE_EFFECT_COLUMN,),
    "names": (NAME_COLUMN, BRAND_COLUMN),
    "pronunciation": (NAME_COLUMN,),
    "kind": (NAME_COLUMN,),
}
LOOKUP_COLUMNS: dict[str, tuple[str, ...]] = {
    "pills": (BRAND_COLUMN,),
    "iv": (BRAND_COLUMN,),
    "under_skin": (BRAND_COLUMN,),
    "side_effect": (SIDE_EFFECT_COLUMN,),
    "contains_trastuzumab": (BRAND_COLUMN, SIDE_EFFECT_COLUMN),
    "brain": (USE_COLUMN,),
    "her2_low": (USE_COLUMN,),
    "adc": (NAME_COLUMN,),
    "antibody": (NAME_COLUMN,),
    "tki": (NAME_COLUMN,),
    "all": (NAME_COLUMN,),
}
# Vocabulary entries that carry no section of their own live in one column.
TERM_COLUMNS = {"side_effect": SIDE_EFFECT_COLUMN, "route": BRAND_COLUMN, "situation": USE_COLUMN}

_TABLE_PLACE = re.compile(r"^Table,\s*(?P<group>[^:]+?)\s*(?::\s*(?P<row>.+))?$")
_FOOTNOTE = re.compile(r"^Table footnote\s+(?P<mark>\S+)$")
_NOTE = re.compile(r"^(?P<section>.+?)\s*\((?P<note>[^()]+)\)$")
_CACHE_SIZE = 4096


def places(section: str) -> list[str]:
    """A knowledge entry's section names one or more places, split by ';'."""
    return [p.strip() for p in section.split(";") if p.strip()]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(items: Iterable[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _label(entry: Any, key: str) -> str:
    for attribute in ("title", "plural", "name"):
        value = getattr(entry, attribute, None)
        if isinstance(value, str) and value:
            return value
    return key


class Citer:
    """Turns (sources, intent) into citations for one loaded content.

    Results are remembered (bounded): answers repeat, and a reply's sources
    and intent decide its citations completely.
    """

    def __init__(self, content: Content) -> None:
        self.c = content
        self._cache: dict[tuple[tuple[str, ...], str | None], tuple[Citation, ...]] = {}
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"c": self.c}  # remembered citations and the lock are per process

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["c"])

    def cite(self, sources: Iterable[str], intent: str | None = None, fallback: bool = False) -> tuple[Citation, ...]:
        if fallback:
            return ()
        key = (tuple(sources), intent)
        found = self._cache.get(key)
        if found is None:
            found = self._build(*key)
            with self._lock:
                if len(self._cache) >= _CACHE_SIZE:
                    self._cache.clear()
                self._cache[key] = found
        return found

    # ------------------------------------------------------------ building
    def _build(self, sources: tuple[str, ...], intent: str | None) -> tuple[Citation, ...]:
        answer = self.c.intent_by_id[intent].answer if intent in self.c.intent_by_id else None
        out: list[Citation | tuple[str, ...]] = []  # a tuple is a table column, filled in below
        cells: dict[tuple[str, ...], list[str]] = {}

        def cell(column: str, names: Iterable[str]) -> None:
            slot = (TABLE, column)
            if slot not in cells:
                cells[slot] = []
                out.append(slot)
            cells[slot].extend(names)

        def add(citation: Citation) -> None:
            if citation not in out:
                out.append(citation)

        for source in sources:
            kind, _, rest = source.partition(":")
            key, _, attribute = rest.partition(":")
            if kind == "drug":
                drug = self.c.drug_by_id.get(key)
                if drug is None:
                    continue
                columns = DRUG_COLUMNS.get(attribute, (WHOLE_ROW,)) if attribute else self._columns(answer)
                for column in columns:
                    cell(column, drug.brand_names)
                if WHOLE_ROW in columns:
                    for citation in self._outside_table(drug):
                        add(citation)
            elif kind == "lookup":
                for column in self._lookup_columns(key):
                    cell(column, ())
            else:
                for citation in self._entry_citations(kind, key):
                    add(citation)

        result: list[Citation] = []
        for item in out:
            if isinstance(item, Citation):
                result.append(item)
                continue
            names = cells[item]
            detail = f"{_names(names)} — {item[1]}" if names else item[1]
            result.append(Citation(item[0], detail))
        return tuple(result)

    def _columns(self, answer: Answer | None) -> tuple[str, ...]:
        """Table columns for a drug source named without an attribute."""
        if answer is not None and answer.kind == "drug":
            return DRUG_COLUMNS.get(answer.target, (WHOLE_ROW,))
        if answer is not None and answer.kind == "lookup":
            return self._lookup_columns(answer.target)
        return (WHOLE_ROW,)

    def _lookup_columns(self, target: str) -> tuple[str, ...]:
        if target in LOOKUP_COLUMNS:
            return LOOKUP_COLUMNS[target]
        if target in self.c.situations:
            return (USE_COLUMN,)
        return (WHOLE_ROW,)

    def _outside_table(self, drug: Drug) -> list[Citation]:
        """The other sections a drug's entry draws on (e.g. Biosimilars)."""
        label = _names(drug.brand_names)
        return [self._place(p, label) for p in places(drug.section) if not p.startswith("Table")]

    def _entry_citations(self, kind: str, key: str) -> list[Citation]:
        entry = self._entry(kind, key)
        if entry is None:
            return []
        section = getattr(entry, "section", None)
        if isinstance(section, str) and section:
            return [self._place(p, _label(entry, key)) for p in places(section)]
        if kind in TERM_COLUMNS and getattr(entry, "listed", True):
            return [Citation(TABLE, f"{TERM_COLUMNS[kind]} — {_label(entry, key)}")]
        return []

    def _entry(self, kind: str, key: str) -> Any:
        """The content entry a source names: `topic:x` -> content.topics["x"]."""
        if not key:
            return None
        for name in (kind, kind + "s"):
            collection = getattr(self.c, name, None)
            if isinstance(collection, Mapping):
                return collection.get(key)
        return None

    @staticmethod
    def _place(place: str, label: str) -> Citation:
        """One named place: a table footnote, a table heading, a section
        with a note such as "(first paragraph)", or a plain section."""
        footnote = _FOOTNOTE.match(place)
        if footnote:
            return Citation(TABLE, f"Footnote {footnote['mark']}")
        table = _TABLE_PLACE.match(place)
        if table:
            row = f" — {table['row']}" if table["row"] else ""
            return Citation(TABLE, f"Heading: {table['group']}{row}")
        note = _NOTE.match(place)
        if note:
            return Citation(_capitalise(note["section"]), note["note"])
        return Citation(_capitalise(place), label)

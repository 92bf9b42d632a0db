"""Stage 6: build the words of every answer from the knowledge base.

Nothing medical is written here: every fact comes from a knowledge entry, and
every sentence pattern from ``knowledge/templates.yaml`` or
``knowledge/responses.yaml``. Each rendered answer lists the knowledge ids it
used (``sources``) and the follow-up questions to offer (``suggestions``).
``all_answers()`` renders everything the content can produce, which
``her2bot check`` uses to catch template mistakes and to grade readability.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Iterable, Iterator

from bot.content.model import Content, Drug

DRUG_ATTRIBUTE_SUGGESTIONS = ("overview", "side_effects", "how_given", "used_for")
# The replies (knowledge/responses.yaml) that tell the reader to call now, and the
# numbers they give, in the text's order; `her2bot check` holds each text to them.
CALLS = {"safety.crisis": ("988", "911"), "safety.emergency": ("911",), "fallback_other_language": ("911", "988")}


@dataclass(frozen=True)
class Rendered:
    text: str
    sources: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    calls: tuple[str, ...] = ()  # the numbers to call now it gives (CALLS)


class TemplateError(Exception):
    """A template names a placeholder the renderer does not provide."""


def join_words(items: Iterable[str], last: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def is_are(name: str) -> str:
    """The verb for a side-effect name: 'hair loss is', 'lung problems are'."""
    words = name.split(" (")[0].split()
    plural = " and " in name or (words[-1].endswith("s") and not words[-1].endswith("ss"))
    return "are" if plural else "is"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _fill(template: str, /, **values: str) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    missing = names - values.keys()
    if missing:
        raise TemplateError(f"unknown placeholder(s) {', '.join(sorted(missing))} in template {template!r}")
    return template.format(**values)


class Renderer:
    def __init__(self, content: Content) -> None:
        self.c = content
        h = content.helpline
        self.helpline_sentence = _fill(
            content.responses["helpline_sentence"], phone_words=h.phone_words, phone=h.phone, web=h.web
        )

    # ------------------------------------------------------------ helpers
    def t(self, template: str, /, **values: str) -> str:
        return _fill(self.c.templates[template], **values)

    def with_helpline(self, text: str) -> str:
        return _fill(text, helpline=self.helpline_sentence) if "{helpline}" in text else text

    def display(self, drug: Drug) -> str:
        return self.t("drug_name", name=drug.name, brands=join_words(drug.brand_names))

    def brand(self, drug: Drug) -> str:
        return drug.brand_names[0]

    def effect_name(self, effect_id: str) -> str:
        return self.c.side_effects[effect_id].name

    def drug_suggestions(self, drug: Drug, skip: str) -> tuple[str, ...]:
        return tuple(
            self.t(f"suggest_{attr}", brand=self.brand(drug))
            for attr in DRUG_ATTRIBUTE_SUGGESTIONS
            if attr != skip
        )[:3]

    def brand_sentences(self, drug: Drug) -> str:
        out = []
        for b in drug.brands:
            out.append(self.t("brand_sentence", brand=b.name, how=self.c.routes[b.route].how))
            if b.note:
                out.append(b.note)
        return " ".join(out)

    def monitoring_notes(self, drug: Drug, only: str | None = None) -> tuple[list[str], list[str]]:
        """Notes and monitoring texts for a drug's side effects (all, or one)."""
        notes, sources = [], []
        for se in drug.side_effects:
            if only is not None and se.id != only:
                continue
            if se.note:
                notes.append(se.note)
            mon = self.c.side_effects[se.id].monitoring
            if mon and self.c.monitoring[mon].text not in notes:
                notes.append(self.c.monitoring[mon].text)
                sources.append(f"monitoring:{mon}")
        return notes, sources

    # ------------------------------------------------------------ answers
    def topic(self, topic_id: str) -> Rendered:
        topic = self.c.topics[topic_id]
        return Rendered(topic.answer, (f"topic:{topic_id}",), topic.suggestions)

    def chitchat(self, name: str) -> Rendered:
        return Rendered(self.with_helpline(self.c.chitchat[name]), (f"chitchat:{name}",), self.c.fallback_suggestions if name == "help" else ())

    def drug(self, attribute: str, drug: Drug, side_effect: str | None = None, other: Drug | None = None) -> Rendered:
        name = self.display(drug)
        sources = [f"drug:{drug.id}"]
        kind = self.c.kinds[drug.kind]
        if attribute == "overview":
            parts = [self.t("kind", drug=name, kind=kind.name, kind_explain=kind.explain), self.brand_sentences(drug), *drug.used_for, *drug.notes]
            sources.append(f"kind:{kind.id}")
        elif attribute == "side_effects":
            listed = join_words(self.effect_name(se.id) for se in drug.side_effects)
            notes, more = self.monitoring_notes(drug)
            parts = [self.t("side_effects", drug=name, list=listed), *notes]
            sources += more
        elif attribute == "side_effect_check" and side_effect is not None:
            return self.side_effect_check(drug, side_effect)
        elif attribute == "side_effect_check":
            return self.drug("side_effects", drug)
        elif attribute == "how_given":
            parts = [self.brand_sentences(drug)]
            if drug.given_with:
                others = join_words(self.c.drug_by_id[d].name for d in drug.given_with)
                parts.append(self.t("given_with", name=capitalise(drug.name), others=others))
        elif attribute == "used_for":
            parts = [self.t("used_for", drug=name, used_for=" ".join(drug.used_for))]
        elif attribute == "kind":
            parts = [self.t("kind", drug=name, kind=kind.name, kind_explain=kind.explain)]
            if drug.contains_trastuzumab:
                parts.append(self.t("contains_trastuzumab", name=capitalise(drug.name)))
            sources.append(f"kind:{kind.id}")
        elif attribute == "pronunciation":
            parts = [self.t("pronunciation", name=capitalise(drug.full_name or drug.name), pronunciation=drug.pronunciation)]
        elif attribute == "names":
            return self.names(drug, other)
        elif attribute == "contains":
            return self.contains([drug], (), "trastuzumab")
        elif attribute == "monitoring":
            notes, more = self.monitoring_notes(drug)
            checks = [n for n in notes if n in {m.text for m in self.c.monitoring.values()}]
            parts = [self.t("drug_name", name=capitalise(drug.name), brands=join_words(drug.brand_names)) + ":", *checks] \
                if checks else [self.t("monitoring_none", drug=name)]
            sources += more
        elif attribute == "brain":
            parts = [self.t("brain_yes" if drug.reaches_brain else "brain_unknown", drug=name)]
        else:
            raise ValueError(f"unknown drug attribute {attribute!r}")
        return Rendered(" ".join(capitalise(p) for p in parts if p), tuple(sources), self.drug_suggestions(drug, attribute))

    def side_effect_check(self, drug: Drug, effect_id: str) -> Rendered:
        name = self.display(drug)
        effect = self.effect_name(effect_id)
        sources = [f"drug:{drug.id}", f"side_effect:{effect_id}"]
        if effect_id in drug.side_effect_ids:
            notes, more = self.monitoring_notes(drug, only=effect_id)
            text = " ".join([self.t("side_effect_yes", drug=name, effect=effect), *notes])
            sources += more
        else:
            listed = join_words(self.effect_name(se.id) for se in drug.side_effects)
            text = self.t("side_effect_no", drug=name, effect=capitalise(effect), list=listed, is_are=is_are(effect))
        suggestions = (self.t("suggest_side_effects", brand=self.brand(drug)), self.t("suggest_lookup_side_effect", effect=effect))
        return Rendered(text, tuple(sources), suggestions)

    def names(self, drug: Drug, other: Drug | None = None, products: tuple[tuple[str, str], ...] = ()) -> Rendered:
        sources = [f"drug:{drug.id}"]
        own = [name for drug_id, name in products if drug_id == drug.id]
        if other is not None and other.id != drug.id:
            text = self.t("different_drugs", a=capitalise(self.display(drug)), b=self.display(other))
            sources.append(f"drug:{other.id}")
        elif len(own) > 1:  # two products of one drug: "is Perjeta the same as Phesgo?"
            brands = [b for b in drug.brands if b.name in own]
            same = all(not b.also_contains for b in brands)
            first = self.t("same_drug_products" if same else "different_products", a=own[0], b=own[1], name=drug.name)
            text = " ".join([first, *(" ".join([self.t("brand_sentence", brand=b.name, how=self.c.routes[b.route].how), b.note or ""]).strip()
                                       for b in brands)])
        elif other is not None:  # two names of one drug: "is T-DM1 the same as Kadcyla?"
            text = " ".join([self.t("same_drug", drug=self.display(drug)), self.brand_sentences(drug)])
        else:
            parts = [self.t("generic_brands", name=capitalise(drug.full_name or drug.name), brands=join_words(drug.brand_names))]
            if drug.full_name:
                parts.append(self.t("short_name", full=capitalise(drug.full_name), name=drug.name))
            text = " ".join(parts)
        return Rendered(text, tuple(sources), self.drug_suggestions(drug, "names"))

    def lookup(self, target: str, side_effect: str | None = None) -> Rendered:
        drugs = self.c.drugs
        if target == "side_effect":
            if side_effect is None:
                return Rendered(self.t("ask_side_effect"), (), tuple(
                    self.t("suggest_lookup_side_effect", effect=self.effect_name(e)) for e in ("heart_problems", "lung_problems", "liver_problems")))
            effect = self.effect_name(side_effect)
            match = [d for d in drugs if side_effect in d.side_effect_ids]
            if not match:
                return Rendered(self.t("lookup_side_effect_none", effect=capitalise(effect), is_are=is_are(effect)), (), self.c.fallback_suggestions)
            listing = self._listing(self.t("lookup_side_effect", effect=effect, drugs=join_words(self.display(d) for d in match)), match)
            return Rendered(listing.text, (*listing.sources, f"side_effect:{side_effect}"), listing.suggestions)
        if target in ("pills", "iv", "under_skin"):
            route = {"pills": "pill", "iv": "iv", "under_skin": "under_skin"}[target]
            brands = [(d, b) for d in drugs for b in d.brands if b.route == route]
            listed = join_words(f"{b.name} ({d.name})" for d, b in brands)
            notes = [b.note for _, b in brands if b.note]
            return self._listing(" ".join([_fill(self.c.lookups[target], drugs=listed), *notes]), [d for d, _ in brands])
        tests = {
            "brain": lambda d: d.reaches_brain,
            "adc": lambda d: d.kind == "adc",
            "antibody": lambda d: d.kind == "antibody",
            "tki": lambda d: d.kind == "tki",
            "contains_trastuzumab": lambda d: d.contains_trastuzumab,
            "her2_low": lambda d: d.her2_low,
            "all": lambda d: True,
        }
        if target in tests:
            match = [d for d in drugs if tests[target](d)]
        else:  # a situation id: trastuzumab_taxane, two_her2, ...
            match = [d for d in drugs if target in d.used_after]
        if not match:
            return Rendered(self.t("lookup_empty"), (), self.c.fallback_suggestions)
        return self._listing(_fill(self.c.lookups[target], drugs=join_words(self.display(d) for d in match)), match)

    def _listing(self, text: str, drugs: list[Drug]) -> Rendered:
        unique = list(dict.fromkeys(drugs))
        return Rendered(
            text,
            tuple(f"drug:{d.id}" for d in unique),
            tuple(self.t("suggest_overview", brand=self.brand(d)) for d in unique[:3]),
        )

    def compare(self, a: Drug, b: Drug) -> Rendered:
        if a.id == b.id:
            return self.names(a, b)
        da, db = self.display(a), self.display(b)
        sa, sb = a.brand_names[0], b.brand_names[0]
        ka, kb = self.c.kinds[a.kind], self.c.kinds[b.kind]

        lines = [
            capitalise(self.t("compare_intro", a=da, b=db)),
            "- " + self.t("compare_row_kind", a=sa, b=sb, kind_a=ka.name, kind_b=kb.name),
            "- " + self.t("compare_row_route", a=sa, b=sb,
                          route_a=join_words((self.c.routes[r].how for r in a.routes), "or"),
                          route_b=join_words((self.c.routes[r].how for r in b.routes), "or")),
            "- " + self.t("compare_row_use", a=sa, b=sb, use_a=" ".join(a.used_for), use_b=" ".join(b.used_for)),
            "- " + self.t("compare_row_side_effects", a=sa, b=sb,
                          se_a=join_words(self.effect_name(s) for s in a.side_effect_ids),
                          se_b=join_words(self.effect_name(s) for s in b.side_effect_ids)),
        ]
        suggestions = (self.t("suggest_overview", brand=sa), self.t("suggest_overview", brand=sb))
        return Rendered("\n".join(lines), (f"drug:{a.id}", f"drug:{b.id}"), suggestions)

    # ------------------------------------------------------- fixed replies
    def safety(self, response: str, listed: tuple[tuple[str, str], ...] = ()) -> Rendered:
        """A safety reply; for a symptom report, then what the sheet lists for
        the symptom and drug, and that only the care team can tell the cause."""
        parts = [self.with_helpline(self.c.responses[f"safety.{response}"])]
        sources = [f"safety:{response}"]
        for drug_id, effect in listed:
            drug = self.c.drug_by_id[drug_id]
            parts.append(self.t("report_listed", effect=self.effect_name(effect), drug=self.display(drug)))
            sources.append(f"drug:{drug_id}")
        if listed:
            parts.append(self.t("report_cause"))
        if "{helpline}" in self.c.responses[f"safety.{response}"]:
            sources.append("helpline")
        return Rendered(" ".join(parts), tuple(dict.fromkeys(sources)), (), CALLS.get(f"safety.{response}", ()))

    def outside(self, what: list[str]) -> Rendered:
        """The sheet does not cover these (names of other medicines, ...): say so plainly."""
        text = _fill(self.c.templates["outside_sheet"], what=join_words(what), helpline=self.helpline_sentence)
        return Rendered(text, ("helpline",), self.c.fallback_suggestions)

    def joined_all(self, parts: list[Rendered]) -> Rendered:
        """Several answers as one reply, a short section each."""
        if len(parts) == 1:
            return parts[0]
        sources = tuple(dict.fromkeys(s for p in parts for s in p.sources))
        suggestions = tuple(dict.fromkeys(s for p in parts for s in p.suggestions))[:3]
        calls = tuple(dict.fromkeys(c for p in parts for c in p.calls))
        return Rendered("\n\n".join(p.text for p in parts), sources, suggestions, calls)

    def not_covered(self, what: list[str]) -> Rendered:
        return Rendered(self.t("not_covered", what=join_words(what)), (), ())

    def side_effect_checks(self, drugs: list[Drug], effects: list[str], unnamed: dict[str, str],
                           how_common: bool = False) -> Rendered:
        """Each drug and each side effect asked about; a condition the sheet
        does not name is said to be so, with the sheet's broader term."""
        if len(drugs) == 1 and len(effects) == 1 and not unnamed and not how_common:
            return self.side_effect_check(drugs[0], effects[0])
        lines: list[str] = []
        sources: list[str] = []
        for condition, broader in unnamed.items():
            lines.append(self.t("unnamed_condition", condition=condition, effect=self.effect_name(broader)))
        for drug in drugs:
            name = self.display(drug)
            sources.append(f"drug:{drug.id}")
            missing = []
            for effect in effects:
                sources.append(f"side_effect:{effect}")
                if effect in drug.side_effect_ids:
                    notes, more = self.monitoring_notes(drug, only=effect)
                    lines.append(" ".join([self.t("side_effect_listed", effect=self.effect_name(effect), drug=name), *notes]))
                    sources += more
                else:
                    missing.append(effect)
            if missing:
                names = join_words(self.effect_name(e) for e in missing)
                lines.append(" ".join([
                    self.t("side_effect_not_listed", effect=capitalise(names), is_are=is_are(names) if len(missing) == 1 else "are", drug=name),
                    self.t("side_effects_listed_are", drug=drug.brand_names[0], list=join_words(self.effect_name(se.id) for se in drug.side_effects)),
                ]))
        if how_common and not any(se.note for d in drugs for se in d.side_effects if se.id in effects):
            lines.append(self.t("how_common_unknown"))
        if any(e not in d.side_effect_ids for d in drugs for e in effects) or unnamed:
            lines.append(self.t("ask_doctor"))
        suggestions = tuple(self.t("suggest_side_effects", brand=self.brand(d)) for d in drugs[:2])
        return Rendered("\n\n".join(lines), tuple(dict.fromkeys(sources)), suggestions)

    def contains(self, drugs: list[Drug], products: tuple[tuple[str, str], ...], ingredient_id: str) -> Rendered:
        """Does it contain trastuzumab? Yes or no per product, from the sheet."""
        ingredient = self.c.drug_by_id[ingredient_id].name if ingredient_id in self.c.drug_by_id else ingredient_id
        lines: list[str] = []
        for drug in drugs:
            named = [b for b in drug.brands if (drug.id, b.name) in products]
            for brand in named or list(drug.brands):
                inside = {drug.id, *brand.also_contains} | ({"trastuzumab"} if drug.contains_trastuzumab else set())
                if ingredient_id == drug.id:
                    lines.append(self.t("contains_is", product=brand.name, ingredient=ingredient))
                elif ingredient_id in inside:
                    lines.append(" ".join([self.t("contains_yes", product=brand.name, ingredient=ingredient), brand.note or ""]).strip())
                elif ingredient_id in drug.given_with:
                    lines.append(self.t("contains_no_given_with", product=brand.name, name=drug.name, ingredient=ingredient))
                    lines += [b.note for b in drug.brands if ingredient_id in b.also_contains and b.note and b not in named
                              and named]  # "...and Phesgo holds both in one shot"
                else:
                    lines.append(self.t("contains_unknown", product=brand.name, ingredient=ingredient))
        sources = tuple(f"drug:{d.id}" for d in drugs)
        return Rendered("\n".join(lines), sources, self.drug_suggestions(drugs[0], "contains"))

    def compare_many(self, drugs: list[Drug]) -> Rendered:
        """Two or more drugs side by side."""
        if len(drugs) == 2:
            return self.compare(drugs[0], drugs[1])
        if len(drugs) < 2:
            return self.drug("overview", drugs[0])
        rows = [self.t("compare_row", brand=d.brand_names[0], text=" ".join([
            self.t("kind", drug=self.display(d), kind=self.c.kinds[d.kind].name, kind_explain=""),
            self.brand_sentences(d), *d.used_for,
            self.t("side_effects", drug=d.brand_names[0], list=join_words(self.effect_name(s) for s in d.side_effect_ids))]).replace("  ", " "))
            for d in drugs]
        return Rendered("\n".join("- " + r for r in rows), tuple(f"drug:{d.id}" for d in drugs),
                        tuple(self.t("suggest_overview", brand=d.brand_names[0]) for d in drugs[:3]))

    def joined(self, first: Rendered, then: Rendered) -> Rendered:
        """Two parts in one reply, in this order."""
        return Rendered(f"{first.text}\n\n{then.text}", tuple(dict.fromkeys(first.sources + then.sources)),
                        first.suggestions or then.suggestions, tuple(dict.fromkeys(first.calls + then.calls)))

    def fallback(self, unreadable: bool = False, told: bool = False) -> Rendered:
        """The can't-answer reply; for a message mostly in words the bot can't read, the one
        that says so and gives 911 and 988 first (it may hold what the bot could not see);
        for a message that tells and asks nothing, thanks instead of "I can't answer that"."""
        intro = self.c.responses["fallback_topics_intro"]
        topics = "\n".join(f"- {s}" for s in self.c.fallback_suggestions)
        name = "fallback_other_language" if unreadable else "fallback_told" if told else "fallback"
        text = f"{self.with_helpline(self.c.responses[name])}\n{intro}\n{topics}"
        return Rendered(text, ("helpline",), self.c.fallback_suggestions, CALLS.get(name, ()))

    def clarify(self, questions: tuple[str, ...]) -> Rendered:
        """"Did you mean...?" with the options in the text too: a channel that shows only text must work."""
        options = "\n".join(f"- {q}" for q in questions)
        return Rendered(f"{self.c.responses['clarify']}\n{options}", (), questions)

    def ask_drug(self) -> Rendered:
        return Rendered(self.c.responses["ask_drug"], (), tuple(self.brand(d) for d in self.c.drugs))

    def fixed(self, name: str) -> Rendered:
        return Rendered(self.with_helpline(self.c.responses[name]), (), ())

    # ------------------------------------------------------- everything
    def all_answers(self) -> Iterator[tuple[str, Rendered]]:
        """Every answer the content can produce, labelled (for checks)."""
        from bot.content.model import DRUG_ATTRIBUTES  # local: only the checker needs it

        for topic_id in self.c.topics:
            yield f"topic:{topic_id}", self.topic(topic_id)
        for name in self.c.chitchat:
            yield f"chitchat:{name}", self.chitchat(name)
        for drug in self.c.drugs:
            for attr in DRUG_ATTRIBUTES:
                yield f"drug:{drug.id}:{attr}", self.drug(attr, drug)
            yield f"checks:{drug.id}", self.side_effect_checks([drug], ["rash", "hair_loss"], {"hives": "rash"}, True)
            for effect in self.c.side_effects:
                yield f"drug:{drug.id}:side_effect_check:{effect}", self.side_effect_check(drug, effect)
        for target in self.c.lookups:
            yield f"lookup:{target}", self.lookup(target)
        for effect in self.c.side_effects:
            yield f"lookup:side_effect:{effect}", self.lookup("side_effect", effect)
        for i, a in enumerate(self.c.drugs):
            for b in self.c.drugs[i + 1 :]:
                yield f"compare:{a.id}:{b.id}", self.compare(a, b)
                yield f"names:{a.id}:{b.id}", self.names(a, b)
        for key in self.c.responses:
            if key.startswith("safety."):
                yield key, self.safety(key.removeprefix("safety."))
        for drug in self.c.drugs:
            for effect in drug.side_effect_ids:
                yield f"safety.symptom_report:{drug.id}:{effect}", self.safety("symptom_report", ((drug.id, effect),))
        yield "fallback", self.fallback()
        yield "fallback_other_language", self.fallback(unreadable=True)
        yield "fallback_told", self.fallback(told=True)
        yield "outside", self.outside(["that medicine"])
        yield "ask_drug", self.ask_drug()

"""The question frame: everything a question names, not only the first thing.

Runs on messages of kind ``question``, after entities, spelling and the
concept stage. The intent ranking still scores *what* is asked (the
attribute: overview, how given, side effects, contains...); the frame holds
*what about*:

* every drug named, in order, and the product where a brand was named
  ("Phesgo" is pertuzumab's product that also holds trastuzumab);
* a drug named only as an ingredient ("does it contain trastuzumab"), which
  must not become the conversation's drug;
* every side effect, as the sheet's own terms: named directly, through lay
  words ("blood counts" -> three terms), or as the broader term of a
  condition the sheet does not name ("hives" -> rash, and the answer says so);
* HER2 statuses; whether the question points back ("it", "they");
* what lies outside the sheet (another medicine, a cost, a schedule...);
* the form (yes/no, which, compare, list, define) and whether it asks how common.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.model import Content
from bot.understand.concepts import Reading
from bot.understand.entities import Found
from bot.understand.normalise import normalise

ONE = frozenset("it its itself this that same".split())
MANY = frozenset("they them their those these both each all either".split())
CONTAIN = frozenset("contain contains containing contained ingredient ingredients".split())
INSIDE = frozenset("in inside".split())  # "trastuzumab inside kadcyla": the ingredient comes first
FORMS = (
    ("compare", frozenset("compare comparison vs versus difference differences different between".split())),
    ("which", frozenset("which".split())),
    ("yes_no", frozenset("does do is are can could will would has have did".split())),
    ("define", frozenset("what whats".split())),
)
# "what drugs ...", "what meds ..." ask "which"
GROUP_NOUNS = frozenset("drugs meds medicines medications treatments therapies ones options pills".split())
HOW_COMMON = (("how", "common"), ("how", "often"), ("how", "likely"), ("how", "rare"), ("how", "many"), ("how", "frequent"))


@dataclass(frozen=True)
class Frame:
    drugs: tuple[str, ...] = ()
    products: tuple[tuple[str, str], ...] = ()  # (drug id, brand name) for each brand named
    ingredient: str | None = None
    repeated: bool = False  # one drug named two ways ("is kadcyla the same as t-dm1")
    side_effects: tuple[str, ...] = ()
    unnamed: tuple[tuple[str, str], ...] = ()  # (condition as the sheet would not name it, broader sheet term)
    her2: tuple[str, ...] = ()
    refers: str | None = None  # "one" (it, that drug) or "many" (they, those)
    outside: tuple[str, ...] = ()  # what the sheet does not cover, in words to show
    outside_subject: bool = False  # a subject (costs, schedules...), not only another medicine's name
    form: str = "open"
    how_common: bool = False
    asks_contents: bool = False  # "what's in phesgo", "what is actually in it"

    def describe(self) -> str:
        parts = [f"form={self.form}"]
        for name in ("drugs", "products", "side_effects", "unnamed", "her2", "outside"):
            value = getattr(self, name)
            if value:
                parts.append(f"{name}={list(value)}")
        for name in ("ingredient", "refers"):
            if getattr(self, name):
                parts.append(f"{name}={getattr(self, name)}")
        for name in ("how_common", "asks_contents"):
            if getattr(self, name):
                parts.append(name)
        return " ".join(parts)


class FrameReader:
    """Product names and lay-word tables, built once per Content."""

    def __init__(self, content: Content, outside_names: dict[str, str]) -> None:
        self.content = content
        self.outside_names = outside_names  # concept id -> words to show ("costs or insurance")
        self.products: dict[tuple[str, ...], tuple[str, str]] = {}
        for drug in content.drugs:
            first = normalise(drug.brand_names[0]).split()
            for brand in drug.brands:
                words = tuple(normalise(brand.name).split())
                self.products[words] = (drug.id, brand.name)
                extra = tuple(w for w in words if w not in first)
                if extra and len(drug.brands) > 1:
                    self.products.setdefault(extra, (drug.id, brand.name))  # "hylecta"

    def read(self, found: Found, reading: Reading) -> Frame:
        tokens = list(found.corrected_tokens or found.tokens)
        drug_entities = [e for e in found.entities if e.type == "drug"]
        ingredient = self._ingredient(tokens, drug_entities)
        drugs = tuple(dict.fromkeys(e.value for e in drug_entities if ingredient is None or e is not ingredient[1]))
        products = tuple(dict.fromkeys(
            self.products[key] for e in drug_entities
            if (key := tuple(e.text.split())) in self.products and (ingredient is None or e is not ingredient[1])))
        effects: list[str] = []
        unnamed: list[tuple[str, str]] = []
        for e in found.entities:
            if e.type == "side_effect":
                effects.append(e.value)
            elif e.type == "side_effect_words":
                effects += self.content.side_effect_words[int(e.value)].terms
            elif e.type == "unnamed":
                broader = next(c.broader for c in self.content.unnamed_conditions if c.names[0] == e.value)
                unnamed.append((e.text, broader))
                effects.append(broader)
        words = set(tokens)
        refers = "many" if words & MANY or "any of them" in " ".join(tokens) else "one" if words & ONE else None
        outside_mentions = [m for m in reading.mentions if m.concept in self.outside_names]
        outside = tuple(dict.fromkeys(  # the subject's words, or a medicine's name as written ("Ibrance")
            self.outside_names[m.concept] or m.text.capitalize() for m in outside_mentions))
        return Frame(
            drugs=drugs,
            products=products,
            ingredient=ingredient[0] if ingredient else None,
            repeated=len({e.text for e in drug_entities}) > len(drugs) and len(drugs) == 1 and ingredient is None,
            side_effects=tuple(dict.fromkeys(effects)),
            unnamed=tuple(unnamed),
            her2=tuple(found.values("her2_status")),
            refers=refers,
            outside=outside,
            outside_subject=any(self.outside_names[m.concept] for m in outside_mentions),
            form=self._form(tokens),
            how_common=any((a, b) in HOW_COMMON for a, b in zip(tokens, tokens[1:])),
            asks_contents=self._asks_contents(tokens, drug_entities),
        )

    @staticmethod
    def _ingredient(tokens: list[str], drug_entities) -> tuple[str, object] | None:
        """The drug named after 'contain' when something else is the subject
        ("does it / Phesgo contain trastuzumab")."""
        at = next((i for i, w in enumerate(tokens) if w in CONTAIN), None)
        if at is None:
            return FrameReader._ingredient_in(tokens, drug_entities)
        after = [e for e in drug_entities if e.start > at]
        subject = [e for e in drug_entities if e.start < at] or any(w in ONE or w in MANY for w in tokens[:at])
        return (after[0].value, after[0]) if after and subject else None

    @staticmethod
    def _asks_contents(tokens: list[str], drug_entities) -> bool:
        """'what is in phesgo', 'what's actually in it': what a drug holds."""
        if not tokens or tokens[0] != "what":
            return False
        for i, word in enumerate(tokens[:-1]):
            if word in INSIDE and tokens[i - 1] in ("is", "actually", "exactly", "really", "else"):
                return tokens[i + 1] in ONE or any(e.start == i + 1 for e in drug_entities)
        return False

    @staticmethod
    def _ingredient_in(tokens: list[str], drug_entities) -> tuple[str, object] | None:
        """'is there trastuzumab in enhertu', 'enhertu has herceptin in it',
        'trastuzumab inside kadcyla?': the drug just before 'in' or 'inside' is
        the ingredient, when a drug or 'it' follows."""
        for e in drug_entities:
            if e.end < len(tokens) - 1 and tokens[e.end] in INSIDE:
                follows = tokens[e.end + 1] in ("it", "them") or any(o.start == e.end + 1 for o in drug_entities)
                asks = "there" in tokens[:e.start] or any(o.start < e.start for o in drug_entities)
                if follows and asks:
                    return e.value, e
        return None

    @staticmethod
    def _form(tokens: list[str]) -> str:
        if len(tokens) > 1 and tokens[0] == "what" and tokens[1] in GROUP_NOUNS:
            return "which"
        for form, cues in FORMS:
            if form in ("compare", "which") and any(w in cues for w in tokens):
                return form
            if form not in ("compare", "which") and tokens and tokens[0] in cues:
                return form
        return "open"

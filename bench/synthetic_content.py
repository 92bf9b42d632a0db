"""Synthetic content N times the size of the shipped content, for scaling benchmarks.

``write_content(dest, factor)`` writes a content folder that
``her2bot check --content DEST`` and ``Bot.load(DEST)`` read like the real one:

* ``knowledge/``: copied unchanged (the facts do not grow; no synthetic text
  is ever an answer).
* ``intents/``: the shipped files, with every intent's example phrasings
  grown to about (1 + (N - 1) / 2) times as many: the originals plus variants
  that put a lead-in ("quick question", "i was wondering") before them and a
  tail ("for my mom", "in simple words") after them.
* ``intents/synthetic_NNN.yaml``: (N - 1) / 2 times as many extra intents as
  the shipped ones, each with the shipped average number of phrasings, built
  from question frames and three made-up words of its own; each answers with
  a shipped topic.
* ``tests/conversations/``: the shipped conversation tests, copied.

So N times the content means N times the example phrasings, half of the
growth in the real intents and half in new ones. Files are split so none
comes near the content file size limit. The output depends only on N.

Run: .venv/bin/python bench/synthetic_content.py DEST [--factor N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.understand.normalise import normalise  # noqa: E402
from bot.understand.ranking import FILLER, stem  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MAX_FILE_BYTES = 1_000_000  # half the content file limit (bot/content/loader.py)

# Lead-ins and tails for variants. Only those whose words are neither filler
# nor in any shipped phrasing are used (see `usable`), so a variant never
# turns into another intent's phrasing.
LEAD_INS = (
    "quick question", "i was wondering", "sorry to bother you", "one more thing", "good morning",
    "excuse me", "hello again", "just wondering", "question for you", "hey bot", "ok so", "by the way",
    "forgive me", "random thought", "morning", "evening", "oh wait", "hmm", "pardon me", "second question",
    "my turn", "listen", "bear with me", "new topic", "curious", "erm", "gosh", "ahem", "psst", "yikes",
    "whoa", "oops", "alrighty", "aha", "righto", "quick one", "ahoy",
)
TAILS = (
    "", "cheers", "if possible", "asap", "briefly", "in brief", "merci", "danke", "in summary",
    "short version", "kthx", "much obliged", "when you can", "tia", "pronto", "gracias", "cheerio", "ciao",
    "lol", "xoxo", "imo",
)
FRAMES = (
    "what is {a}", "tell me about {a} and {b}", "how does {a} work", "does {b} help with {c}",
    "is {a} the same as {b}", "why is {c} important", "where can i learn about {a}", "what does {b} mean for {drug}",
    "can {a} affect {side_effect}", "when is {c} used", "who should ask about {a}", "how common is {b}",
    "explain {a} to me", "what should i know about {c}", "is {b} safe with {drug}", "how do i get {a}",
    "what are the kinds of {b}", "does {c} last long", "what happens with {a} and {c}", "{a} {b}",
    "can you describe {c}", "is there {a} for {drug}", "how is {b} checked",
)
SYLLABLES = ("ka", "lo", "vi", "mer", "tan", "zu", "bro", "fel", "quo", "rin", "sa", "dex", "wol", "pri", "gu",
             "nem", "tor", "ya", "hil", "os", "cav", "ju", "pel", "xer")


@dataclass(frozen=True)
class Written:
    intents: int
    examples: int
    files: int


def write_content(dest: Path, factor: int, source: Path = REPO) -> Written:
    """Write content `factor` times the size of `source`'s into `dest` (replaced)."""
    if factor < 1:
        raise ValueError("factor must be 1 or more")
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source / "knowledge", dest / "knowledge")
    shutil.copytree(source / "tests" / "conversations", dest / "tests" / "conversations")
    (dest / "intents").mkdir(parents=True)
    growth = 1 + (factor - 1) / 2
    shipped = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((source / "intents").glob("*.yaml"))]
    words = {w for data in shipped for i in data.get("intents", []) for e in i["examples"] for w in normalise(e).split()}
    leads, tails = usable(LEAD_INS, words), usable(TAILS, words)
    real: list[dict] = []
    shipped_examples = 0
    files = 0
    for path in sorted((source / "intents").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        intents = data.pop("intents", [])
        for intent in intents:
            shipped_examples += len(intent["examples"])
            intent["examples"] = grown(intent["examples"], growth, leads, tails)
        real += intents
        if data:  # safety rules, negation patterns, scope words: as they are
            files += dump(dest / "intents" / path.name, data)
    topics = [t["id"] for t in yaml.safe_load((source / "knowledge" / "topics.yaml").read_text(encoding="utf-8"))["topics"]]
    per_intent = round(shipped_examples / len(real))
    words = MadeUpWords()
    extra = [synthetic_intent(n, topics[n % len(topics)], per_intent, words) for n in range(round(len(real) * (growth - 1)))]
    files += dump_split(dest / "intents", "intents", real)
    files += dump_split(dest / "intents", "synthetic", extra)
    everything = real + extra
    return Written(len(everything), sum(len(i["examples"]) for i in everything), files)


def usable(parts: tuple[str, ...], shipped_words: set[str]) -> list[str]:
    """The lead-ins or tails made only of words that are neither filler nor in a shipped phrasing."""
    out = []
    for part in parts:
        words = set(normalise(part).split())
        if not words & shipped_words and (not words or words - FILLER):
            out.append(part)
    return out


def grown(examples: list[str], growth: float, leads: list[str], tails: list[str]) -> list[str]:
    """The examples plus variants, about `growth` times as many, no two the same."""
    wanted = round(len(examples) * growth)
    out = list(examples)
    seen = set(out)
    combos = [(lead, tail) for tail in tails for lead in leads]
    for lead, tail in combos:
        for example in examples:
            if len(out) >= wanted:
                return out
            variant = " ".join(part for part in (lead, example, tail) if part)
            if variant not in seen:
                seen.add(variant)
                out.append(variant)
    return out


class MadeUpWords:
    """Made-up words, each at least two edits from every other one (no word is a typo of another),
    and each its own stem."""

    def __init__(self) -> None:
        self.rng = random.Random(0)
        self.forms: set[str] = set()

    def next(self) -> str:
        while True:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((3, 4))))
            forms = {word} | {word[:k] + word[k + 1:] for k in range(len(word))}
            if stem(word) == word and not forms & self.forms:  # the ranker's stem would change it
                self.forms |= forms
                return word


def synthetic_intent(n: int, topic: str, examples: int, words: MadeUpWords) -> dict:
    a, b, c = words.next(), words.next(), words.next()
    frames = [FRAMES[(n + k) % len(FRAMES)] for k in range(examples)]
    phrasings = [f.format(a=a, b=b, c=c, drug="{drug}", side_effect="{side_effect}") for f in frames]
    unique = list(dict.fromkeys(phrasings))
    return {"id": f"synthetic_{n:05d}", "answer": f"topic:{topic}", "title": f"About {a}", "examples": unique}


def dump(path: Path, data: dict) -> int:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return 1


def dump_split(folder: Path, stem: str, intents: list[dict]) -> int:
    """Write intents into as many files as it takes to keep each under MAX_FILE_BYTES."""
    files, chunk, size = 0, [], 0
    for intent in intents:
        text = yaml.safe_dump([intent], sort_keys=False, allow_unicode=True, width=1000)
        if chunk and size + len(text) > MAX_FILE_BYTES:
            files += dump(folder / f"{stem}_{files:03d}.yaml", {"intents": chunk})
            chunk, size = [], 0
        chunk.append(intent)
        size += len(text)
    if chunk:
        files += dump(folder / f"{stem}_{files:03d}.yaml", {"intents": chunk})
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--factor", type=int, default=10, help="how many times the shipped content (default 10)")
    args = parser.parse_args()
    written = write_content(args.dest, args.factor)
    print(f"wrote {written.intents} intents, {written.examples} example phrasings in {written.files} file(s) to {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

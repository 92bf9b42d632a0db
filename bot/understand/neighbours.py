"""The message-kind stage's back-up: the nearest example messages.

The rules of intents/kinds.yaml read concepts; a message they do not claim is
compared with a bank of example messages per kind (intents/kind_*.yaml) and
with the intents' own example questions, which stand for "a question". When
the nearest risky example is close enough and clearly nearer than the
nearest question, the message takes that kind: "tell my sister i'm sorry,
she'll understand after friday" is near crisis examples though no single
word says so.

Similarity is rapidfuzz's token-set and token-sort ratios (averaged) over
the normalised words with drug names masked, every word kept ("i", "my" and "me" matter here). To stay cheap
it is computed only for the examples that share the most (rarity-weighted)
words with the message, found through an index built once.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.understand.entities import EntityIndex
from bot.understand.normalise import normalise
from bot.understand.ranking import FILLER, mask_example

QUESTION = "question"
CANDIDATES = 40  # examples scored in full per message
MIN_SHARED = 2  # content words an example must share with the message to count
COMMON_SHARE = 0.08  # a word in more examples than this is not indexed ("the", "i")


@dataclass(frozen=True)
class Nearest:
    kind: str
    score: float  # 0-100, token-set ratio
    example: str
    question_score: float  # the nearest benign example's score


class Neighbours:
    def __init__(self, banks: dict[str, tuple[str, ...]], questions: list[str], entities: EntityIndex) -> None:
        self.texts: list[str] = []
        self.kinds: list[str] = []
        self.shown: list[str] = []
        for kind, examples in banks.items():
            for example in examples:
                self._add(kind, example, entities)
        for question in questions:
            self._add(QUESTION, question, entities)
        counts: dict[str, int] = {}
        for text in self.texts:
            for word in set(text.split()):
                counts[word] = counts.get(word, 0) + 1
        limit = max(2, int(COMMON_SHARE * len(self.texts)))
        # only words that say something: not filler ("i", "about"), not a masked name
        self.weight = {w: math.log(1 + len(self.texts) / n) for w, n in counts.items()
                       if n <= limit and w not in FILLER and not w.startswith("@")}
        self.postings: dict[str, list[int]] = {}
        for index, text in enumerate(self.texts):
            for word in set(text.split()):
                if word in self.weight:
                    self.postings.setdefault(word, []).append(index)

    def _add(self, kind: str, text: str, entities: EntityIndex) -> None:
        masked = mask_example(text, entities) if "{" in text else entities.find(normalise(text)).masked
        if masked:
            self.texts.append(masked)
            self.kinds.append(kind)
            self.shown.append(text)

    def nearest(self, masked: str) -> Nearest | None:
        """The nearest risky example and the nearest question, or None when
        the message shares no rare word with any example."""
        shared: dict[int, float] = {}
        count: dict[int, int] = {}
        for word in dict.fromkeys(masked.split()):  # message order: the same sums and ties on every run
            weight = self.weight.get(word)
            if weight is None:
                continue
            for index in self.postings.get(word, ()):
                shared[index] = shared.get(index, 0.0) + weight
                count[index] = count.get(index, 0) + 1
        if not shared:
            return None
        # ties go to the earlier example, so the pick never depends on the order of a dict
        picked = [i for i, _ in heapq.nlargest(CANDIDATES, shared.items(), key=lambda kv: (kv[1], -kv[0]))]
        texts = [self.texts[i] for i in picked]
        # the set ratio alone gives 100 to any message whose words all occur in a long example
        sets = {i: score for _, score, i in process.extract(masked, texts, scorer=fuzz.token_set_ratio, limit=None)}
        sorts = {i: score for _, score, i in process.extract(masked, texts, scorer=fuzz.token_sort_ratio, limit=None)}
        best: dict[str, tuple[float, int]] = {}
        for position, index in enumerate(picked):
            set_score, sort_score = sets[position], sorts[position]
            kind = self.kinds[index]
            if kind != QUESTION and count[index] < MIN_SHARED:
                continue  # one shared word ("lose") is not enough to call a message a crisis
            score = 0.5 * float(set_score) + 0.5 * float(sort_score)
            if kind not in best or score > best[kind][0]:
                best[kind] = (score, index)
        question = best.pop(QUESTION, (0.0, -1))[0]
        if not best:
            return None
        kind, (score, index) = max(best.items(), key=lambda kv: kv[1][0])
        return Nearest(kind, score, self.shown[index], question)

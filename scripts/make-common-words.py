"""Regenerate bot/understand/data/common_english.txt and rarer_english.txt.

The bot treats a word it has never seen in its own content as a sign that a
question is out of scope ("what is tamoxifen") only when the word is NOT an
everyday English word ("thank you kindly" is fine). common_english.txt is the
top 12,000 English words by frequency from the `wordfreq` package (data under
CC BY-SA 4.0, https://github.com/rspeer/wordfreq), letters only.

rarer_english.txt holds the next words of five letters or more, down to rank
30,000. They are real words, so the spelling stage never "corrects" one into a
word the bot knows: "wellness" is not "weakness", "concussion" is not
"confusion", "raging" is not "racing". Drug names start further down the list
(tamoxifen is near 55,000). Shorter ones are left out: at that rank they are
mostly slang and names ("wat", "sid", "gan"), and a typo lands on them more
often than a writer means them ("wat is" is "what is").

wordfreq is large (55 MB) and only needed to regenerate the lists:
    pip install wordfreq && python scripts/make-common-words.py
"""

from pathlib import Path

from wordfreq import top_n_list

DATA = Path(__file__).resolve().parent.parent / "bot" / "understand" / "data"
COMMON, RARER, RARER_MIN_LETTERS = 12000, 30000, 5
HEADER = """\
# Everyday English words, most frequent first: the top 12,000 words of the
# `wordfreq` package (https://github.com/rspeer/wordfreq, data CC BY-SA 4.0),
# letters only. Regenerate with scripts/make-common-words.py.
"""
RARER_HEADER = """\
# Rarer English words, most frequent first: ranks 12,001-30,000 of the `wordfreq`
# package (https://github.com/rspeer/wordfreq, data CC BY-SA 4.0), letters only,
# five letters or more.
# Real words, never "corrected" into a word the bot knows ("wellness" is not
# "weakness"). Regenerate with scripts/make-common-words.py.
"""

ranked = top_n_list("en", RARER)
common = [w for w in ranked[:COMMON] if w.isascii() and w.isalpha()]
rarer = [w for w in ranked[COMMON:] if w.isascii() and w.isalpha() and len(w) >= RARER_MIN_LETTERS]
(DATA / "common_english.txt").write_text(HEADER + "\n".join(common) + "\n", encoding="utf-8")
(DATA / "rarer_english.txt").write_text(RARER_HEADER + "\n".join(rarer) + "\n", encoding="utf-8")
print(f"wrote {len(common)} everyday and {len(rarer)} rarer words to {DATA}")

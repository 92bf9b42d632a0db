"""Regenerate bot/understand/data/common_english.txt, the list of everyday English words.

The bot treats a word it has never seen in its own content as a sign that a
question is out of scope ("what is tamoxifen") only when the word is NOT an
everyday English word ("thank you kindly" is fine). This list is the top
12,000 English words by frequency from the `wordfreq` package (data under
CC BY-SA 4.0, https://github.com/rspeer/wordfreq), letters only.

wordfreq is large (55 MB) and only needed to regenerate the list:
    pip install wordfreq && python scripts/make-common-words.py
"""

from pathlib import Path

from wordfreq import top_n_list

OUT = Path(__file__).resolve().parent.parent / "bot" / "understand" / "data" / "common_english.txt"
HEADER = """\
# Everyday English words, most frequent first: the top 12,000 words of the
# `wordfreq` package (https://github.com/rspeer/wordfreq, data CC BY-SA 4.0),
# letters only. Regenerate with scripts/make-common-words.py.
"""

words = [w for w in top_n_list("en", 12000) if w.isascii() and w.isalpha()]
OUT.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
print(f"wrote {len(words)} words to {OUT}")

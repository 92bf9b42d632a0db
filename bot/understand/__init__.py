"""Understand: read a message.

Runs in this order on every message: ``normalise`` (unicode, case, punctuation,
HER2 spellings) -> ``entities`` (drugs, side effects, routes, kinds; masked in
the text) -> ``spelling`` (other misspelt words, against ``vocabulary``) ->
``ranking`` (every intent scored against the masked text, ranked once).
"""

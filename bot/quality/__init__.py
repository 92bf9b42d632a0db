"""Quality: tools that judge the bot and its content.

``checks`` runs what `her2bot check` verifies, each check returning a
``report``: ``names`` (a name claimed twice), ``lint`` (phrasings in two
intents, repeated, or nearer to another intent), ``suggestions`` (answered as
they promise), ``readability`` (reading grade), ``coverage`` (intents with no
conversation test); ``baseline`` holds the warnings accepted on purpose.
``convtest`` and ``pytest_plugin`` run the YAML conversation tests, ``junit``
writes their results for CI; ``evaluate`` (with ``typos``) measures answer
quality on labelled sets and ``compare`` diffs it with a saved report.
"""

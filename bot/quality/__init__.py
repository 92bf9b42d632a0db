"""Quality: tools that judge the bot and its content.

``checks`` runs what `her2bot check` verifies (with ``lint`` for colliding
phrasings and ``readability`` for the reading grade, each returning a
``report``); ``convtest`` and ``pytest_plugin`` run the YAML conversation
tests; ``evaluate`` (with ``typos``) measures answer quality on labelled sets.
"""

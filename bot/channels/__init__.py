"""Channels: the front ends, all thin layers over the one ``Bot``.

``repl`` and ``terminal`` are the terminal chat; ``web`` is the HTTP API,
Rasa webhook and widget; ``sessions`` picks the session store the web layer
keeps conversations in (``session_store`` is the interface, ``memory_store``
and ``redis_store`` the backends).
"""

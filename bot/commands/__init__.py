"""Sub-commands of `her2bot`; see ``bot/cli.py`` for the contract."""

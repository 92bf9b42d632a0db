"""Content: read, check and model the content folders (knowledge/, intents/).

Order: ``yamlfile`` reads YAML keeping line numbers, ``schema`` declares and
checks the shapes, ``loader`` checks references and builds the immutable
objects of ``model``. Every problem names its file and line.
"""

from bot.content.loader import (
    ENV_VAR,
    ContentError,
    check_content,
    default_root,
    load_content,
    resolve_root,
)

__all__ = ["ENV_VAR", "ContentError", "check_content", "default_root", "load_content", "resolve_root"]

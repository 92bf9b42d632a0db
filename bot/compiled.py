"""Which modules run compiled, and the guard that keeps a stale build from
running in place of edited sources.

The message-kind stage runs on every message, and pure Python could not bring
it under its 0.1 ms budget (issue 12). `make` therefore compiles its four
modules (MODULES) with mypyc (scripts/build_compiled.py): the same source, as
C extensions next to it, about 1.5x faster. The build records a digest of
those sources in bot/compiled.json. Python would import an extension before
its source, so an edited source with an old build beside it would silently
run the old code; :func:`install` (run when the ``bot`` package is imported)
compares the digest and, if the sources changed since the build (or
HER2BOT_PURE=1 is set), makes every one of the modules load from source. It
is all or none: compiled modules call each other directly, so one of them
loaded from source would still reach its old compiled neighbours.

A checkout without a build (a wheel, a machine without a C compiler) runs the
same sources as pure Python: slower, and otherwise the same (tests/test_compiled.py).
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Sequence

PACKAGE = Path(__file__).resolve().parent
MODULES = ("bot.content.terms", "bot.understand.concepts", "bot.understand.learned_kind", "bot.understand.kind")
MANIFEST = PACKAGE / "compiled.json"
PURE_ENV = "HER2BOT_PURE"  # set to 1: run every module from source, even with a current build


def source_path(module: str) -> Path:
    return PACKAGE.parent.joinpath(*module.split(".")).with_suffix(".py")


def source_digest() -> str:
    """One digest over the sources of MODULES, in order."""
    digest = hashlib.sha256()
    for module in MODULES:
        digest.update(module.encode() + b"\0" + source_path(module).read_bytes() + b"\0")
    return digest.hexdigest()


def built_digest() -> str | None:
    """The digest the last build recorded, or None without a (readable) build."""
    try:
        return str(json.loads(MANIFEST.read_text(encoding="utf-8"))["digest"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class _FromSource(importlib.abc.MetaPathFinder):
    """Finds MODULES as their .py files, ahead of any extension beside them."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, source_path(fullname))


_why_pure = "no compiled build"


def _extensions_present() -> bool:
    return any(source_path(m).with_suffix(suffix).exists()
               for m in MODULES for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def install() -> None:
    """Load MODULES from source unless a current build is there and wanted."""
    global _why_pure
    built = built_digest()
    if built is None:
        if not _extensions_present():
            return  # nothing compiled: the sources are all there is
        _why_pure = "compiled files without bot/compiled.json: run `make fast` to rebuild"
    elif os.environ.get(PURE_ENV, "") not in ("", "0"):
        _why_pure = f"{PURE_ENV} is set"
    elif built != source_digest():
        _why_pure = "the sources changed since the build: run `make fast` to rebuild"
    else:
        _why_pure = ""
        return
    if not any(isinstance(f, _FromSource) for f in sys.meta_path):
        sys.meta_path.insert(0, _FromSource())


def status() -> str:
    """How the modules run, in a few words (``her2bot --version``, the benches)."""
    if _why_pure:
        return f"pure Python ({_why_pure})"
    return "compiled with mypyc"

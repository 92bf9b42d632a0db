"""A snapshot of a loaded Bot on disk, so a new process starts in a blink.

Loading reads about 400 KB of YAML, checks it, and builds the indexes (concept
terms, example messages, intent phrasings): several hundred milliseconds, paid
by every `her2bot ask` and every server start. The result depends only on the
content files and the bot's own code, so it is saved once, pickled, under a
key that is the SHA-256 of both (plus the content folder's path and the Python
version), and reused while neither changes, as Python reuses its .pyc files.
Content that fails its checks is never saved, so a snapshot is always of
content that passed them.

The snapshot is a cache: a missing, unreadable or stale file is rebuilt, and a
folder that cannot be written just means no snapshot. Where:
$HER2BOT_CACHE_DIR, else $XDG_CACHE_HOME/her2bot, else ~/.cache/her2bot.
HER2BOT_CACHE_DIR=off turns it off. At most KEEP snapshots are kept.
"""

from __future__ import annotations

import copyreg
import hashlib
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable

from bot import compiled

ENV_VAR = "HER2BOT_CACHE_DIR"
OFF = "off"
KEEP = 8
STALE_SECONDS = 3600
SUFFIX = ".her2bot-snapshot"
_PACKAGE = Path(__file__).resolve().parents[1]  # bot/


def _proxy(mapping: dict[Any, Any]) -> MappingProxyType:
    return MappingProxyType(mapping)


# the content model keeps read-only mappings; pickle them as what they wrap
copyreg.pickle(MappingProxyType, lambda m: (_proxy, (dict(m),)))


def folder() -> Path | None:
    """Where snapshots live, or None when they are turned off."""
    given = os.environ.get(ENV_VAR)
    if given:
        return None if given == OFF else Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "her2bot"


def key(content_root: Path) -> str:
    """The SHA-256 of the content files, the bot's code (and whether it runs compiled) and where they are."""
    digest = hashlib.sha256()
    # compiled or pure Python (bot/compiled.py): the objects are of different classes
    digest.update(f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0{content_root.resolve()}\0{compiled.status()}\0".encode())
    files = sorted(_PACKAGE.rglob("*.py")) + sorted(_PACKAGE.glob("understand/data/*"))
    for part in ("knowledge", "intents"):
        directory = content_root / part
        files += sorted(directory.iterdir()) if directory.is_dir() else []
    for path in files:
        if path.is_file():
            digest.update(str(path).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(content_root: Path) -> Any | None:
    """The snapshot for this content and code, or None."""
    where = folder()
    if where is None:
        return None
    try:
        with (where / f"{key(content_root)}{SUFFIX}").open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None  # unreadable or from an older layout: build it again


def save(content_root: Path, value: Any) -> None:
    """Save a complete Bot as the snapshot of this content and code."""
    where = folder()
    if where is not None:
        _save(where, where / f"{key(content_root)}{SUFFIX}", value)


def load_or_build(content_root: Path, build: Callable[[], Any], complete: Callable[[Any], Any]) -> Any:
    """The snapshot for this content and code if there is one, else ``build()``
    (which raises for bad content), made ``complete()`` (every lazy part
    built) and saved for next time."""
    found = cached(content_root)
    if found is not None:
        return found
    built = build()
    if folder() is not None:
        complete(built)
        save(content_root, built)
    return built


def _save(where: Path, path: Path, value: Any) -> None:
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, suffix=".tmp", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # atomic: another process never reads half a file
    except OSError:
        return  # a cache that cannot be written is no cache, not an error
    _prune(where)


def _prune(where: Path) -> None:
    """Keep the KEEP most recently written snapshots; drop half-written files
    an interrupted process left (older than an hour)."""
    try:
        snapshots = sorted(where.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        stale = [p for p in where.glob("*.tmp") if time.time() - p.stat().st_mtime > STALE_SECONDS]
        for old in snapshots[KEEP:] + stale:
            old.unlink(missing_ok=True)
    except OSError:
        return

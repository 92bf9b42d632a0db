"""Compile the message-kind stage's modules with mypyc, in place.

    .venv/bin/python scripts/build_compiled.py          # build (make does this for you)
    .venv/bin/python scripts/build_compiled.py --clean  # remove the build: pure Python again

Why: the kind stage runs on every message and its budget is 0.1 ms (issue 12);
pure Python stayed about 0.13 ms after every algorithmic saving, and mypyc
turns the same typed source into C extensions about 1.5x faster, with no
second code base to keep in step (black and mypy ship themselves this way).
The modules are those of bot/compiled.py (MODULES); the build writes
bot/compiled.json with a digest of their sources, so an edited source is
never shadowed by its old build (bot/compiled.py falls back to source until
the next build). Needs mypy (the `fast` extra) and a C compiler; without them
it says so and exits 1, and her2bot runs as pure Python.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import json
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from bot import compiled  # noqa: E402

GROUP = "bot.kind_stage"  # the shared library of the build: bot/kind_stage__mypyc.*.so
BUILD = REPO / "build" / "compiled"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clean", action="store_true", help="remove the compiled files and bot/compiled.json")
    args = parser.parse_args(argv)
    clean()
    if args.clean:
        print("removed the compiled build: her2bot runs as pure Python")
        return 0
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError as missing:
        print(f"cannot compile: {missing.name} is not installed (pip install -e '.[fast]'); "
              "her2bot runs as pure Python", file=sys.stderr)
        return 1
    sources = [str(compiled.source_path(m).relative_to(REPO)) for m in compiled.MODULES]
    digest = compiled.source_digest()  # before compiling: an edit during the build is caught as stale
    started = time.perf_counter()
    os.chdir(REPO)  # mypycify names the modules by their paths from here
    try:
        # --follow-imports=silent: type-check these modules, take the rest of bot as it is
        modules = mypycify(["--follow-imports=silent", *sources], opt_level="3", group_name=GROUP,
                             target_dir=str(BUILD / "c"))
        setup(name="her2bot-compiled", packages=[], py_modules=[], ext_modules=modules,
              script_args=["--quiet", "build_ext", "--inplace", "--build-temp", str(BUILD / "temp"),
                           "--build-lib", str(BUILD / "lib")])
    except SystemExit as failed:  # setuptools reports a failed compile by exiting
        clean()
        print(f"the compiled build failed ({failed}): her2bot runs as pure Python", file=sys.stderr)
        return 1
    compiled.MANIFEST.write_text(json.dumps({"digest": digest, "modules": list(compiled.MODULES)}, indent=1) + "\n",
                                 encoding="utf-8")
    print(f"compiled {len(sources)} modules with mypyc in {time.perf_counter() - started:.0f} s")
    return 0


def clean() -> None:
    """Remove every extension the build put in the package, and its record."""
    compiled.MANIFEST.unlink(missing_ok=True)
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for found in (REPO / "bot").rglob(f"*{suffix}"):
            found.unlink()
    shutil.rmtree(BUILD, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

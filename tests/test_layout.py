"""The package layout: one room per role, and no import rings.

Reads the import statements of every module under bot/ (module level,
inside functions and under TYPE_CHECKING alike) and fails if any module can
reach itself through them, or if one wing of the package imports another in
a ring. Also keeps bot/ itself tidy: only the named top-level modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bot"
# compiled: the guard against a stale compiled build runs from __init__, before any wing is imported
TOP_LEVEL = {"__init__", "__main__", "core", "cli", "reply", "compiled"}
WINGS = {"understand", "decide", "answer", "content", "channels", "quality", "commands"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """The bot modules this file imports (a name imported from a package that
    is itself a module counts as that module)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            submodules = [f"{source}.{alias.name}" for alias in node.names]
            # `from pkg import name` runs pkg/__init__ unless every name is a submodule
            targets = submodules if all(t in modules for t in submodules) else submodules + [source]
        else:
            continue
        for target in targets:
            if target in modules:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imports_of(path, name, modules) - {name} for name, path in modules.items()}


def rings(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def wing(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in WINGS else module


def test_no_module_imports_in_a_ring():
    assert rings(graph()) == []


def test_no_two_wings_import_each_other_in_a_ring():
    edges: dict[str, set[str]] = {}
    for source, targets in graph().items():
        for target in targets:
            if wing(source) != wing(target):
                edges.setdefault(wing(source), set()).add(wing(target))
    assert rings(edges) == []


def test_the_ring_finder_finds_a_planted_ring():
    assert rings({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert rings({"a": {"b"}, "b": set()}) == []


def test_only_the_named_modules_stay_at_the_top_of_bot():
    loose = {p.stem for p in PACKAGE.glob("*.py")} - TOP_LEVEL
    assert loose == set()
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    assert folders <= WINGS | {"static"}


@pytest.mark.parametrize("name", sorted(WINGS))
def test_every_wing_says_what_it_does(name):
    init = PACKAGE / name / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc and len(doc.split()) >= 8

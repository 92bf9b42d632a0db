"""Read YAML files into plain Python values that remember their line numbers.

Reading is kept apart from checking (see ``schema.py``): this module only turns
text into dicts, lists and scalars. Mappings come back as :class:`LineDict` and
sequences as :class:`LineList`, which carry the 1-based line of the node and of
each key/item, so later checks can say exactly where a problem is. Syntax
errors and duplicate keys are reported as :class:`Problem` values, never as a
PyYAML traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is several times faster; fall back when libyaml is absent
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, at a place an editor can find."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class LineDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


def line_of(value: Any, default: int = 0) -> int:
    return getattr(value, "line", default)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that builds LineDict/LineList and records duplicate keys."""

    def __init__(self, stream: str, filename: str) -> None:
        super().__init__(stream)
        self.filename = filename
        self.problems: list[Problem] = []

    def construct_yaml_map(self, node: yaml.MappingNode):  # type: ignore[override]
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                self.problems.append(
                    Problem(self.filename, key_line, f"keys must be text, got {key!r}")
                )
                key = str(key)
            if key in data:
                self.problems.append(
                    Problem(
                        self.filename,
                        key_line,
                        f"duplicate key '{key}' (first at line {data.key_lines[key]})",
                    )
                )
                continue
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = key_line

    def construct_yaml_seq(self, node: yaml.SequenceNode):  # type: ignore[override]
        data = LineList()
        data.line = node.start_mark.line + 1
        data.item_lines = [child.start_mark.line + 1 for child in node.value]
        yield data
        data.extend(self.construct_object(child, deep=True) for child in node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_yaml_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_yaml_seq)


def parse_yaml(text: str, filename: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text. Returns (data, problems); data is None on a syntax error."""
    loader = _LineLoader(text, filename)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = err.problem or err.context or "invalid YAML"
        return None, [Problem(filename, line, f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as err:  # a character YAML does not allow
        return None, [_bad_character(text, filename, err.character)]
    except yaml.YAMLError as err:  # any other error PyYAML may raise without a position
        return None, [Problem(filename, 1, f"YAML error: {err}")]
    finally:
        loader.dispose()
    return data, loader.problems


def _bad_character(text: str, filename: str, character: int | str) -> Problem:
    # The C loader counts the position in bytes, the Python one in characters:
    # find the character itself instead.
    char = chr(character) if isinstance(character, int) else str(character)
    at = max(text.find(char), 0)
    line, column = _line_and_column(text, at)
    return Problem(
        filename, line,
        f"character U+{ord(char):04X} at column {column} is not allowed in YAML "
        "(a control or special character, often pasted in by accident): delete it",
    )


def _line_and_column(text: str | bytes, offset: int) -> tuple[int, int]:
    newline = "\n" if isinstance(text, str) else b"\n"
    start = text.rfind(newline, 0, offset) + 1  # type: ignore[arg-type]
    return text.count(newline, 0, offset) + 1, offset - start + 1  # type: ignore[arg-type]


def read_text(path: Path, name: str, max_bytes: int | None = None) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file; a file too big, unreadable or not UTF-8 becomes a Problem.

    An encoding error names the line of the first bad byte.
    """
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            return None, [Problem(
                name, 1,
                f"file is {_megabytes(size)}, more than the {_megabytes(max_bytes)} a content file may hold: "
                "split it into several files in the same folder",
            )]
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(name, 1, f"cannot read file: {err.strerror}")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line, column = _line_and_column(raw, err.start)
        return None, [Problem(
            name, line,
            f"file is not valid UTF-8: byte 0x{raw[err.start]:02X} at column {column} ({err.reason}); "
            "save the file with the UTF-8 encoding",
        )]


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def read_yaml(path: Path, display_name: str | None = None, max_bytes: int | None = None) -> tuple[Any, list[Problem]]:
    """Read a file from disk and parse it; unreadable files become a Problem."""
    name = display_name or str(path)
    text, problems = read_text(path, name, max_bytes)
    if text is None:
        return None, problems
    return parse_yaml(text, name)

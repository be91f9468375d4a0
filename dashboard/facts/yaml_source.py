"""Safe YAML reading that remembers the line of every value.

PyYAML's SafeLoader never constructs Python objects; on top of it this module
refuses what a fact file never needs and an attacker might send: anchors and
aliases (the "billion laughs" bomb), deep nesting and oversize files.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.resolver import Resolver

from dashboard.facts.errors import FactError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32

PathKey = tuple[Hashable, ...]


class _RefusingComposer(Composer):
    """Refuses aliases and deep nesting while composing."""

    _depth = 0
    # Given by the parser each loader below pairs this composer with.
    check_event: Any
    peek_event: Any

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (*name) are not allowed in fact files",
                problem_mark=event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()
                raise yaml.MarkedYAMLError(
                    problem=f"nesting deeper than {MAX_DEPTH} levels",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _RefusingLoader(_RefusingComposer, yaml.SafeLoader):
    """PyYAML's pure-Python SafeLoader with the refusals."""


_LibyamlParser: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)


class _FastRefusingLoader(_RefusingComposer, SafeConstructor, Resolver):
    """libyaml's scanner and parser (C, ~7x faster on 10,000 facts) under the same
    refusing composer. Not libyaml's own composer: it recurses in C and crashes the
    process on deeply nested input."""

    get_event: Any
    dispose: Any

    def __init__(self, stream: str) -> None:
        events = _LibyamlParser(stream)
        # Bound directly: a Python wrapper around each call costs a third of the time.
        self.check_event = events.check_event
        self.peek_event = events.peek_event
        self.get_event = events.get_event
        self.dispose = events.dispose
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        Composer.__init__(self)


@dataclass
class YamlDocument:
    """A parsed YAML document and the 1-based line of each value, by path."""

    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, path: PathKey) -> int | None:
        """The line of the value at ``path``, or of its nearest known parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def _record_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                child = (*path, key_node.value)
                _record_lines(value_node, child, lines)
                # A key's own line is where a curator looks for a missing value.
                lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines)


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document safely; every failure is a located FactError."""
    if _LibyamlParser is not None:
        try:
            return _parse(_FastRefusingLoader, text, file)
        except FactError:
            pass  # libyaml words its errors differently: report in PyYAML's words
    return _parse(_RefusingLoader, text, file)


def _parse(loader_class: Any, text: str, file: str) -> YamlDocument:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        # PyYAML refuses non-printable characters (NUL, ESC, ...) before parsing.
        raise FactError(
            file,
            f"invalid YAML: non-printable character U+{exc.character:04X} is not allowed",
            line=text.count("\n", 0, exc.position) + 1,
            hint="Remove it: fact files are plain UTF-8 text.",
            code="yaml",
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise FactError(
                file,
                "the file is empty",
                line=1,
                hint="A fact file is a mapping with a 'facts:' list; see README.md.",
                code="empty-file",
            )
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "invalid YAML"
        context = exc.context_mark
        if exc.context and context is not None and mark is not None and context.line != mark.line:
            problem += f" ({exc.context} at line {context.line + 1})"
        hint = None
        if "could not determine a constructor for the tag" in problem:
            problem = f"YAML tags that build objects are not allowed ({problem.split('tag ')[-1]})"
            hint = "Fact files hold plain values only: remove the '!!' tag."
        elif "aliases" in problem:
            hint = "Write the value out in full instead of referring to an anchor."
        raise FactError(
            file, f"invalid YAML: {problem}", line=line, hint=hint, code="yaml"
        ) from None
    except yaml.YAMLError as exc:
        raise FactError(file, f"invalid YAML: {exc}", code="yaml") from None
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {}
    _record_lines(node, (), lines)
    return YamlDocument(data=data, lines=lines)


def read_yaml_file(path: Path, shown_as: str) -> YamlDocument:
    """Read and parse ``path``; size and encoding problems are FactErrors too."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FactError(
            shown_as, f"cannot read the file: {exc.strerror}", code="unreadable"
        ) from None
    if size > MAX_FILE_BYTES:
        raise FactError(
            shown_as,
            f"the file is {size:,} bytes; fact files may be at most {MAX_FILE_BYTES:,}",
            hint="Split it into one fact file per seed.",
            code="too-large",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FactError(
            shown_as,
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            line=line,
            hint="Save the file as UTF-8.",
            code="encoding",
        ) from None
    if not text.strip():
        raise FactError(
            shown_as,
            "the file is empty",
            line=1,
            hint="A fact file is a mapping with a 'facts:' list; see README.md.",
            code="empty-file",
        )
    return parse_yaml(text, shown_as)

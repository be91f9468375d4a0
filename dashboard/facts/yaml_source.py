"""Safe YAML reading that remembers the line of every value.

PyYAML's SafeLoader never constructs Python objects; on top of it this module
refuses what a fact file never needs and an attacker might send: anchors and
aliases (the "billion laughs" bomb), deep nesting and oversize files.

Two readers: a fast one that builds values and lines straight from libyaml's events,
for the plain documents fact files are, and the exact one (compose, construct, walk)
for everything else, whose messages are the ones curators see. Both give the same
values and lines wherever the fast one answers; tests/test_fast_paths.py checks it.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode
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


class LineTree:
    """The 1-based lines of one collection's children, and the children's own trees.

    A mapping's children are keyed by the key as written (the scalar's text, even
    where the value is a number), a sequence's by index; a mapping value's line is
    that of its key, where a curator looks for a missing value.
    """

    __slots__ = ("children", "line", "lines")

    def __init__(self, line: int) -> None:
        self.line = line
        self.lines: dict[Hashable, int] = {}
        self.children: dict[Hashable, LineTree] = {}

    def merge(self, later: LineTree) -> LineTree:
        """A key written twice: the later value's lines win and the earlier value's
        other lines stay, as when the lines were one dict by path."""
        self.lines.update(later.lines)
        for key, child in later.children.items():
            earlier = self.children.get(key)
            self.children[key] = child if earlier is None else earlier.merge(child)
        return self


@dataclass
class YamlDocument:
    """A parsed YAML document and the 1-based line of each value, by path."""

    data: Any
    tree: LineTree

    def line_of(self, path: PathKey) -> int | None:
        """The line of the value at ``path``, or of its nearest known parent."""
        tree: LineTree | None = self.tree
        line = self.tree.line
        for part in path:
            if tree is None or part not in tree.lines:
                break
            line = tree.lines[part]
            tree = tree.children.get(part)
        return line

    def field_lines(self, path: PathKey) -> dict[Hashable, int]:
        """The line of each child of the collection at ``path`` (none if it is not one)."""
        tree: LineTree | None = self.tree
        for part in path:
            if tree is None:
                break
            tree = tree.children.get(part)
        return tree.lines if tree is not None else {}


def _line_tree(node: yaml.Node) -> LineTree:
    tree = LineTree(node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if isinstance(value_node, yaml.CollectionNode):
                    child = _line_tree(value_node)
                    earlier = tree.children.get(key)
                    tree.children[key] = child if earlier is None else earlier.merge(child)
                tree.lines[key] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            tree.lines[index] = item.start_mark.line + 1
            if isinstance(item, yaml.CollectionNode):
                tree.children[index] = _line_tree(item)
    return tree


# ---------------------------------------------------------------------------
# The fast path: libyaml's events straight into values and lines, in one pass.
#
# Composing nodes, then constructing values from them, then walking them again for
# lines, costs three Python calls or more per value; at 10,000 facts that was most of
# the load. The reader below does the work of _RefusingComposer, SafeConstructor
# and _line_tree in one loop over libyaml's events, for the plain documents fact files
# are. Whatever it does not handle (an anchor, an alias, an explicit tag, a key
# written twice or not a scalar, nesting too deep, more than one document, a syntax
# error) it hands back, and the exact path (_parse_exact) decides, in its own words.

_STR_TAG = "tag:yaml.org,2002:str"
# The other tags a plain scalar can resolve to that SafeConstructor builds; the rest
# (merge '<<', value '=', ...) go to the exact path.
_BUILT_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()


class _HandBack(Exception):
    """The document needs the exact path."""


_NO_KEY = object()  # in a mapping, no key is waiting for its value


def _read_fast(text: str) -> YamlDocument | None:
    """The document, or None where the exact path must decide."""
    if _LibyamlParser is None or Resolver.yaml_path_resolvers:
        return None
    parser = _LibyamlParser(text)
    try:
        return _build(parser.get_event)
    except Exception:  # anything at all: the exact path reports it in its own words
        return None
    finally:
        parser.dispose()


@functools.lru_cache(maxsize=4096)
def _implicit_tag(raw: str) -> str:
    """The tag PyYAML gives a plain scalar: it depends on the text alone, and keys and
    values such as 'topic' or 'true' recur in every file."""
    tag: str = _RESOLVER.resolve(ScalarNode, raw, (True, False))  # type: ignore[no-untyped-call]
    return tag


@functools.lru_cache(maxsize=4096)
def _plain_scalar(tag: str, raw: str) -> Any:
    """The value of a plain scalar that is not a string, built by SafeConstructor: a
    null, bool, number or date, immutable, so one object can stand for every copy
    (PyYAML itself gives every .nan the same one)."""
    if tag not in _BUILT_TAGS:
        raise _HandBack
    return SafeConstructor.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, raw))


def _build(get_event: Any) -> YamlDocument:
    # Plain scalars starting with any other character are strings (Resolver.resolve).
    first_chars = frozenset(Resolver.yaml_implicit_resolvers)
    if None in first_chars:
        raise _HandBack
    missing = _NO_KEY
    if get_event().__class__ is not StreamStartEvent:
        raise _HandBack
    if get_event().__class__ is not DocumentStartEvent:
        raise _HandBack  # an empty stream
    # The collection being filled (None: the document itself), its lines and, in a
    # mapping, the key waiting for its value: the key, its text, its line. The outer
    # collections wait on the stack. Locals, not objects: this loop runs once per event,
    # 400,000 times for 10,000 facts.
    container: Any = None
    in_list = False
    current = LineTree(0)
    lines = current.lines
    key: Any = missing
    key_text = ""
    key_line = 0
    stack: list[tuple[Any, bool, LineTree, Any, str, int]] = []
    while True:
        event = get_event()
        kind = event.__class__
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _HandBack
            raw = value = event.value
            if raw[:1] in first_chars and event.implicit[0]:
                tag = _implicit_tag(raw)
                if tag != _STR_TAG:
                    value = _plain_scalar(tag, raw)
            tree = None
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            # At depth 32 a collection's children would be too deep: leave it to the
            # exact path, which says where (an empty one would pass there: no matter).
            if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH - 1:
                raise _HandBack
            stack.append((container, in_list, current, key, key_text, key_line))
            in_list = kind is SequenceStartEvent
            container = [] if in_list else {}
            current = LineTree(event.start_mark.line + 1)
            lines = current.lines
            key = missing
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value, tree = container, current
            container, in_list, current, key, key_text, key_line = stack.pop()
            lines = current.lines
        else:
            raise _HandBack  # an alias
        if container is None:
            break
        if in_list:
            index = len(container)
            container.append(value)
            if tree is None:
                lines[index] = event.start_mark.line + 1
            else:
                lines[index] = tree.line
                current.children[index] = tree
        elif key is missing:
            if tree is not None or raw in lines:
                raise _HandBack  # a collection as a key, or a key written twice
            key, key_text, key_line = value, raw, event.start_mark.line + 1
        else:
            container[key] = value
            lines[key_text] = key_line
            if tree is not None:
                current.children[key_text] = tree
            key = missing
    if get_event().__class__ is not DocumentEndEvent:
        raise _HandBack
    if get_event().__class__ is not StreamEndEvent:
        raise _HandBack  # another document: the exact path says so
    if tree is None:
        tree = LineTree(event.start_mark.line + 1)
    return YamlDocument(data=value, tree=tree)


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document safely; every failure is a located FactError."""
    document = _read_fast(text)
    return document if document is not None else _parse_exact(text, file)


def _parse_exact(text: str, file: str) -> YamlDocument:
    """Compose, construct, then walk for lines: what the fast path hands back, and the
    reference tests hold it to."""
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
    return YamlDocument(data=data, tree=_line_tree(node))


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

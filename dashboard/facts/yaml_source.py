"""Safe YAML reading that remembers the line of every value.

One reader: PyYAML's CSafeLoader (libyaml's parser and composer, PyYAML's safe
constructors, which never build Python objects) in a small subclass that records the
line of every value and refuses what a fact file never needs and an attacker might
send:

- a key written twice in one mapping (the second would silently replace the first);
- anchors and aliases (the "billion laughs" bomb) and merge keys (``<<``);
- tags other than the plain ones (``!!python/object/apply:...``);
- nesting deeper than MAX_DEPTH. libyaml's composer recurses in C and crashes the
  process on very deep input, so a document that *could* nest that deep is first
  checked by a flat pass over libyaml's events, before composing;
- non-printable characters, and (read_yaml_file) oversize, non-UTF-8 and
  non-regular files.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader
from yaml.resolver import Resolver

from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.files import FACT_FILE, FileKind, read_regular_file

MAX_DEPTH = 32
# A document holding at most this many of the characters that can open a collection
# ('[', '{', '-', ':', '?': every collection starts with one of its own) cannot nest
# deeper than this, and libyaml's composer needs about 300 bytes of C stack a level:
# well inside any thread's stack. Only a document with more is checked first.
COMPOSER_SAFE_DEPTH = 1000
_OPENERS = "[{-:?"

PathKey = tuple[Hashable, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
# Scalars built by SafeConstructor: immutable, so one object may stand for every copy.
_PLAIN_SCALARS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
_RESOLVER = Resolver()

TAG_HINT = "Fact files hold plain values only: remove the '!!' tag."
ALIAS_HINT = "Write the value out in full instead of referring to an anchor."


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


@functools.lru_cache(maxsize=4096)
def _resolved(value: str) -> str:
    """The tag of a plain scalar: it depends on the text alone, and keys and values
    such as 'topic' or 'true' recur in every file."""
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


class _Refusal(Exception):
    """A problem found while building, with the line it is on."""

    def __init__(
        self, line: int, problem: str, hint: str | None = None, code: ErrorCode = ErrorCode.YAML
    ) -> None:
        super().__init__(problem)
        self.line, self.problem, self.hint, self.code = line, problem, hint, code


class FactFileLoader(yaml.CSafeLoader):
    """CSafeLoader, building values and their lines in one walk over the composed
    nodes, refusing duplicate keys, aliases, merge keys, object tags and deep nesting."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        # Only a document with an anchor ('&') can hold an alias: then every node is
        # remembered, and a node met twice is an alias.
        self._seen: set[int] | None = set() if "&" in text else None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            # As Resolver.resolve decides, more quickly: a quoted scalar is a string, and
            # so is a plain one of several words starting with a letter (YAML's implicit
            # types that start with a letter are single words: true, no, null).
            if not implicit[0] or (" " in value and value[:1].isalpha()):
                return _STR
            return _resolved(value)
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]

    # Path resolvers are not used: libyaml's composer calls these for every node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def check_depth(self) -> None:
        """Refuse nesting deeper than MAX_DEPTH, from libyaml's events: no recursion."""
        depth = 0
        while (event := self.get_event()) is not None:
            kind = event.__class__
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    _too_deep(event.start_mark.line + 1 if event.start_mark else 1)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1

    def build(self, node: Node, depth: int, line: int) -> tuple[Any, LineTree | None]:
        """The value of ``node`` and, for a collection, the lines of its children.
        ``line`` is where the node is written (an alias's node carries its anchor's)."""
        if self._seen is not None:
            if id(node) in self._seen:
                raise _Refusal(
                    line, "anchors and aliases (*name) are not allowed in fact files", ALIAS_HINT
                )
            self._seen.add(id(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node), None
        if depth >= MAX_DEPTH:
            _too_deep(line)
        tree = LineTree(line)
        if isinstance(node, SequenceNode) and node.tag == _SEQ:
            items = []
            for index, item in enumerate(node.value):
                item_line = item.start_mark.line + 1
                if item.tag == _STR and self._seen is None:
                    items.append(item.value)  # most values: a string, nothing to check
                else:
                    value, child = self.build(item, depth + 1, max(item_line, line))
                    items.append(value)
                    if child is not None:
                        tree.children[index] = child
                tree.lines[index] = item_line
            return items, tree
        if isinstance(node, MappingNode) and node.tag == _MAP:
            return self._mapping(node, tree, depth), tree
        _object_tag(node, line)

    def _mapping(self, node: MappingNode, tree: LineTree, depth: int) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        first_lines: dict[Any, int] = {}  # by key as built: '1' and '01' are one key
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise _Refusal(line, "a key must be a plain value, not a list or mapping")
            written = key_node.value
            if value_node.tag == _STR and self._seen is None:
                value, child = value_node.value, None  # most values: a string
            else:
                value_line = value_node.start_mark.line + 1
                value, child = self.build(value_node, depth + 1, max(value_line, line))
            if key_node.tag == _MERGE:
                raise _Refusal(
                    line,
                    "merge keys (<<) are not allowed in fact files",
                    "Write the keys out in full.",
                )
            key = written if key_node.tag == _STR else self._scalar(key_node, line)
            if key in first_lines:
                raise _Refusal(
                    line,
                    f"key {written!r} is written twice in one mapping (first at line "
                    f"{first_lines[key]}); "
                    "the second would replace the first",
                    "Keep one of them.",
                    ErrorCode.DUPLICATE_KEY,
                )
            mapping[key] = value
            first_lines[key] = line
            tree.lines[written] = line
            if child is not None:
                tree.children[written] = child
        return mapping

    def _scalar(self, node: ScalarNode, line: int | None = None) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag in _PLAIN_SCALARS:
            return _plain_scalar(node.tag, node.value)
        _object_tag(node, line or node.start_mark.line + 1)


@functools.lru_cache(maxsize=4096)
def _plain_scalar(tag: str, text: str) -> Any:
    return SafeConstructor.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, text))


_CONSTRUCTOR = SafeConstructor()


def _too_deep(line: int) -> NoReturn:
    raise _Refusal(line, f"nesting deeper than {MAX_DEPTH} levels")


def _object_tag(node: Node, line: int) -> NoReturn:
    raise _Refusal(
        line,
        f"YAML tags that build objects are not allowed ({node.tag!r})",
        TAG_HINT,
    )


_NON_PRINTABLE = Reader.NON_PRINTABLE


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document safely; every failure is a located FactError."""
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        raise FactError(
            file,
            f"invalid YAML: non-printable character U+{ord(bad.group()):04X} is not allowed",
            line=text.count("\n", 0, bad.start()) + 1,
            hint="Remove it: fact files are plain UTF-8 text.",
            code=ErrorCode.YAML,
        )
    try:
        if sum(map(text.count, _OPENERS)) > COMPOSER_SAFE_DEPTH:
            checker = FactFileLoader(text)
            try:
                checker.check_depth()
            finally:
                checker.dispose()
        loader = FactFileLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise FactError(
                    file,
                    "the file is empty",
                    line=1,
                    hint="A fact file is a mapping with a 'facts:' list; see README.md.",
                    code=ErrorCode.EMPTY_FILE,
                )
            data, tree = loader.build(node, 0, node.start_mark.line + 1)
        finally:
            loader.dispose()
    except _Refusal as refusal:
        raise FactError(
            file,
            f"invalid YAML: {refusal.problem}",
            line=refusal.line,
            hint=refusal.hint,
            code=refusal.code,
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(file, exc) from None
    except yaml.YAMLError as exc:  # libyaml's reader: a problem without a line
        raise FactError(file, f"invalid YAML: {exc}", code=ErrorCode.YAML) from None
    if tree is None:  # a plain value, not a collection
        tree = LineTree(node.start_mark.line + 1)
    return YamlDocument(data=data, tree=tree)


def _syntax_error(file: str, exc: yaml.MarkedYAMLError) -> FactError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    problem = exc.problem or "invalid YAML"
    context = exc.context_mark
    if exc.context and context is not None and mark is not None and context.line != mark.line:
        problem += f" ({exc.context} at line {context.line + 1})"
    return FactError(file, f"invalid YAML: {problem}", line=line, code=ErrorCode.YAML)


def read_yaml_file(path: Path, shown_as: str, kind: FileKind = FACT_FILE) -> YamlDocument:
    """Read and parse ``path``; a missing, irregular, oversize or non-UTF-8 file is a
    FactError too."""
    try:
        raw = read_regular_file(path, shown_as, kind)
    except FileNotFoundError:
        raise FactError(
            shown_as, "cannot read the file: No such file or directory", code=ErrorCode.UNREADABLE
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FactError(
            shown_as,
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            line=line,
            hint="Save the file as UTF-8.",
            code=ErrorCode.ENCODING,
        ) from None
    if not text.strip():
        raise FactError(
            shown_as,
            "the file is empty",
            line=1,
            hint="A fact file is a mapping with a 'facts:' list; see README.md.",
            code=ErrorCode.EMPTY_FILE,
        )
    return parse_yaml(text, shown_as)

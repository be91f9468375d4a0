"""Safe YAML reading that remembers the line of every value.

One reader: PyYAML's CSafeLoader (libyaml's parser in C, PyYAML's resolver and its
safe constructors, which never build Python objects), in a small subclass whose
:meth:`FactFileLoader.read` builds each value and its line straight from libyaml's
events, in one flat loop, and refuses what a fact file never needs and an attacker
might send:

- a key written twice in one mapping (the second would silently replace the first);
- anchors and aliases (the "billion laughs" bomb) and merge keys (``<<``);
- tags other than the plain ones (``!!python/object/apply:...``);
- nesting deeper than MAX_DEPTH, counted as the events arrive: nothing recurses, so a
  million brackets cost a refusal, not a crash (libyaml's own composer recurses in C);
- more than one document; non-printable characters; and (read_yaml_file) oversize,
  non-UTF-8 and non-regular files.

Why not libyaml's composer and PyYAML's constructor: they hold a whole file's node
tree (three objects a value) in memory while composing, which made the garbage
collector walk every loaded fact again and again. Measured on 10,000 facts, loading
took twice as long; see README.md, Performance.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml
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
)
from yaml.nodes import ScalarNode
from yaml.reader import Reader

from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.files import FACT_FILE, FileKind, read_regular_file

MAX_DEPTH = 32

PathKey = tuple[Hashable, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
# Scalars built by SafeConstructor: immutable, so one object may stand for every copy.
_PLAIN_SCALARS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
# '!' is YAML's "not specific" tag: a string for a scalar, the usual kind for a collection.
_PLAIN_TAGS = {None, "!", _MAP, _SEQ}

TAG_HINT = "Fact files hold plain values only: remove the '!!' tag."
ALIAS_HINT = "Write the value out in full instead of referring to an anchor."
EMPTY_HINT = "A fact file is a mapping with a 'facts:' list; see README.md."


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


class _Refusal(Exception):
    """A problem found while reading, with the line it is on."""

    def __init__(
        self, line: int, problem: str, hint: str | None = None, code: ErrorCode = ErrorCode.YAML
    ) -> None:
        super().__init__(problem)
        self.line, self.problem, self.hint, self.code = line, problem, hint, code


_RESOLVER = yaml.CSafeLoader("")  # a Resolver, for the tags of plain scalars


@functools.lru_cache(maxsize=4096)
def _resolved(value: str) -> str:
    """The tag PyYAML gives a plain scalar: it depends on the text alone, and keys and
    values such as 'topic' or 'true' recur in every file."""
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


@functools.lru_cache(maxsize=4096)
def _constructed(tag: str, text: str) -> Any:
    """A null, bool, number or date, as SafeConstructor builds it."""
    return SafeConstructor.yaml_constructors[tag](_RESOLVER, ScalarNode(tag, text))


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


def _scalar(event: ScalarEvent) -> Any:
    """The value of a scalar, typed as PyYAML's safe loader types it."""
    text: str = event.value
    tag = event.tag
    if tag is None:
        # As Resolver.resolve decides: a quoted scalar is a string, and so is a plain
        # one of several words starting with a letter (YAML's implicit types that start
        # with a letter are single words: true, no, null).
        if not event.implicit[0] or (" " in text and text[:1].isalpha()):
            return text
        tag = _resolved(text)
    if tag == _STR or tag == "!":
        return text
    if tag in _PLAIN_SCALARS:
        return _constructed(tag, text)
    if tag == _MERGE:
        raise _Refusal(
            _line(event),
            "merge keys (<<) are not allowed in fact files",
            "Write the keys out in full.",
        )
    _object_tag(tag, _line(event))


def _object_tag(tag: str, line: int) -> NoReturn:
    raise _Refusal(line, f"YAML tags that build objects are not allowed ({tag!r})", TAG_HINT)


def _refuse_alias(line: int) -> NoReturn:
    raise _Refusal(line, "anchors and aliases (*name) are not allowed in fact files", ALIAS_HINT)


_NO_KEY = object()  # in a mapping, no key is waiting for its value


def _first_line(key: Any, tree: LineTree, mapping: dict[Any, Any]) -> int:
    """The line of the key of ``mapping`` equal to ``key`` (keys and lines are in the same
    order: the first key written is the first line recorded)."""
    return next(
        line for other, line in zip(mapping, tree.lines.values(), strict=True) if other == key
    )


def _refuse_duplicate(written: str, line: int, first: int) -> NoReturn:
    raise _Refusal(
        line,
        f"key {written!r} is written twice in one mapping (first at line {first}); the "
        "second would replace the first",
        "Keep one of them.",
        ErrorCode.DUPLICATE_KEY,
    )


class FactFileLoader(yaml.CSafeLoader):
    """CSafeLoader reading one document into values and the lines of each, refusing
    keys written twice, anchors, aliases, merge keys, object tags and deep nesting."""

    def read(self) -> tuple[Any, LineTree] | None:
        """The document's value and lines; None for a stream without a document."""
        # libyaml's parser; typed loosely: each kind of event has fields of its own.
        get_event: Any = self.get_event
        get_event()  # the stream starts
        if get_event().__class__ is StreamEndEvent:
            return None
        # The collection being filled (None: the document itself), whether it is a list,
        # its lines, and in a mapping the key waiting for its value (the key, as written,
        # its line) and the first line of each key so far. The outer ones wait on the
        # stack. Locals, not objects: this loop runs once per value.
        container: Any = None
        in_list = False
        tree = LineTree(1)
        key: Any = _NO_KEY
        written, key_line = "", 0
        stack: list[tuple[Any, bool, LineTree, Any, str, int]] = []
        while True:
            event = get_event()
            kind = event.__class__
            child: LineTree | None = None
            if kind is ScalarEvent:
                if event.anchor is not None:
                    _refuse_alias(_line(event))
                value = event.value
                # Most values: a quoted string, or plain words (see _scalar).
                if event.tag is not None or (
                    event.implicit[0] and not (" " in value and value[:1].isalpha())
                ):
                    value = _scalar(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                line = event.start_mark.line + 1
                if event.anchor is not None:
                    _refuse_alias(line)
                if event.tag not in _PLAIN_TAGS:
                    _object_tag(event.tag, line)
                if len(stack) >= MAX_DEPTH:
                    raise _Refusal(line, f"nesting deeper than {MAX_DEPTH} levels")
                stack.append((container, in_list, tree, key, written, key_line))
                in_list = kind is SequenceStartEvent
                container = [] if in_list else {}
                tree, key = LineTree(line), _NO_KEY
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value, child = container, tree
                container, in_list, tree, key, written, key_line = stack.pop()
            elif kind is AliasEvent:
                _refuse_alias(_line(event))
            else:  # pragma: no cover - libyaml sends nothing else inside a document
                raise _Refusal(_line(event), f"unexpected {kind.__name__}")
            if container is None:  # the document's own value
                break
            if in_list:
                index = len(container)
                container.append(value)
                if child is None:
                    tree.lines[index] = event.start_mark.line + 1
                else:
                    tree.lines[index] = child.line
                    tree.children[index] = child
            elif key is _NO_KEY:
                key_line = event.start_mark.line + 1
                if child is not None:
                    raise _Refusal(key_line, "a key must be a plain value, not a list or mapping")
                if value in container:  # as read: '1' and '01' are one key
                    _refuse_duplicate(event.value, key_line, _first_line(value, tree, container))
                key, written = value, event.value
            else:
                container[key] = value
                tree.lines[written] = key_line
                if child is not None:
                    tree.children[written] = child
                key = _NO_KEY
        if get_event().__class__ is not DocumentEndEvent:  # pragma: no cover - libyaml's
            raise _Refusal(_line(event), "the document does not end")
        after = get_event()
        if after.__class__ is DocumentStartEvent:
            raise _Refusal(
                _line(after),
                "a second document starts here; a fact file holds one",
                "Remove the '---' line and what follows it, or put it in a file of its own.",
            )
        if child is None:  # a plain value, not a collection
            child = LineTree(_line(event))
        return value, child


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
    loader = FactFileLoader(text)
    try:
        document = loader.read()
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
    finally:
        loader.dispose()
    if document is None:
        raise FactError(
            file, "the file is empty", line=1, hint=EMPTY_HINT, code=ErrorCode.EMPTY_FILE
        )
    return YamlDocument(*document)


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
            shown_as, "the file is empty", line=1, hint=EMPTY_HINT, code=ErrorCode.EMPTY_FILE
        )
    return parse_yaml(text, shown_as)

"""YAML in and out: safe loading with line numbers, one stable writing style."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.kit.characters import forbidden_in
from generator.kit.errors import StenogramError


class _BadNode(Exception):
    """A value the safe loader cannot make, at its node."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node, self.message = node, message


def _timestamp(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> Any:
    # An unquoted '2015-02-30' or 'T25:20' matches YAML's timestamp pattern
    # and then fails in datetime with a bare ValueError.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise _BadNode(node, f"'{node.value}' is not a real date and time") from None


# libyaml's parser, where PyYAML was built with it, loads several times
# faster; it is the same safe loader, with the same errors and marks.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


class _PyLoader(yaml.SafeLoader):
    pass


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _number(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> Any:
    # YAML 1.1's patterns take '0x_', '0b_' or '-0x_' for numbers, which
    # PyYAML then fails to read with a bare ValueError.
    is_int = node.tag.endswith(":int")
    make = (yaml.constructor.SafeConstructor.construct_yaml_int if is_int
            else yaml.constructor.SafeConstructor.construct_yaml_float)
    try:
        value = make(loader, node)
    except (ValueError, OverflowError):
        raise _BadNode(node, f"'{node.value}' is not a number (quote it if it is text)") from None
    if is_int and not _DECIMAL.fullmatch(str(node.value)):
        # YAML 1.1 reads 0x7D0 as 2000, 010 as 8, 1_000 as 1000 and 1:20 as 80:
        # whoever wrote one of those meant something else, or text.
        raise _BadNode(node, f"'{node.value}' is read by YAML as a number other than the digits say; "
                             "write the number in plain digits, or quote it if it is text")
    return value


for _loader in (_Loader, _PyLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _loader.add_constructor("tag:yaml.org,2002:int", _number)
    _loader.add_constructor("tag:yaml.org,2002:float", _number)


# libyaml's emitter writes the same bytes as PyYAML's for front matter
# (checked on the corpus and on 1,000 synthetic transcripts) in a fraction
# of the time.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block style, no aliases: what a person editing the file expects."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# PyYAML writes these as raw line breaks in plain and single-quoted scalars
# and reads them back as spaces; double quotes escape them (\N, \L, \P).
_BREAKS = ("\x85", "\u2028", "\u2029")


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(mark in value for mark in _BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump(data: Any, flow: bool = False) -> str:
    """Keys in insertion order, Unicode kept, no line folding, quotes where
    needed; ``flow`` writes it all on one line ({a: [b, c]})."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=flow,
        width=1_000_000,
    )


def load(text: str, path: str | Path, first_line: int = 1) -> tuple[Any, dict[str, int]]:
    """Load one YAML document with the safe loader.

    Returns the value and, when it is a mapping, the line of each top-level
    key, so that later checks can name the line of a bad value. ``first_line``
    is the file line on which ``text`` starts.
    """
    _refuse_deep_flow(text, path, first_line)
    try:
        try:
            node, value = _parse(_Loader, text, path, first_line)
        except yaml.YAMLError:
            # Bad YAML is rare: parse it again with PyYAML's own parser, whose
            # messages say more than libyaml's ("did not find expected key").
            try:
                node, value = _parse(_PyLoader, text, path, first_line)
            except yaml.MarkedYAMLError as error:
                raise StenogramError(path, _error_line(error, first_line), f"invalid YAML: {_problem(error)}") from None
            except yaml.YAMLError as error:
                raise StenogramError(path, first_line, f"invalid YAML: {error}") from None
    except RecursionError:
        raise StenogramError(path, first_line, "invalid YAML: nested too deeply") from None
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = first_line + key_node.start_mark.line
    return value, key_lines


MAX_FLOW_DEPTH = 100  # front matter needs three; thousands take the parser seconds to refuse
_BRACKETS = re.compile(r"[\[\]{}]")


def _refuse_deep_flow(text: str, path: str | Path, first_line: int) -> None:
    """Refuse ``[[[[…`` nested past MAX_FLOW_DEPTH before the parser
    spends its time on it (a bracket in a quoted string counts too: no
    real value holds a hundred of them open)."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return
    depth = 0
    for bracket in _BRACKETS.finditer(text):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_FLOW_DEPTH:
            line = first_line + text.count("\n", 0, bracket.start())
            raise StenogramError(path, line, f"invalid YAML: nested too deeply (more than {MAX_FLOW_DEPTH} levels)")


def _parse(loader_class, text: str, path: str | Path, first_line: int):
    """Compose, check, then construct: the checks run on the node graph
    before any value is made from it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_nodes(node, path, first_line)
        try:
            return node, loader.construct_document(node)
        except _BadNode as bad:
            raise StenogramError(path, first_line + bad.node.start_mark.line, bad.message) from None
    finally:
        loader.dispose()


def _error_line(error: yaml.MarkedYAMLError, first_line: int) -> int:
    # An unclosed [ or quote is found lines later; the line to fix is
    # where it opened. Anything else is at the problem itself.
    opened = error.context and ("flow" in error.context or "quoted" in error.context)
    mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
    return first_line + (mark.line if mark else 0)


def _problem(error: yaml.MarkedYAMLError) -> str:
    return error.problem or error.context or "unreadable"


def _check_nodes(root: yaml.Node, path: str | Path, first_line: int) -> None:
    """Walk the node graph once, without recursion (a document may nest
    thousands deep):

    - PyYAML keeps the last of two equal keys without a word; a hand edit
      that repeats 'title' must not silently lose the first.
    - An escape (``"\x01"``, ``"\uD800"``) must not smuggle in a character
      that the raw text could not hold.
    - Anchors and aliases have no use in front matter or persons.yaml, and a
      few lines of them ("billion laughs") make a value of billions of nodes.
    """
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            raise StenogramError(path, first_line + node.start_mark.line,
                                 "YAML anchors and aliases are not allowed here (this value is used twice)")
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            problem = forbidden_in(node.value) if isinstance(node.value, str) else None
            if problem is not None:
                raise StenogramError(path, first_line + node.start_mark.line, problem)
        elif isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                line = first_line + key_node.start_mark.line
                if key in keys:
                    raise StenogramError(path, line, f"duplicate key '{key}' (first on line {keys[key]})")
                keys[key] = line
                todo += (value_node, key_node)
        elif isinstance(node, yaml.SequenceNode):
            todo += reversed(node.value)

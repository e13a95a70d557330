"""The fingerprint of a page's data: bytes that differ whenever the data
does. Events count by their card's key (everything a page may show of
an event follows from it; a body comes only with its own key, in a
``DocumentRef``); anything of a type not known here is refused, loudly, rather than
keyed by something that could miss a change."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any, Callable

from generator.content.model import Event

_FIELDS: dict[type, tuple[str, ...]] = {}  # the field names of each dataclass met, in order


def fingerprint(data: Any) -> bytes:
    parts: list[str] = []
    _walk(data, parts.append)
    return "\x1f".join(parts).encode("utf-8", "surrogatepass")


def _walk(value: Any, add: Callable[[str], None]) -> None:
    kind = type(value)
    if kind is str:
        add(f"s{len(value)}:{value}")
    elif kind is Event:
        add("e" + value.card)
    elif kind is tuple or kind is list:
        add(f"({len(value)}")
        for item in value:
            item_kind = type(item)
            if item_kind is Event:  # lists of events are most of what pages show
                add("e" + item.card)
            elif item_kind is str:
                add(f"s{len(item)}:{item}")
            elif item_kind is int:
                add(f"i{item}")
            else:
                _walk(item, add)
    elif kind is int:
        add(f"i{value}")
    elif value is None or kind is bool or kind is float:
        add(repr(value))
    elif kind in _FIELDS or dataclasses.is_dataclass(value):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
        add(kind.__qualname__)
        for name in names:
            _walk(getattr(value, name), add)
    elif kind is bytes:
        add(f"b{len(value)}:{value.hex()}")
    elif kind is dict:
        add(f"{{{len(value)}")
        for key, item in value.items():
            _walk(key, add)
            _walk(item, add)
    elif isinstance(value, tuple):  # a named tuple
        add(kind.__qualname__)
        _walk(tuple(value), add)
    elif kind is datetime:
        add(value.isoformat())
    else:
        raise TypeError(f"a page's data cannot hold a {kind.__qualname__}: it has no fingerprint")

"""The fingerprint of a page's data: bytes that differ whenever the data
does. Events count by their key (everything an event holds follows from
it); anything of a type not known here is refused, loudly, rather than
keyed by something that could miss a change."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from generator.content.model import Event


def fingerprint(data: Any) -> bytes:
    parts: list[str] = []
    _walk(data, parts)
    return "\x1f".join(parts).encode("utf-8", "surrogatepass")


def _walk(value: Any, parts: list[str]) -> None:
    kind = type(value)
    if kind is str:
        parts.append(f"s{len(value)}:{value}")
    elif kind is Event:
        parts.append("e" + value.fingerprint())
    elif kind in (tuple, list):
        parts.append(f"({len(value)}")
        if value and all(type(item) is Event for item in value):
            parts.extend("e" + item.fingerprint() for item in value)
        else:
            for item in value:
                _walk(item, parts)
    elif value is None or kind in (int, bool, float):
        parts.append(repr(value))
    elif kind is bytes:
        parts.append(f"b{len(value)}:{value.hex()}")
    elif kind is dict:
        parts.append(f"{{{len(value)}")
        for key, item in value.items():
            _walk(key, parts)
            _walk(item, parts)
    elif dataclasses.is_dataclass(value):
        parts.append(kind.__qualname__)
        for field in dataclasses.fields(value):
            _walk(getattr(value, field.name), parts)
    elif isinstance(value, tuple):  # a named tuple
        parts.append(kind.__qualname__)
        _walk(tuple(value), parts)
    elif kind is datetime:
        parts.append(value.isoformat())
    else:
        raise TypeError(f"a page's data cannot hold a {kind.__qualname__}: it has no fingerprint")

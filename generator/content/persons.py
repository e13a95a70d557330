"""content/persons.yaml: one display name per person, and the other forms
(trailer spellings, labels) that denote them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from generator.kit import yamlio
from generator.kit.errors import StenogramError, did_you_mean
from generator.kit.files import MAX_INPUT_BYTES, read_regular

FILE_NAME = "persons.yaml"
# An office's dates: a day, a month or a year, as much as is known.
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ENTRY_KEYS = frozenset({"aliases", "sort", "offices"})


def registry_entry(name: str, *aliases: str) -> str:
    """The line of persons.yaml that declares ``name`` (with ``aliases``), as a warning shows it."""
    # One line of flow style, the outer braces taken off: "Ivan Petrov: {aliases: [Petrov Ivan]}".
    return yamlio.dump({name: {"aliases": list(aliases)} if aliases else {}}, flow=True).strip()[1:-1]


class Office(NamedTuple):
    """An office persons.yaml gives a person, with the dates it says:
    ``start`` and ``end`` as written (YYYY, YYYY-MM or YYYY-MM-DD), an
    end left out for an office still held or not known to have ended."""

    title: str
    start: str | None
    end: str | None


def read_registry(path: Path) -> bytes:
    """The registry's bytes, read once for its names, its digest and the
    build's stamp; a missing file is an empty registry, no bytes."""
    if not path.exists() and not path.is_symlink():
        return b""
    if path.is_dir():
        raise StenogramError(path, 1, "the persons registry is a folder; it must be a YAML file")
    return read_regular(path, MAX_INPUT_BYTES, "the persons registry")


@dataclass(frozen=True)
class PersonRegistry:
    """Maps every known form of a name to the person's display name."""

    forms: dict[str, str] = field(default_factory=dict)
    sort_keys: dict[str, str] = field(default_factory=dict)  # display name -> what it sorts by
    offices: dict[str, tuple[Office, ...]] = field(default_factory=dict)  # display name -> as persons.yaml gives them

    def canonical(self, form: str) -> str | None:
        return self.forms.get(form)

    def sort_key(self, name: str) -> str | None:
        """What ``name`` sorts by when persons.yaml says ('sort: Shen'), else None."""
        return self.sort_keys.get(name)

    def offices_of(self, name: str) -> tuple[Office, ...]:
        return self.offices.get(name, ())

    @property
    def display_names(self) -> frozenset[str]:
        return frozenset(self.forms.values())

    @classmethod
    def load(cls, path: Path, data: bytes | None = None) -> PersonRegistry:
        """The registry at ``path``, from ``data`` when it was read already
        (``read_registry``); a missing file is an empty registry."""
        if data is None:
            data = read_registry(path)
        if not data:
            return cls()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise StenogramError(path, data.count(b"\n", 0, error.start) + 1,
                                 f"cannot read the persons registry: not UTF-8 ({error.reason})") from None
        data, key_lines = yamlio.load(text, path)
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise StenogramError(path, 1, "the persons registry must map display names to {aliases: [...]}")
        forms: dict[str, str] = {}
        sort_keys: dict[str, str] = {}
        offices: dict[str, tuple[Office, ...]] = {}
        owner_line: dict[str, int] = {}
        for name, entry in data.items():
            line = key_lines.get(str(name), 1)
            if not isinstance(name, str) or not name.strip():
                raise StenogramError(path, line, f"person name {name!r} must be a non-empty string")
            unknown = sorted(map(str, set(entry) - _ENTRY_KEYS)) if isinstance(entry, dict) else []
            if unknown:
                hint = did_you_mean(unknown[0], _ENTRY_KEYS)
                raise StenogramError(path, line, f"'{name}': unknown key '{unknown[0]}'{hint}; "
                                                 f"a person has {', '.join(sorted(_ENTRY_KEYS))}")
            aliases = (entry or {}).get("aliases", []) if isinstance(entry, dict) else None
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
                raise StenogramError(path, line, f"'{name}': aliases must be a list of names")
            sort = entry.get("sort") if isinstance(entry, dict) else None
            if sort is not None:
                if not isinstance(sort, str) or not sort.strip():
                    raise StenogramError(path, line, f"'{name}': sort must be the name to sort by, like 'Shen'")
                sort_keys[name] = sort
            if isinstance(entry, dict) and entry.get("offices") is not None:
                offices[name] = _offices(entry["offices"], path, line, name)
            for form in (name, *aliases):
                claimed = forms.get(form)
                if claimed is not None and claimed != name:
                    raise StenogramError(
                        path, line,
                        f"'{form}' is claimed by both '{claimed}' (line {owner_line[form]}) and '{name}'",
                    )
                forms[form] = name
                owner_line.setdefault(form, line)
        return cls(forms, sort_keys, offices)


def _partial_date(value: object, path: Path, line: int, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):  # YAML reads an unquoted 2012-11-06 as a date
        return value.isoformat()
    text = str(value) if isinstance(value, int) else value
    match = _PARTIAL_DATE.match(text) if isinstance(text, str) else None
    try:
        if match is None:
            raise ValueError
        date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        raise StenogramError(path, line, f"{what} {value!r} must be a date: YYYY, YYYY-MM or YYYY-MM-DD") from None
    return text


def _offices(value: object, path: Path, line: int, name: str) -> tuple[Office, ...]:
    """``offices: [{title: Defence Minister, from: 2012-11-06, to: 2024-05-12}]``."""
    if not isinstance(value, list):
        raise StenogramError(path, line, f"'{name}': offices must be a list of {{title, from, to}}")
    offices = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or not entry["title"].strip():
            raise StenogramError(path, line, f"'{name}': each office needs a title, like {{title: Defence Minister, from: 2012-11-06}}")
        unknown = set(entry) - {"title", "from", "to"}
        if unknown:
            raise StenogramError(path, line, f"'{name}': an office has title, from and to, not {', '.join(sorted(map(str, unknown)))}")
        start = _partial_date(entry.get("from"), path, line, f"'{name}': office from")
        end = _partial_date(entry.get("to"), path, line, f"'{name}': office to")
        if start and end and end < start[: len(end)]:
            raise StenogramError(path, line, f"'{name}': office '{entry['title']}' ends ({end}) before it begins ({start})")
        offices.append(Office(entry["title"].strip(), start, end))
    return tuple(offices)

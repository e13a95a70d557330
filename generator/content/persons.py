"""content/persons.yaml: one display name per person, and the other forms
(trailer spellings, labels) that denote them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.kit import yamlio
from generator.kit.errors import StenogramError

FILE_NAME = "persons.yaml"


@dataclass(frozen=True)
class PersonRegistry:
    """Maps every known form of a name to the person's display name."""

    forms: dict[str, str] = field(default_factory=dict)
    sort_keys: dict[str, str] = field(default_factory=dict)  # display name -> what it sorts by

    def canonical(self, form: str) -> str | None:
        return self.forms.get(form)

    def sort_key(self, name: str) -> str | None:
        """What ``name`` sorts by when persons.yaml says ('sort: Shen'), else None."""
        return self.sort_keys.get(name)

    @property
    def display_names(self) -> frozenset[str]:
        return frozenset(self.forms.values())

    @classmethod
    def load(cls, path: Path) -> PersonRegistry:
        """Read the registry; a missing file is an empty registry."""
        if not path.exists():
            return cls()
        if path.is_dir():
            raise StenogramError(path, 1, "the persons registry is a folder; it must be a YAML file")
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise StenogramError(path, 1, f"cannot read the persons registry: {error.strerror}") from None
        except UnicodeDecodeError as error:
            raise StenogramError(path, 1, f"cannot read the persons registry: {error}") from None
        data, key_lines = yamlio.load(text, path)
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise StenogramError(path, 1, "the persons registry must map display names to {aliases: [...]}")
        forms: dict[str, str] = {}
        sort_keys: dict[str, str] = {}
        owner_line: dict[str, int] = {}
        for name, entry in data.items():
            line = key_lines.get(str(name), 1)
            if not isinstance(name, str) or not name.strip():
                raise StenogramError(path, line, f"person name {name!r} must be a non-empty string")
            aliases = (entry or {}).get("aliases", []) if isinstance(entry, dict) else None
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
                raise StenogramError(path, line, f"'{name}': aliases must be a list of names")
            sort = entry.get("sort") if isinstance(entry, dict) else None
            if sort is not None:
                if not isinstance(sort, str) or not sort.strip():
                    raise StenogramError(path, line, f"'{name}': sort must be the name to sort by, like 'Shen'")
                sort_keys[name] = sort
            for form in (name, *aliases):
                claimed = forms.get(form)
                if claimed is not None and claimed != name:
                    raise StenogramError(
                        path, line,
                        f"'{form}' is claimed by both '{claimed}' (line {owner_line[form]}) and '{name}'",
                    )
                forms[form] = name
                owner_line.setdefault(form, line)
        return cls(forms, sort_keys)

"""Given names: where a person's name starts after a title ("Minister of
Economic Development Maxim Reshetnikov"), shipped as data
(``given_names.txt``), to which each transcript adds the first words of
the names it declares."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

GIVEN_NAMES = frozenset(
    line.strip() for line in (Path(__file__).with_name("given_names.txt")).read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def name_starts(declared: Iterable[str]) -> frozenset[str]:
    """The given names, and the first word of every name declared."""
    return GIVEN_NAMES | {name.split()[0] for name in declared if name.split()}

"""Bad raw input in a run with good files: the good ones still import.

The exact message of every bad raw file is in tests/fixtures/invalid/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED
from generator.ingest.importer import import_paths
from generator.ingest.raw import MAX_BYTES

SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_other_files_still_import(tmp_path: Path) -> None:
    bad = tmp_path / "a-bad.txt"
    bad.write_text("Events\n", encoding="utf-8")
    good = tmp_path / "b-good.txt"
    good.write_text(SEED_TEXT, encoding="utf-8")
    report = import_paths([tmp_path], tmp_path / "content")
    assert [r.status for r in report.results] == ["failed", "written"]
    assert not report.ok

"""Speaker labels as the source misprints them: each fixture in
tests/fixtures/speakers/ gives the exact front matter and warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES
from generator.content.file_format import split
from generator.ingest.importer import import_paths

SPEAKERS = FIXTURES / "speakers"
CASES = sorted(p.stem for p in SPEAKERS.glob("*.txt"))


@pytest.mark.parametrize("case", CASES)
def test_speaker_fixture(case: str, tmp_path: Path) -> None:
    source = SPEAKERS / f"{case}.txt"
    expected = yaml.safe_load((SPEAKERS / f"{case}.yaml").read_text(encoding="utf-8"))
    [result] = import_paths([source], tmp_path).results
    assert result.error is None, str(result.error)
    front, body, _ = split(result.target.read_text(encoding="utf-8"), result.target)
    front_matter = yaml.safe_load(front)
    front_matter.pop("source")
    assert front_matter == expected["front_matter"]
    assert [str(w) for w in result.warnings] == [w.format(file=source) for w in expected["warnings"]]
    assert "Thank you, colleagues." in body  # the speech itself is never lost

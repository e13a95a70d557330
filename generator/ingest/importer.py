"""Import raw files into content/: parse, resolve people, write safely."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from generator import yamlio
from generator.document import split
from generator.errors import Diagnostic, StenogramError
from generator.ingest import raw as raw_format
from generator.ingest.markdown import transcript_document
from generator.ingest.turns import segment
from generator.persons import FILE_NAME, PersonRegistry
from generator.progress import SILENT, Reporter
from generator.slugs import slugify
from generator.write import archive_file, write_file_atomic

Status = Literal["written", "unchanged", "failed"]


@dataclass(frozen=True)
class FileResult:
    source: Path
    status: Status
    target: Path | None = None
    error: StenogramError | None = None
    warnings: tuple[Diagnostic, ...] = ()
    archived: Path | None = None


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def collect_sources(paths: list[Path], *, empty_ok: bool = False) -> list[Path]:
    """Files as given; folders give their *.txt files, sorted by name. A
    folder named on purpose that holds none is an error, unless ``empty_ok``
    (a drop folder with nothing new)."""
    sources: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found and not empty_ok:
                raise StenogramError(path, 1, "folder holds no *.txt transcripts")
            sources.extend(found)
        else:
            sources.append(path)
    return sources


def import_paths(
    paths: list[Path],
    content_dir: Path,
    *,
    force: bool = False,
    archive_dir: Path | None = None,
    empty_ok: bool = False,
    reporter: Reporter = SILENT,
) -> ImportReport:
    """Import every source; with ``archive_dir``, each source that imported
    (written or unchanged) is moved to ``archive_dir/<YYYY>/`` so that a drop
    folder holds only what still needs attention."""
    registry = PersonRegistry.load(content_dir / FILE_NAME)
    report = ImportReport()
    sources = collect_sources(paths, empty_ok=empty_ok)
    with reporter.stage("import", len(sources)) as advance:
        for source in sources:
            try:
                result = import_file(source, content_dir, registry, force=force)
                if archive_dir is not None and result.target is not None:
                    year = result.target.parent.name
                    result = replace(result, archived=archive_file(source, archive_dir / year))
            except StenogramError as error:
                result = FileResult(source, "failed", error=error)
            report.results.append(result)
            advance(1)
    return report


def import_file(
    source: Path, content_dir: Path, registry: PersonRegistry, *, force: bool = False
) -> FileResult:
    if not source.exists():
        raise StenogramError(source, 1, "no such file")
    raw = raw_format.parse(source)
    blocks, resolution = segment(raw, registry)
    base_slug = slugify(raw.title.text)
    if not base_slug:
        raise StenogramError(
            source, raw.title.number, f"title '{raw.title.text}' gives an empty slug (no letters or digits)"
        )
    folder = content_dir / f"{raw.day.year:04d}"
    stem = raw.day.isoformat()
    # Two events with one title on one day: the second gets '-2' and a slug key.
    for number in range(1, 100):
        slug = base_slug if number == 1 else f"{base_slug}-{number}"
        target = folder / f"{stem}-{slug}.md"
        text = transcript_document(raw, blocks, resolution, slug if number > 1 else None)
        if not target.exists():
            write_file_atomic(target, text)
            return FileResult(source, "written", target, warnings=tuple(resolution.warnings))
        existing = target.read_text(encoding="utf-8", errors="replace")
        if existing == text:
            return FileResult(source, "unchanged", target, warnings=tuple(resolution.warnings))
        if _source_file(existing, target) == source.name:
            if not force:
                raise StenogramError(
                    source, 1,
                    f"{target} differs from what import would write (edited by hand?); "
                    "use --force to overwrite it",
                )
            write_file_atomic(target, text)
            return FileResult(source, "written", target, warnings=tuple(resolution.warnings))
    raise StenogramError(source, raw.title.number, f"too many events titled '{raw.title.text}' on {stem}")


def _source_file(text: str, path: Path) -> str | None:
    """The raw file name recorded in an existing content file, if readable."""
    try:
        front, _, _ = split(text, path)
        data, _ = yamlio.load(front, path)
    except StenogramError:
        return None
    source = data.get("source") if isinstance(data, dict) else None
    return source.get("file") if isinstance(source, dict) else None

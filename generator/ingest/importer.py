"""Import raw files into content/: parse, resolve people, write safely."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from generator.content.file_format import as_split, body_of, not_an_address, placed, read_file, web_address
from generator.content.persons import FILE_NAME, PersonRegistry
from generator.ingest import raw as raw_format
from generator.ingest.front_matter import content_body, front_matter
from generator.ingest.raw_store import keep_raw
from generator.ingest.statements import segment
from generator.ingest.written import as_written, sign
from generator.kit.errors import Diagnostic, StenogramError
from generator.kit.files import missing, write_file_atomic
from generator.kit.progress import SILENT, Reporter
from generator.kit.slugs import slugify
from generator.kit.workers import cores, parallel_map

Status = Literal["written", "unchanged", "failed"]


@dataclass(frozen=True)
class FileResult:
    source: Path
    status: Status
    target: Path | None = None
    error: StenogramError | None = None
    warnings: tuple[Diagnostic, ...] = ()
    kept_as: Path | None = None
    upgraded: bool = False  # unchanged, but rewritten with what older imports did not record
    # Written again with the names resolved anew (persons.yaml changed): each "label: before -> now".
    resolved_again: tuple[str, ...] = ()


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    notes: list[Path] = field(default_factory=list)  # in the folders given, passed over

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def is_note(path: Path) -> bool:
    """A note that travels with raw files, not a transcript: its name is in
    capitals, as ATTRIBUTION.txt, README.txt and LICENSE.txt are."""
    return path.stem.isupper()


def collect_sources(paths: list[Path], *, empty_ok: bool = False) -> tuple[list[Path], list[Path]]:
    """The raw files to import, and the notes passed over. Files are taken
    as given; a folder gives its *.txt files and those of the folders below
    it (raw/<YYYY>/), sorted by path, less its notes (``is_note``) and
    hidden files. A folder named on purpose that holds no transcript is an
    error, unless ``empty_ok`` (a drop folder with nothing new)."""
    sources: list[Path] = []
    notes: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt")
                           if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
            notes += [p for p in found if is_note(p)]
            found = [p for p in found if not is_note(p)]
            if not found and not empty_ok:
                raise StenogramError(path, 1, "folder holds no *.txt transcripts")
            sources.extend(found)
        else:
            sources.append(path)
    return sources, notes


@dataclass(frozen=True)
class Draft:
    """What a raw file becomes, before it is placed in content/."""

    source: Path
    folder: str  # YYYY
    stem: str  # YYYY-MM-DD
    slug: str
    title: str
    title_line: int
    front: dict[str, Any]  # the front matter, for the plain slug
    text: str  # the content file, signed: made where the raw file was parsed (a worker)
    warnings: tuple[Diagnostic, ...]
    sha256: str  # of the raw text (line ends made LF)
    source_url: str | None = None  # given on the command line
    bytes_sha256: str = ""  # of the raw file's bytes, what older imports recorded

    def front_for(self, slug: str) -> dict[str, Any]:
        """The front matter of the event of this title and day numbered ``slug``."""
        return self.front if slug == self.slug else placed(self.front, "slug", slug)

    @property
    def body(self) -> str:
        """The body's Markdown, as the content file holds it after the front matter."""
        return body_of(self.text)

    def signed(self, front: dict[str, Any]) -> str:
        """The content file of ``front`` and the body, as import writes it."""
        return self.text if front is self.front else sign(front, self.body)

    @property
    def digests(self) -> tuple[str, ...]:
        """Every digest a content file from this raw text may record."""
        return (self.sha256, self.bytes_sha256)


def draft(source: Path, registry: PersonRegistry, source_url: str | None = None) -> Draft:
    """Parse ``source`` and write its content file in memory; ``source_url``
    is the original's address when the command line gives it."""
    if not source.exists():
        problem = missing(source, "the raw file")
        raise StenogramError(source, 1, "no such file" if problem.endswith("not found") else problem)
    raw = raw_format.parse(source)
    blocks, resolution = segment(raw, registry)
    base_slug = slugify(raw.title.text)
    if not base_slug:
        raise StenogramError(
            source, raw.title.number, f"title '{raw.title.text}' gives an empty slug (no letters or digits)"
        )
    front, body = front_matter(raw, resolution, source_url), content_body(raw, blocks)
    return Draft(
        source, f"{raw.day.year:04d}", raw.day.isoformat(), base_slug, raw.title.text, raw.title.number,
        front, sign(front, body), tuple(resolution.warnings), raw.sha256, source_url, raw.bytes_sha256,
    )


def import_paths(
    paths: list[Path],
    content_dir: Path,
    *,
    force: bool = False,
    raw_dir: Path | None = None,
    empty_ok: bool = False,
    jobs: int | None = None,
    source_url: str | None = None,
    reporter: Reporter = SILENT,
) -> ImportReport:
    """Import every source; with ``raw_dir``, each source that imported
    (written or unchanged) is moved to ``raw_dir/<YYYY>/`` so that a drop
    folder holds only what still needs attention. Parsing runs in ``jobs``
    worker processes; files are placed one by one, in order, so that the
    numbering of same-title events never depends on timing."""
    registry = PersonRegistry.load(content_dir / FILE_NAME)
    report = ImportReport()
    sources, report.notes = collect_sources(paths, empty_ok=empty_ok)
    if source_url is not None:
        if len(sources) != 1:
            raise StenogramError(paths[0] if paths else content_dir, 1,
                                 "--source-url names the original of one raw file; give exactly one")
        given, source_url = source_url, web_address(source_url)
        if source_url is None:
            raise StenogramError(sources[0], 1, f"--source-url {not_an_address(given)}")

    def attempt(source: Path) -> Draft | StenogramError:
        try:
            return draft(source, registry, source_url=source_url)
        except StenogramError as error:
            return error

    with reporter.stage("import", len(sources)) as advance:
        for source, drafted in zip(sources, parallel_map(attempt, sources, jobs or cores(), chunksize=16)):
            try:
                if isinstance(drafted, StenogramError):
                    raise drafted
                result = place(drafted, content_dir, force=force)
                if raw_dir is not None and result.target is not None:
                    kept = keep_raw(source, raw_dir / drafted.folder)
                    # Its warnings name the raw file where it is now, not where it was dropped.
                    warnings = tuple(replace(w, path=str(kept)) if w.path == str(source) else w for w in result.warnings)
                    result = replace(result, kept_as=kept, warnings=warnings)
            except StenogramError as error:
                result = FileResult(source, "failed", error=error)
            except OSError as error:  # a full disk, a read-only content/ or raw/: this file fails, the rest go on
                where = error.filename or content_dir
                result = FileResult(source, "failed", error=StenogramError(
                    source, 1, f"cannot write {where}: {error.strerror}"))
            report.results.append(result)
            advance(1)
    return report


def import_file(
    source: Path, content_dir: Path, registry: PersonRegistry, *, force: bool = False
) -> FileResult:
    return place(draft(source, registry), content_dir, force=force)


def place(drafted: Draft, content_dir: Path, *, force: bool = False) -> FileResult:
    """Write ``drafted`` into content/, unless the same transcript is there.

    A transcript is known by its date and title, then by its raw text: of
    the files for that date and title (``-2``, ``-3``… when several events
    share them), one that holds the same raw text, or one whose source
    cannot be told (its ``source`` removed by hand, or an import of the
    same file name from before digests were kept), is this transcript;
    any other is a different event, and this one takes the next number."""
    source, folder = drafted.source, content_dir / drafted.folder
    for number in range(1, 100):
        slug = drafted.slug if number == 1 else f"{drafted.slug}-{number}"
        target = folder / f"{drafted.stem}-{slug}.md"
        front = drafted.front_for(slug)
        if not target.exists():
            write_file_atomic(target, drafted.signed(front))
            return FileResult(source, "written", target, warnings=drafted.warnings)
        existing = target.read_text(encoding="utf-8", errors="replace")
        old = _read(existing, target)
        recorded, updated = _recorded(old)
        # A correction's time, once written, is part of what import writes for this text.
        if updated:
            front = placed(front, "updated", updated)
        kept = drafted.signed(front)
        if existing == kept:
            return FileResult(source, "unchanged", target, warnings=drafted.warnings)
        ours = recorded and recorded.get("file") == drafted.source.name
        if ours and _older_import(old, front, drafted.body, drafted.digests):
            # Imported from this file by an import that wrote less: the same
            # transcript, brought up to what import writes today.
            write_file_atomic(target, kept)
            return FileResult(source, "unchanged", target, warnings=drafted.warnings, upgraded=True)
        if ours and recorded.get("sha256") in drafted.digests and as_written(existing):
            # Import's own file, untouched since, of this very text: what differs
            # is how its names resolve (persons.yaml changed). Written again, and said.
            write_file_atomic(target, kept)
            return FileResult(source, "written", target, warnings=drafted.warnings,
                              resolved_again=_names_changed(old[0], front) if old else ())
        same = _same_transcript(recorded, drafted, target)
        if same is None:
            continue  # another event of this title and day
        problem, forcible = same
        if not (force and forcible):
            raise StenogramError(source, 1, problem)
        if recorded and recorded.get("sha256") not in (None, *drafted.digests):
            # A newer text of this transcript replaces the one imported: a correction, dated now.
            kept = drafted.signed(placed(front, "updated", _now()))
        write_file_atomic(target, kept)
        return FileResult(source, "written", target, warnings=drafted.warnings)
    raise StenogramError(source, drafted.title_line, f"too many events titled '{drafted.title}' on {drafted.stem}")


def _same_transcript(recorded: dict | None, drafted: Draft, target: Path) -> tuple[str, bool] | None:
    """None when ``target`` is another event; else why it is this one and
    cannot simply be written, and whether --force may overwrite it."""
    edited = f"{target} differs from what import would write (edited by hand?); use --force to overwrite it"
    if recorded is None:
        return (f"{target} has the same date and title but no 'source' to tell which raw text it came from; "
                "use --force to overwrite it, or set its 'slug' if it is another event"), True
    name, sha256 = recorded.get("file"), recorded.get("sha256")
    if sha256 in drafted.digests:
        if name != drafted.source.name:
            return f"the same raw text is already imported as {target} (from '{name}'); not imported twice", False
        return edited, True
    if name == drafted.source.name:
        if sha256 is None:
            return edited, True
        return (f"{target} came from a different text with the same file name (a newer version, or another "
                "folder's file); use --force to replace it"), True
    return None


def _read(text: str, path: Path) -> tuple[dict, str] | None:
    """An existing content file's front matter and its body's text, read
    once for everything import asks of it; None when it is no content file."""
    try:
        front, body, _ = read_file(text, path)
    except StenogramError:
        return None
    return front.data, body


def _older_import(old: tuple[dict, str] | None, front: dict, body: str, digests: tuple[str, ...]) -> bool:
    """Whether ``old`` is the file of ``front`` and ``body`` as an older
    import wrote it: the same body and front matter, without what import
    has since learnt to add (the raw text's digest, or its digest as it now
    reads the text; the people listed as present, the names among them it
    had to guess)."""
    if old is None or old[1] != as_split(body):
        return False

    def parts(data: dict) -> tuple[dict, dict]:
        source = data.get("source")
        source = dict(source) if isinstance(source, dict) else {}
        source.pop("written", None)
        added = {"attending": data.get("attending"), "sha256": source.pop("sha256", None),
                 "unsettled": source.pop("unsettled", [])}
        return {**{k: v for k, v in data.items() if k != "attending"}, "source": source}, added

    (old_rest, old_added), (new_rest, new_added) = parts(old[0]), parts(front)
    return (old_rest == new_rest
            and old_added["attending"] in (None, new_added["attending"])
            and old_added["sha256"] in (None, *digests)
            and isinstance(old_added["unsettled"], list)
            and set(map(str, old_added["unsettled"])) <= set(new_added["unsettled"]))


def _names_changed(old: dict, new: dict) -> tuple[str, ...]:
    """How the names of the front matter ``old`` resolve in ``new``: each
    speaker's label and each entry of those present whose person changed."""
    changed = []
    for key in ("speakers", "attending"):
        before = old.get(key) if isinstance(old.get(key), dict) else {}
        now = new.get(key) if isinstance(new.get(key), dict) else {}
        for label in dict.fromkeys([*before, *now]):
            if before.get(label) != now.get(label):
                changed.append(f"{label}: {before.get(label)} -> {now.get(label)}")
    return tuple(dict.fromkeys(changed))


def _recorded(old: tuple[dict, str] | None) -> tuple[dict | None, str | None]:
    """The 'source' mapping of an existing content file, if it has one, and
    its 'updated' as written, if it has one."""
    if old is None:
        return None, None
    source, updated = old[0].get("source"), old[0].get("updated")
    if isinstance(updated, datetime):  # written without quotes
        updated = updated.isoformat()
    return (source if isinstance(source, dict) else None), (updated if isinstance(updated, str) else None)


def _now() -> str:
    """The time of a correction's import; the build itself never reads the clock."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()

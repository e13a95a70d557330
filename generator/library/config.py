"""Site configuration: one TOML file, validated once, before any work."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from generator.kit.characters import forbidden_in
from generator.kit.errors import StenogramError, did_you_mean
from generator.kit.files import MAX_SETTINGS_BYTES, read_regular


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    base_url: str  # absolute, ends with '/'
    language: str
    items_per_page: int = 50
    latest_on_home: int = 12
    feed_entries: int = 50
    source_name: str = "President of Russia, kremlin.ru"
    source_url: str = "https://en.kremlin.ru/events/president"
    licence_name: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"
    # What a clock time on a page is given in: the source prints Moscow local time.
    time_zone_name: str = "Moscow time"
    # How many transcripts one search shard holds before the next begins:
    # bounds Pagefind's memory while indexing (about 0.5 MiB a page) and the
    # metadata a reader's browser fetches for each shard it searches.
    search_shard_pages: int = 1500

    def absolute(self, url: str) -> str:
        """'/events/x/' -> 'https://host/prefix/events/x/'."""
        return self.base_url.rstrip("/") + url

    @property
    def host(self) -> str:
        """'stenogram.example.org': links to it are links into the site."""
        return self.base_url.split("://", 1)[1].split("/", 1)[0].lower()

    @property
    def path_prefix(self) -> str:
        """'' for a site at the host's root, '/repo' for one under a path."""
        after_host = self.base_url.split("://", 1)[1]
        return "/" + after_host.split("/", 1)[1].rstrip("/") if "/" in after_host.rstrip("/") else ""


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, flags=re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def read_config(path: Path) -> bytes:
    """The configuration file's bytes: read once, for its settings and for
    the digest every page's key holds."""
    if not path.exists() and not path.is_symlink():
        raise StenogramError(path, 1, "configuration file not found")
    return read_regular(path, MAX_SETTINGS_BYTES, "the configuration")


def load_config(path: Path, data: bytes | None = None) -> SiteConfig:
    """The settings of ``path``, from ``data`` when it was read already."""
    if data is None:
        data = read_config(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StenogramError(path, data.count(b"\n", 0, error.start) + 1,
                             f"cannot read the configuration: not UTF-8 ({error.reason})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise StenogramError(path, int(match.group(1)) if match else 1, f"invalid TOML: {error}") from None
    site = data.get("site")
    if not isinstance(site, dict):
        raise StenogramError(path, 1, "missing [site] table")
    known = {f.name: f for f in fields(SiteConfig)}
    for key in site:
        if key not in known:
            hint = did_you_mean(key, known, "site.")
            raise StenogramError(path, _line_of(text, key), f"unknown setting 'site.{key}'{hint}")
    values = {}
    for name, field in known.items():
        if name not in site:
            if field.default is field.default_factory:  # no default: required
                raise StenogramError(path, 1, f"missing setting 'site.{name}'")
            continue
        value = site[name]
        expected = int if field.type == "int" else str
        if type(value) is not expected or (expected is str and not value.strip()):
            kind = "a whole number" if expected is int else "a non-empty string"
            raise StenogramError(path, _line_of(text, name), f"'site.{name}' must be {kind}")
        if expected is int and value < 1:
            raise StenogramError(path, _line_of(text, name), f"'site.{name}' must be at least 1")
        if expected is str and (problem := forbidden_in(value)) is not None:
            raise StenogramError(path, _line_of(text, name), f"'site.{name}': {problem}")
        values[name] = value
    base = values["base_url"]
    if not re.match(r"^https?://[^/\s]+(/[^\s]*)?$", base):
        raise StenogramError(path, _line_of(text, "base_url"), "'site.base_url' must be an absolute http(s) URL")
    values["base_url"] = base if base.endswith("/") else base + "/"
    return SiteConfig(**values)

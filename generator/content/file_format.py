"""The content file format, read and written here: YAML front matter
between '---' lines, then the Markdown body (whose blocks
content/markdown.py reads and writes). The front matter is typed on the
way in (``FrontMatter``: each value checked, each error at its key's
line) and kept in the contract's order on the way out (``KEY_ORDER``);
docs/content-format.md is the contract."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from generator.kit import yamlio
from generator.kit.errors import StenogramError

FENCE = "---"
# The front matter's keys in the order import writes them, and its source's.
KEY_ORDER = ("title", "date", "updated", "slug", "summary", "sections", "geography", "topics", "persons",
             "speakers", "attending", "photos", "source")


def compose(front_matter: dict[str, Any], body: str) -> str:
    return f"{FENCE}\n{yamlio.dump(front_matter)}{FENCE}\n{as_split(body)}"


def as_split(body: str) -> str:
    """The body's text as ``split`` gives it back from a file ``compose`` wrote."""
    return f"\n{body.rstrip()}\n"


def body_of(text: str) -> str:
    """The body ``compose`` wrote into ``text`` (less the blank line before it)."""
    return text[text.index(f"\n{FENCE}\n") + len(FENCE) + 3:-1]


def split(text: str, path: str | Path) -> tuple[str, str, int]:
    """Front matter text, body text, and the file line on which the body starts."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise StenogramError(path, 1, "no front matter: the file must start with a '---' line")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1 :]), index + 2
    raise StenogramError(path, 1, "front matter is not closed: no second '---' line")


# What source.url may be: it becomes a link on the page, so only the web's own schemes.
WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s/]+(?:/\S*)?$")
MAX_ADDRESS = 2000  # what browsers and servers take; a longer "address" is a paste gone wrong


def web_address(text: str) -> str | None:
    """``text`` as an original's address (its scheme in lower case, as
    'HTTPS://' means the same), or None when it is none or too long."""
    scheme, colon, rest = text.partition(":")
    address = scheme.lower() + colon + rest
    return address if len(address) <= MAX_ADDRESS and WEB_ADDRESS.match(address) else None


def not_an_address(text: str) -> str:
    """Why ``text`` is no original's address, for a message (the text clipped)."""
    shown = text if len(text) <= 80 else text[:77] + "…"
    if len(text) > MAX_ADDRESS:
        return f"'{shown}' is {len(text):,} characters; an address may be at most {MAX_ADDRESS:,}"
    return f"'{shown}' is not a web address (http:// or https://)"


class FrontMatter:
    """Typed access to the front matter's values, each error at its key's line."""

    def __init__(self, path: Path, data: dict[str, Any], key_lines: dict[str, int]) -> None:
        self.path, self.data, self.key_lines = path, data, key_lines

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 2)

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise StenogramError(self.path, 2, f"missing required key '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            raise StenogramError(self.path, self.line_of(key), f"'{key}' must be a non-empty string")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise StenogramError(self.path, self.line_of(key), f"'{key}' must be a list of non-empty strings")
        return tuple(value)

    def date(self) -> datetime:
        moment = self.moment("date")
        if moment is None:
            raise StenogramError(self.path, 2, "missing required key 'date'")
        return moment

    def updated(self, published: datetime) -> datetime | None:
        """When the transcript was last corrected, if it was: never before it was given."""
        moment = self.moment("updated")
        if moment is not None and moment < published:
            raise StenogramError(self.path, self.line_of("updated"),
                                 f"updated {moment.isoformat()} is before the transcript's date {published.isoformat()}")
        return moment

    def moment(self, key: str) -> datetime | None:
        value, line = self.data.get(key), self.line_of(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                raise StenogramError(self.path, line, f"{key} '{value}' is not an ISO 8601 date and time") from None
        if not isinstance(value, datetime):
            raise StenogramError(self.path, line, f"{key} must be a date and time with an offset, like 2015-10-07T14:20:00+03:00")
        if value.tzinfo is None:
            raise StenogramError(self.path, line, f"{key} has no UTC offset (add one, like +03:00)")
        try:
            value.astimezone(timezone.utc)  # feeds, sitemaps and search give the moment in UTC
        except OverflowError:
            raise StenogramError(self.path, line, f"{key} {value.isoformat()} falls outside the years 1 to 9999 "
                                 "once given in UTC") from None
        offset = value.utcoffset()
        if offset is not None and (offset.seconds % 60 or offset.microseconds):
            # Atom and sitemaps can only write an offset in hours and minutes.
            raise StenogramError(self.path, line, f"{key}'s UTC offset has seconds; give hours and minutes, like +03:00")
        return value

    def speakers(self) -> dict[str, str | None]:
        value = self.data.get("speakers") or {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and (v is None or isinstance(v, str) and v.strip()) for k, v in value.items()
        ):
            raise StenogramError(self.path, self.line_of("speakers"), "'speakers' must map each label to a person's name, or to null")
        return value

    def attending(self) -> dict[str, str]:
        value = self.data.get("attending") or {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip() for k, v in value.items()
        ):
            raise StenogramError(self.path, self.line_of("attending"),
                                 "'attending' must map each name as printed to a person's name")
        return value

    def source(self) -> dict:
        value = self.data.get("source") or {}
        line = self.line_of("source")
        if not isinstance(value, dict):
            raise StenogramError(self.path, line, "'source' must be a mapping")
        url = value.get("url")
        if url is not None and not (isinstance(url, str) and web_address(url)):
            shown = repr(url) if not isinstance(url, str) or len(url) <= 100 else repr(url[:99] + "…")
            raise StenogramError(self.path, line, f"source url {shown} must be a web address (http:// or https://) "
                                 f"of at most {MAX_ADDRESS:,} characters")
        unsettled = value.get("unsettled", [])
        if not isinstance(unsettled, list) or not all(isinstance(n, str) and n.strip() for n in unsettled):
            raise StenogramError(self.path, line, "source unsettled must be a list of names")
        retrieved = value.get("retrieved")
        if retrieved is not None:
            try:
                date.fromisoformat(str(retrieved))
            except ValueError:
                raise StenogramError(self.path, line, f"source retrieved {retrieved!r} must be a date like 2015-10-07") from None
        return value


def read_file(text: str, path: Path) -> tuple[FrontMatter, str, int]:
    """A content file's front matter, typed, its body's text, and the line the body starts on."""
    front_text, body, body_line = split(text, path)
    values, key_lines = yamlio.load(front_text, path, first_line=2)
    if not isinstance(values, dict):
        raise StenogramError(path, 2, "front matter must be a mapping of keys to values")
    return FrontMatter(path, values, key_lines), body, body_line


def placed(front: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """``front`` with ``key`` set to ``value``, in its place in KEY_ORDER:
    after the last key that comes before it there; the rest as they were."""
    rank = KEY_ORDER.index(key)
    items = [(k, v) for k, v in front.items() if k != key]
    at = max((i + 1 for i, (k, _) in enumerate(items) if k in KEY_ORDER and KEY_ORDER.index(k) < rank), default=0)
    items.insert(at, (key, value))
    return dict(items)

"""Where an internal link of a page leads: one rule for the build's own
check and for ``stenogram check``."""

from __future__ import annotations

import posixpath
import re
from typing import Callable
from urllib.parse import unquote, urlsplit

OUTSIDE = "\0outside the site's path"  # a target no file can have
# A root-relative path of plain segments, with a plain fragment or none: how
# the build writes nearly every link. Nothing in it is quoted, relative or
# doubled, so it needs no parsing, unquoting or normalising.
_PLAIN = re.compile(r"/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/?)*(?:#[A-Za-z0-9._~-]*)?\Z")


def link_target(page: str, link: str, prefix: str, is_folder: Callable[[str], bool],
                host: str = "") -> tuple[str | None, str]:
    """The file below the site that ``link`` on ``page`` (both paths below
    the site) leads to, None when it leaves the site, and its fragment. A
    folder leads to its index.html; ``prefix`` is the site's URL path and
    ``host`` its host: an absolute link to it (https://host/…, //host/…)
    is a link into the site like any other."""
    if _PLAIN.match(link):
        path, _, fragment = link.partition("#")
        if prefix and not (path == prefix or path.startswith(prefix + "/")):
            return OUTSIDE, fragment
        path = path[len(prefix):].lstrip("/")
        if not path or path.endswith("/"):
            return path + "index.html", fragment
        return (path + "/index.html" if is_folder(path) else path), fragment
    return parsed_target(page, link, prefix, is_folder, host)


def parsed_target(page: str, link: str, prefix: str, is_folder: Callable[[str], bool],
                  host: str = "") -> tuple[str | None, str]:
    """``link_target`` for any link, by parsing it whole."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        own = host and parts.netloc.lower() == host and parts.scheme.lower() in ("", "http", "https")
        if not own:
            return None, ""
        if not parts.path.startswith("/"):
            return page if not parts.path else None, parts.fragment
        parts = parts._replace(scheme="", netloc="")
    if not parts.path:
        return page, parts.fragment
    path = unquote(parts.path)
    if path.startswith("/"):
        if prefix and not (path == prefix or path.startswith(prefix + "/")):
            return OUTSIDE, parts.fragment
        path = path[len(prefix):].lstrip("/")
    else:
        path = posixpath.join(posixpath.dirname(page), path)
    folder = path.endswith("/") or not path
    path = posixpath.normpath(path) if path else "."
    path = "" if path == "." else path
    if folder or is_folder(path):
        path = posixpath.join(path, "index.html")
    return path, parts.fragment

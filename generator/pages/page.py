"""The Page type, and the key derived from what a page is made from.

A page is made by ``view(data, env)``: ``data`` is everything the page
shows (events, counts, names), ``env`` is the same for every page of a
build (the configuration, the URL of each name, each event's body by its
event). Its key is the digest of the settings (code, templates and
configuration), its URL and template, the view's name and the fingerprint
of ``data``. A view is a plain module-level function, so it reads nothing
but its arguments: whatever a template is given to show is in ``data`` or
follows from it, and so is in the key. Nobody lists a page's inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from generator.content.bodies import BodyStore
from generator.kit.hashing import digest
from generator.library.config import SiteConfig
from generator.library.urls import Urls
from generator.pages.keys import fingerprint
from generator.pages.keywords import KeyWord


@dataclass(frozen=True)
class Env:
    """What every view may use besides its data; each follows from the key's parts."""

    config: SiteConfig  # in the settings digest
    urls: Urls  # the URL of a name follows from the name
    bodies: BodyStore  # the body of an event follows from the event's key
    # Each qualifying person's own words, found by the search stage: only
    # pages rendered after it (``Page.after_search``) are given them, and
    # their keys are made then, with the entry they show.
    key_words: dict[str, tuple[KeyWord, ...]] | None = None


@dataclass(frozen=True)
class Page:
    url: str
    origin: str  # the file or index the page comes from, for clash messages
    template: str | None  # a Jinja template; None: the view returns the file's bytes
    view: Callable[[Any, Env], Any]
    data: Any
    # Its data is the whole archive (every event's card, every page): it is
    # rendered by the process that holds the model, never sent to another.
    whole_archive: bool = False
    # It shows what the search stage finds of this person (their entry of
    # ``Env.key_words``): rendered after the search index, and only when
    # that entry or its own key changed.
    after_search: str | None = None

    def key(self, settings: bytes) -> str:
        """Same key, same bytes: what the build compares with the last build's."""
        view = f"{self.view.__module__}.{self.view.__qualname__}\0{self.template or ''}"
        return digest(settings, self.url.encode(), view.encode(), fingerprint(self.data))

    def searched_key(self, key: str, env: Env) -> str:
        """The key of a page rendered after the search (``after_search``):
        its own, with what the search found of its person."""
        return digest(key.encode(), fingerprint(env.key_words.get(self.after_search) if env.key_words else None))

    def render_data(self, env: Env) -> Any:
        return self.view(self.data, env)

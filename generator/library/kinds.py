"""The kinds of group a transcript belongs to, described once: the site's
URLs, the library, the index and list pages, the feeds and the search
filters all read this table, so a new kind of group is one row here (and
its templates' words)."""

from __future__ import annotations

from typing import NamedTuple


class GroupKind(NamedTuple):
    kind: str  # in messages, open data and templates: "topic"
    plural: str  # the Library's and the URL table's attribute: "topics"
    folder: str  # the URL folder of its pages and index: /topics/<slug>/
    front_matter: str  # the key that names them in a content file
    title: str  # of its index page
    search_filter: str  # the Pagefind filter an event page gives each of its names
    filter_title: str  # that filter's name on the search page
    filter_aliases: tuple[str, ...] = ()  # the filter's names in links shared before it was renamed


# Links shared before the speaker filter was so named said "person".
PERSON = GroupKind("person", "persons", "persons", "persons", "Persons", "speaker", "Speaker", ("person",))
TOPIC = GroupKind("topic", "topics", "topics", "topics", "Topics", "topic", "Topic")
PLACE = GroupKind("place", "places", "geography", "geography", "Geography", "place", "Place")
SECTION = GroupKind("section", "sections", "sections", "sections", "Sections", "section", "Section")

KINDS = (PERSON, TOPIC, PLACE, SECTION)
# The kinds whose pages list transcripts alike (a person's page is its own).
GROUP_KINDS = (TOPIC, PLACE, SECTION)
BY_KIND = {kind.kind: kind for kind in KINDS}

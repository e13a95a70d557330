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


PERSON = GroupKind("person", "persons", "persons", "persons", "Persons", "speaker")
TOPIC = GroupKind("topic", "topics", "topics", "topics", "Topics", "topic")
PLACE = GroupKind("place", "places", "geography", "geography", "Geography", "place")
SECTION = GroupKind("section", "sections", "sections", "sections", "Sections", "section")

KINDS = (PERSON, TOPIC, PLACE, SECTION)
# The kinds whose pages list transcripts alike (a person's page is its own).
GROUP_KINDS = (TOPIC, PLACE, SECTION)
BY_KIND = {kind.kind: kind for kind in KINDS}

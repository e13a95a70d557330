"""Speaker labels: what a label looks like, and whose name it carries.

A label is decided by its shape, never by "anything before a colon": it
starts with a capital, ends in a capitalised name (or is an anonymous role
such as ``Question``), may carry a title (``President of Russia``), a role
after a comma (``, moderator``) and notes in round or square brackets
anywhere (``(retranslated)``, ``[via video link]``), and holds no sentence
punctuation. Prose such as "I have a question: What…"
fails on its lower-case words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.model import label_core

MAX_LABEL = 200
# Small words that titles and names contain without being prose.
CONNECTORS = frozenset(
    "of the and for at on in to under with & de da del der den di du la le van von al el bin ibn y".split()
)
ANONYMOUS = frozenset(
    "Question Questions Remark Remarks Reply Response Answer Comment Interpreter "
    "Voice Voices Journalist Audience Participant Participants Moderator Presenter "
    "Host Retort Replica Laughter Applause".split()
)
# Words that end a title or an organisation rather than start a person's name.
TITLE_WORDS = frozenset(
    """President Vice Minister Prime Premier Deputy First Chancellor Governor Mayor
    Chairman Chairwoman Chair Director General Secretary Speaker Head Chief Ambassador
    Envoy Representative Commissioner Prosecutor Judge Justice Commander Admiral Marshal
    Colonel Major Lieutenant Captain Sergeant Officer Emir King Queen Prince Princess
    Sheikh Sultan Pope Patriarch Metropolitan Archbishop Bishop Mufti Rabbi Rector Dean
    Professor Academician Editor Correspondent Anchor Presenter Founder CEO Executive
    Member Adviser Advisor Aide Spokesman Spokeswoman Spokesperson Leader Coordinator
    Ombudsman Mr Mrs Ms Dr Sir Madam Lady Lord Dame Dear Acting Assistant Senior Managing
    Group Club Council Committee Commission Office Service Ministry Department Agency
    Bureau Board Fund Foundation Institute University Academy School Centre Center
    Bank Company Corporation Holding Federation Republic Kingdom Union Duma Assembly
    Parliament Senate Court Party Front Movement Society Association Organisation
    Organization Administration Government Forces Army Navy Staff Chamber Region
    Territory Area District City Media Television Radio Agency News Channel Network
    Press Forum Conference Summit State States Nations""".split()
)
_SENTENCE_MARKS = re.compile(r"[.?!;:\"“”«»\[\]{}<>*_`|=/\\]")
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gen|Col|Lt)\.$")


@dataclass(frozen=True)
class LabelShape:
    """A label split into its parts. ``core`` is the label without its notes;
    ``name`` the trailing capitalised words that may be a person's name."""

    label: str
    core: str
    anonymous: bool
    lower_words: int
    name_words: tuple[str, ...]
    after_connector: bool  # the name run follows "of"/"the"…: its first word may be a place

    @property
    def is_bare_name(self) -> bool:
        """A label that is only a name, like ``Sergei Shoigu``."""
        return (
            not self.anonymous
            and " ".join(self.name_words) == self.core
            and not TITLE_WORDS.intersection(self.name_words)
        )


def shape(text: str) -> LabelShape | None:
    """The parts of ``text`` if it is shaped like a speaker label, else None."""
    label = text.strip()
    if not 0 < len(label) <= MAX_LABEL:
        return None
    core = label_core(label)
    if not core or not core[0].isupper():
        return None
    tokens = core.split()
    if len(tokens) > 30:
        return None
    lower = 0
    kinds: list[str] = []
    for raw_token in tokens:
        token = raw_token[:-1] if raw_token.endswith(",") else raw_token
        if not token or "," in token:
            return None
        if _SENTENCE_MARKS.search(token) and not _ABBREVIATION.match(token):
            return None
        if token.lower() in CONNECTORS:
            kinds.append("connector")
        elif token[0].isupper() or token[0].isdigit():
            kinds.append("capital")
        elif token[0].isalpha() and ("'" in token or "’" in token):
            kinds.append("capital")  # d'Estaing
        elif token[0].isalpha():
            kinds.append("lower")
            lower += 1
        else:
            return None
    first = tokens[0].rstrip(",")
    if first in ANONYMOUS:
        if all(kind != "capital" for kind in kinds[1:]) and len(tokens) <= 6:
            return LabelShape(label, core, True, lower, (), False)
    if kinds[-1] != "capital":
        return None
    # The name is the run of capitalised words at the end, after the last comma.
    run: list[str] = []
    for raw_token, kind in zip(reversed(tokens), reversed(kinds)):
        if kind != "capital" or raw_token.endswith(","):
            break
        run.append(raw_token)
    run.reverse()
    before = len(tokens) - len(run) - 1
    after_connector = before >= 0 and kinds[before] == "connector"
    return LabelShape(label, core, False, lower, tuple(run), after_connector)


def guess_name(parts: LabelShape) -> str:
    """The person's name by the label's shape alone, when nothing declares it:
    drop title and organisation words, and a place right after "of"."""
    words = list(parts.name_words)
    last_title = max((i for i, w in enumerate(words) if w in TITLE_WORDS), default=-1)
    if last_title >= 0:
        words = words[last_title + 1 :]
    elif parts.after_connector and len(words) >= 3:
        words = words[1:]
    return " ".join(words) if words else " ".join(parts.name_words)

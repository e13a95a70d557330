"""The shrink guard: a build that would publish far fewer transcripts than
the site in place has is far more often a mistake (a mistyped --content, a
failed checkout in CI) than an editorial decision, so it stops and asks."""

from __future__ import annotations

from pathlib import Path

from generator.kit.errors import StenogramError
from generator.publish.staging import published_transcripts

# The most a build may drop of the transcripts published, as a share.
MAX_SHRINK = 0.5


def refuse_shrink(content_dir: Path, out: Path, transcripts: int, *, allowed: bool) -> None:
    """Stop when ``transcripts`` would replace a site with none of them, or
    with fewer than half; ``allowed`` (--allow-shrink) lets it through."""
    before = published_transcripts(out)
    if allowed or not before or transcripts >= before * (1 - MAX_SHRINK):
        return
    what = "all of them" if transcripts == 0 else f"{before - transcripts:,} of them, more than half"
    raise StenogramError(
        content_dir, 1,
        f"{transcripts:,} transcripts here, where the site in {out} has {before:,}: this build would drop "
        f"{what}; check --content, or pass --allow-shrink if that is what you mean",
    )

"""Rendering a page: its view's data through its Jinja template
(StrictUndefined, autoescaping) into bytes, or the view's bytes as they are."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import jinja2

from generator.kit.errors import StenogramError
from generator.kit.files import write_file_atomic
from generator.kit.nouns import noun_for
from generator.library.config import SiteConfig
from generator.pages.page import Env, Page
from generator.pages.theme import Theme


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between builds, in the build cache. What a
    build compiles is written only by ``save``, when the build succeeded;
    one that cannot be read or written only costs a compile, never the
    build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pending: dict[Path, bytes] = {}

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            bucket.bytecode_from_string(self._file(bucket).read_bytes())
        except Exception:  # none yet, unreadable or damaged: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.pending[self._file(bucket)] = bucket.bytecode_to_string()

    def save(self) -> None:
        for path, data in sorted(self.pending.items()):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_file_atomic(path, data)
            except OSError:
                return


class _ThemeLoader(jinja2.BaseLoader):
    """Templates from the theme as the build read it: the same bytes that
    its digest and its check of characters saw, read once."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source = self.theme.template(template)
        if source is None:
            raise jinja2.TemplateNotFound(template)
        return source, str(self.theme.folder / template), lambda: True


# What ``getattr`` finds on a plain dict: the only names for which Jinja's
# ``x.name`` means anything but ``x["name"]`` on one.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    def getattr(self, obj: object, attribute: str) -> object:
        """``x.name`` as Jinja means it (the attribute first, then the item),
        asked of a plain dict in one step. Views hand templates dicts, and
        Jinja's way raised and caught an AttributeError for each of the
        half-million lookups that 1,000 transcripts' pages make: 15 % of
        the time their templates took."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class Renderer:
    def __init__(self, theme: Theme, config: SiteConfig, cache_dir: Path | None = None) -> None:
        # Compiling the templates was a fifth of a rebuild after one edit;
        # Jinja keys each compiled template by its source's checksum.
        self.compiled = _CompiledTemplates(cache_dir / "templates") if cache_dir is not None else None
        self.env = _Environment(
            bytecode_cache=self.compiled,
            loader=_ThemeLoader(theme),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        prefix = config.path_prefix
        self.env.filters["href"] = lambda url: prefix + url
        # Counts run to tens of thousands in a large archive: 185,562 reads, 185562 does not.
        self.env.filters["count"] = lambda number: f"{number:,}"
        # "1 topic", "2 topics": {{ "topic"|noun(n) }}.
        self.env.filters["noun"] = noun_for
        self.env.globals["site"] = {
            "title": config.title,
            "description": config.description,
            "language": config.language,
            "source_name": config.source_name,
            "source_url": config.source_url,
            "licence_name": config.licence_name,
            "licence_url": config.licence_url,
        }
        self.templates_dir = theme.folder

    def save_compiled(self) -> None:
        """Keep what this build compiled for the next (after a build that succeeded)."""
        if self.compiled is not None:
            self.compiled.save()

    def render(self, page: Page, env: Env) -> bytes:
        if page.template is None:
            return page.render_data(env)
        try:
            template = self.env.get_template(page.template)
            return template.render(page.render_data(env)).encode("utf-8")
        except jinja2.TemplateSyntaxError as error:
            raise StenogramError(error.filename or self.templates_dir / page.template, error.lineno, error.message) from None
        except jinja2.TemplateNotFound as error:
            raise StenogramError(self.templates_dir / str(error), 1, "template not found") from None
        except jinja2.UndefinedError as error:
            raise StenogramError(self.templates_dir / page.template, 1, f"{error} (rendering {page.url})") from None

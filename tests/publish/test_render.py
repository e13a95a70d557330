"""Rendering: the build's Jinja environment reads a template's data as
Jinja itself does, only sooner."""

from __future__ import annotations

from collections import namedtuple

import jinja2
import pytest

from conftest import ROOT
from generator.library.config import load_config
from generator.pages.theme import read_theme
from generator.publish.render import Renderer

Pair = namedtuple("Pair", "name items")


class Mapping(dict):
    name = "an attribute of a dict's subclass"


DATA = {
    "plain": {"name": "Anna", "count": 3, "nested": {"deeper": "<b>"}},
    # Keys that are also a dict's methods: Jinja gives the method for x.items, the key for x["items"].
    "shadowing": {"items": "the key", "get": "the key", "keys": ["a", "b"]},
    "pair": Pair("Boris", ("x", "y")),
    "subclass": Mapping(name="the key"),
}

SOURCES = [
    "{{ plain.name }} {{ plain.count }} {{ plain.nested.deeper }}",
    "{{ shadowing['items'] }} {{ shadowing.items() | list | length }} {{ shadowing.get('get') }}",
    "{{ shadowing.keys() | list | join(',') }} {{ shadowing['keys'] | join(',') }}",
    "{{ pair.name }} {{ pair.items | join(',') }} {{ pair.count('x') }}",
    "{{ subclass.name }} {{ subclass['name'] }}",
    "{% if plain.missing is defined %}defined{% else %}undefined{% endif %}",
    "{{ plain.nested.missing | default('fallback') }}",
    "{{ plain.missing }}",
    "{{ plain.missing.deeper }}",
    "{{ plain.name.missing }}",
]


@pytest.fixture(scope="module")
def ours() -> jinja2.Environment:
    return Renderer(read_theme(ROOT / "templates"), load_config(ROOT / "stenogram.toml")).env


def _outcome(environment: jinja2.Environment, source: str) -> str:
    try:
        return environment.from_string(source).render(DATA)
    except jinja2.UndefinedError as error:
        return f"UndefinedError: {error}"


@pytest.mark.parametrize("source", SOURCES)
def test_a_dict_is_read_as_jinja_reads_it(ours: jinja2.Environment, source: str) -> None:
    jinjas = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    assert _outcome(ours, source) == _outcome(jinjas, source)


def test_a_missing_key_is_an_error_naming_it(ours: jinja2.Environment) -> None:
    assert _outcome(ours, "{{ plain.missing }}") == "UndefinedError: 'dict object' has no attribute 'missing'"
    assert _outcome(ours, "{{ shadowing.items }}").startswith("&lt;built-in method items of dict object")

"""Counted nouns as every message and page writes them."""

from __future__ import annotations


def plural(number: int, noun: str) -> str:
    """'1 topic', '1,234 topics': every noun the site counts takes an s."""
    return f"{number:,} {noun_for(noun, number)}"


def noun_for(word: str, number: int) -> str:
    """The noun alone, for a template that sets the number apart."""
    return word if number == 1 else word + "s"

"""Stenogram: a static-site generator for archives of official transcripts."""

__version__ = "0.1.0"

"""Checking pages: the one pass over a page's bytes that the build runs on
every page it writes and `stenogram check` runs on a site on disk."""

"""Helpers every stage may use, knowing nothing of transcripts: errors,
hashing, files, slugs, dates, YAML, workers, progress, counted nouns; and
of a built site only its folder's names and its files' signatures, which
search and publishing both read."""

"""Helpers every stage may use, knowing nothing of transcripts or sites:
errors, hashing, files, slugs, dates, YAML, workers, progress."""

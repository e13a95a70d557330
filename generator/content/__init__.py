"""Content: read and validate content/**/*.md and persons.yaml into typed,
frozen events. Knows the content file format; knows nothing of pages."""

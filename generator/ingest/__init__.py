"""Import: raw "text version" transcripts -> content/ Markdown files."""

"""The names in a built site's folder that are not pages: the marker that
says the folder is a site Stenogram built, and the search index's folder."""

MARKER = ".stenogram-site"
SEARCH_FOLDER = "pagefind"

# Pelican, for the side-by-side benchmark: the same Markdown (front matter
# turned into Pelican's metadata lines by bench/run.py), the same page kinds
# as Stenogram and the Hugo setup: events, person (author), topic (tag) and
# place (category) pages with their lists, feeds, a sitemap. Pelican's own
# minimal "simple" theme.
AUTHOR = "Kremlin Events Archive"
SITENAME = "Kremlin Events Archive"
SITEURL = "https://stenogram.example.org"
TIMEZONE = "Europe/Moscow"
DEFAULT_LANG = "en"
THEME = "simple"
PATH = "content"
ARTICLE_PATHS = ["events"]
PAGE_PATHS = []
STATIC_PATHS = []
ARTICLE_URL = ARTICLE_SAVE_AS_DIR = "events/{slug}/"
ARTICLE_SAVE_AS = "events/{slug}/index.html"
AUTHOR_URL, AUTHOR_SAVE_AS = "persons/{slug}/", "persons/{slug}/index.html"
TAG_URL, TAG_SAVE_AS = "topics/{slug}/", "topics/{slug}/index.html"
CATEGORY_URL, CATEGORY_SAVE_AS = "geography/{slug}/", "geography/{slug}/index.html"
YEAR_ARCHIVE_SAVE_AS = "archive/{date:%Y}/index.html"
DEFAULT_PAGINATION = 50
FEED_ALL_ATOM = "feeds/all.atom.xml"
AUTHOR_FEED_ATOM = "feeds/persons/{slug}.atom.xml"
TAG_FEED_ATOM = "feeds/topics/{slug}.atom.xml"
CATEGORY_FEED_ATOM = "feeds/geography/{slug}.atom.xml"
FEED_MAX_ITEMS = 20
PLUGINS = ["pelican.plugins.sitemap"]
SITEMAP = {"format": "xml"}
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False

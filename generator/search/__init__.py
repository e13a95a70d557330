"""Search: the shards of the archive, Pagefind run on each, the one reader
of Pagefind's files, the router and the word counts read from them, and
the search page's script, built from its modules."""

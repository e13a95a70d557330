"""Output: plan every file with its key, render what changed, write it into
a staged site, index it for search, swap it in; check a built site."""

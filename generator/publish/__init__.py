"""Publishing: plan every file with its key, render what changed into a
staged site, index it for search, check it, and swap it in whole."""

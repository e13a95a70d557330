"""Pages: every output of the site, HTML, feed, JSON or asset, as one
Page type. A page carries the data it is made from and a view that turns
that data into what its template receives; its key is derived from both."""

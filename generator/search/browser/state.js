// The search page's one state holder: the search as the address holds it,
// the running search, what the page drew that a later event needs, and
// the index with everything it fetched. Every other module keeps nothing:
// it is handed this holder, or only the values it needs.

import { addressOf, readState } from "./address.js";
import { SearchIndex } from "./shards.js";
import EnglishStemmer from "./stemmer.js";

export class SearchState {
  // `app`: the page's #search-app, whose data says the site's base and its
  // filters (the build's table of kinds); `dom`: the page's controls.
  constructor(app, dom, location) {
    this.base = app.dataset.base;
    this.filters = JSON.parse(app.dataset.filters); // [key, title, aliases], in the order shown
    this.browse = JSON.parse(app.dataset.browse); // [path, name]: the indexes to browse instead
    this.dom = dom;
    this.location = location;
    this.state = readState(location.search, this.filters);
    this.index = new SearchIndex(this.base);
    this.stemmer = new EnglishStemmer();
    this.generation = 0; // which run is the latest: an older one stops drawing
    this.current = null; // the running search: its plan, candidates and how far they were read
    this.expanded = new Set(); // the filters shown whole
    // Typing makes one history entry, replaced as the words change; submitting,
    // or any other change, settles it, so the next change makes a new one.
    this.typingEntry = false;
    this.redrawCounts = null; // draws the chart shown to the page's width
  }

  addressOf(s) {
    return addressOf(s, this.filters, this.location.pathname);
  }

  // "push": a new search, a new history entry (unless it is the same
  // search); "replace": the same entry, now saying more (typing, more loaded).
  writeState(mode) {
    const address = this.addressOf(this.state);
    if (mode === "push" && address !== this.addressOf(readState(this.location.search, this.filters))) {
      history.replaceState({ scroll: window.scrollY }, "");
      history.pushState(null, "", address);
    } else {
      history.replaceState(history.state, "", address);
    }
  }

  stem(word) {
    return this.stemmer.stemWord(word);
  }
}

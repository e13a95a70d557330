// Stenogram search: a small UI on Pagefind's JS API. The only script of
// the site, built from these modules into one file (generator/search/script.py).
// The search's state is the address (address.js), so that a search can be
// shared and reloaded; each new search is a history entry, so that Back
// returns to the one before. Everything that changes is in one holder
// (state.js); this module wires the page's controls to it and runs searches.
//
// A search loads only the shards that hold every word of the query, as the
// router says (routing.js), and only as many of them as a page of results
// needs: newest first, or oldest first, or for best match those where the
// words are most frequent first (shards.js). "More results" loads the
// next. The status says how much of the archive a count covers until
// every shard that may hold a result was searched.

import { DAY_HINT, PAGE, activeFilters, inRange, orderOf, rangeCuts, readState, realDay } from "./address.js";
import { showCounts } from "./counts.js";
import { listActive, renderFilters } from "./filters.js";
import { renderResult, scopeText, speakersOf, statementsOf, statusText } from "./results.js";
import { ordered, route } from "./routing.js";
import { SearchState } from "./state.js";
import { dateNotes, offerHelp } from "./suggestions.js";

const ids = (names) => Object.fromEntries(Object.entries(names).map(([key, id]) => [key, document.getElementById(id)]));

// Reads candidates until `want` more results are shown or none are left.
// With a speaker chosen and words typed, a transcript where only others
// said them is left out: its statements are read to know. Returns the
// first result it added.
async function renderMore(app, mine, want = PAGE) {
  const { state, dom } = app;
  const search = app.current;
  const first = search.shown;
  let added = 0;
  while (added < want && !search.done) {
    const batch = [];
    while (batch.length < PAGE) {
      const next = await search.iterator.next();
      if (next.done) { search.done = true; break; }
      batch.push(next.value);
    }
    // Fetched together, shown in order as each arrives: the first result need not wait for the tenth.
    const items = batch.map((r) => r.data());
    search.read += batch.length;
    for (const item of items) {
      const data = await item;
      if (mine !== app.generation) return null;
      const statements = statementsOf(data, state.filters.speaker || []);
      for (const person of Object.values(speakersOf(data))) if (person) search.persons.add(person);
      if (state.q && state.filters.speaker?.length && !statements.length) continue;
      if (rangeCuts(state) && !inRange((data.meta || {}).day || "", state)) continue;
      dom.list.append(renderResult(data, statements, state.q));
      search.shown += 1;
      added += 1;
    }
  }
  dom.more.hidden = search.done;
  describe(app, search);
  return dom.list.children[first] || null;
}

function describe(app, search) {
  const { dom } = app;
  dom.status.textContent = statusText(app.state, search);
  const complete = !search.queue.length;
  dom.scope.hidden = complete;
  if (!complete) dom.scope.textContent = scopeText(search, app.index.router.shards, orderOf(app.state));
  listActive(app, (focusAt) => change(app, focusAt));
}

function showControls(app) {
  const { state, dom } = app;
  dom.input.value = state.q;
  dom.sort.value = state.sort;
  dom.from.value = state.from;
  dom.to.value = state.to;
  for (const box of [dom.from, dom.to]) box.setCustomValidity("");
}

// A change made on the page is a new search, and a new history entry.
// `focusAt`: the index of the filter button just removed; the one after it
// (or the search box, when none is left) takes the focus.
async function change(app, focusAt) {
  app.typingEntry = false;
  app.state.shown = 0;
  app.state.unread = [];
  showControls(app);
  await run(app, "push");
  if (focusAt !== null && focusAt !== undefined) (app.dom.active.querySelectorAll("button")[focusAt] || app.dom.input).focus();
}

async function run(app, mode) {
  const { state, dom, index } = app;
  const again = (focusAt) => change(app, focusAt);
  const mine = ++app.generation;
  app.writeState(mode);
  dom.help.hidden = true;
  dom.help.replaceChildren();
  dom.scope.hidden = true;
  const filters = activeFilters(state, index.router.shards);
  dom.countsBox.hidden = true;
  dom.countsBox.replaceChildren();
  app.redrawCounts = null;
  if (!state.q && !Object.keys(filters).length) {
    app.current = null;
    dom.list.replaceChildren();
    dom.more.hidden = true;
    dom.status.textContent = "Type words to search every transcript; narrow the results by dates, speaker, topic, place, year or section.";
    const notes = dateNotes(app, again);
    if (notes.length) {
      dom.help.replaceChildren(...notes);
      dom.help.hidden = false;
    }
    listActive(app, again);
    if (dom.panel.open) {
      const counts = await index.filterCounts(null, filters, state.q);
      if (mine === app.generation) renderFilters(app, counts);
    }
    return;
  }
  const plan = await route(state.q, filters, state, index.router.shards, (w) => app.stem(w), (p) => index.wordsFrom(p));
  if (mine !== app.generation) return;
  showCounts(app, mine, again).catch((error) => console.error(error));
  const search = { plan, queue: ordered(plan.shards, orderOf(state)), searched: [], found: 0, read: 0, shown: 0, done: false, persons: new Set() };
  search.iterator = index.candidates(search, filters, state.q, orderOf(state), PAGE);
  app.current = search;
  dom.list.replaceChildren();
  await renderMore(app, mine, Math.max(PAGE, state.shown));
  if (mine !== app.generation) return;
  if (dom.panel.open) {
    const counts = await index.filterCounts(search, filters, state.q);
    if (mine !== app.generation) return;
    renderFilters(app, counts, null, search.queue.length ? search : null);
  }
  await offerHelp(app, mine, search.done && !search.shown, again);
}

// Where the reader was on the page when they left it (reload, Back from a
// result, Back to an earlier search), put back once the results are shown.
function restoreScroll() {
  const scroll = history.state && history.state.scroll;
  if (scroll) window.scrollTo(0, scroll);
}

// Each event waits this long for the next before it acts (typing, resizing, scrolling).
function settled(wait, action) {
  let timer;
  return { now: () => clearTimeout(timer), later: (...args) => { clearTimeout(timer); timer = setTimeout(() => action(...args), wait); } };
}

async function start(app) {
  const { state, dom, index } = app;
  if (!await index.open()) {
    dom.app.hidden = false;
    dom.status.textContent = "There are no transcripts to search yet.";
    return;
  }
  index.loaded.catch((error) => fail(dom, error));
  // Filter counts cost their own downloads: they are fetched when the
  // panel is opened, or when the search already narrows by a filter.
  dom.panel.open = Object.keys(activeFilters(state, index.router.shards)).length > 0 && window.matchMedia("(min-width: 60rem)").matches;
  dom.panel.addEventListener("toggle", () => { if (dom.panel.open) run(app, "replace"); });
  dom.app.hidden = false;
  showControls(app);
  history.scrollRestoration = "manual";
  let width = window.innerWidth;
  const resized = settled(150, () => {
    if (app.redrawCounts && window.innerWidth !== width) app.redrawCounts();
    width = window.innerWidth;
  });
  window.addEventListener("resize", resized.later);
  // Kept as the reader scrolls: a state written while the page unloads is lost on reload.
  const scrolled = settled(150, () => history.replaceState({ ...history.state, scroll: window.scrollY }, ""));
  window.addEventListener("scroll", scrolled.later);
  window.addEventListener("popstate", () => {
    Object.assign(state, readState(location.search, app.filters));
    showControls(app);
    app.typingEntry = false;
    run(app, "replace").then(restoreScroll);
  });
  const typed = settled(250, () => {
    state.q = dom.input.value.trim();
    state.shown = 0;
    run(app, app.typingEntry ? "replace" : "push");
    app.typingEntry = true;
  });
  dom.form.addEventListener("submit", (event) => {
    event.preventDefault();
    typed.now();
    state.q = dom.input.value.trim();
    change(app, null);
  });
  dom.input.addEventListener("input", typed.later);
  dom.input.addEventListener("blur", () => { app.typingEntry = false; });
  dom.sort.addEventListener("change", () => { state.sort = dom.sort.value; change(app, null); });
  for (const [box, key] of [[dom.from, "from"], [dom.to, "to"]]) {
    box.addEventListener("change", () => {
      const value = box.value.trim();
      box.setCustomValidity(value && !realDay(value) ? DAY_HINT[0].toUpperCase() + DAY_HINT.slice(1) : "");
      if (!box.reportValidity()) return;
      state[key] = value;
      change(app, null);
    });
  }
  dom.filtersBox.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.dataset.filter) return;
    const values = new Set(state.filters[box.dataset.filter] || []);
    box.checked ? values.add(box.value) : values.delete(box.value);
    state.filters[box.dataset.filter] = [...values];
    change(app, null);
  });
  dom.more.addEventListener("click", async () => {
    if (!app.current) return;
    const mine = app.generation;
    const first = await renderMore(app, mine);
    if (mine !== app.generation) return;
    state.shown = app.current.shown;
    app.writeState("replace");
    app.typingEntry = false;
    if (dom.panel.open) renderFilters(app, await index.filterCounts(app.current, activeFilters(state, index.router.shards), state.q), null, app.current.queue.length ? app.current : null);
    // The reader goes on from the first result they have not seen.
    if (first) first.querySelector("h2 a").focus();
  });
  await run(app, "replace");
  restoreScroll();
}

function fail(dom, error) {
  dom.status.textContent = "Search could not be loaded. Browse by person, topic, place or date instead.";
  dom.app.hidden = false;
  console.error(error);
}

const dom = {
  form: document.querySelector(".search-page-form"),
  ...ids({ app: "search-app", input: "search-query", sort: "search-sort", from: "search-from", to: "search-to",
    panel: "search-filter-panel", filtersBox: "search-filters", status: "search-status", scope: "search-scope",
    active: "search-active", help: "search-help", list: "search-results", more: "search-more", countsBox: "search-counts" }),
};
start(new SearchState(dom.app, dom, location)).catch((error) => fail(dom, error));

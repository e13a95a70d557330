// Stenogram search: a small UI on Pagefind's JS API. The only script of the site.
// State lives in the URL (?q=…&sort=…&speaker=…&shown=…) so that a search
// can be shared and reloaded; each new search is a history entry, so that
// Back returns to the one before.
//
// The index is in shards, one Pagefind bundle a year (data-shards, newest
// first): the newest is loaded, the others merged into it, so that one
// search ranks every transcript and sums every filter count. Sorting by date
// walks the shards in date order instead, since Pagefind orders a sort within
// each bundle and the years never overlap.
const app = document.getElementById("search-app");
const base = app.dataset.base;
const shards = app.dataset.shards.split(" ").filter(Boolean);
const FILTERS = [["speaker", "Speaker"], ["topic", "Topic"], ["place", "Place"], ["year", "Year"], ["section", "Section"]];
// Links shared before the speaker filter said "person".
const ALIASES = { person: "speaker" };
const PAGE = 10;
const MAX_SHOWN = 500; // what a shared ?shown= may ask for at once
const SORTS = { desc: "Newest first", asc: "Oldest first" };
const STATEMENTS_SHOWN = 5;
const SHOWN_VALUES = 12;

const form = document.querySelector(".search-page-form");
const input = document.getElementById("search-query");
const sortSelect = document.getElementById("search-sort");
const panel = document.getElementById("search-filter-panel");
const filtersBox = document.getElementById("search-filters");
const status = document.getElementById("search-status");
const active = document.getElementById("search-active");
const help = document.getElementById("search-help");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");

const state = readState(location.search);
let generation = 0;
let current = null; // the running search: its candidates and how far they were read
const expanded = new Set();
// Typing makes one history entry, replaced as the words change; submitting,
// or any other change, settles it, so the next change makes a new one.
let typingEntry = false;

function readState(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const [key] of FILTERS) {
    const values = [...params.getAll(key), ...Object.entries(ALIASES).filter(([, to]) => to === key).flatMap(([from]) => params.getAll(from))];
    if (values.length) filters[key] = [...new Set(values)];
  }
  const shown = Math.min(MAX_SHOWN, parseInt(params.get("shown"), 10) || 0);
  return { q: params.get("q") || "", sort: params.get("sort") in SORTS ? params.get("sort") : "", filters, shown };
}

function addressOf(s) {
  const params = new URLSearchParams();
  if (s.q) params.set("q", s.q);
  if (s.sort) params.set("sort", s.sort);
  for (const [key] of FILTERS) for (const value of s.filters[key] || []) params.append(key, value);
  if (s.shown > PAGE) params.set("shown", s.shown);
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

// "push": a new search, a new history entry (unless it is the same
// search); "replace": the same entry, now saying more (typing, more loaded).
function writeState(mode) {
  const address = addressOf(state);
  if (mode === "push" && address !== addressOf(readState(location.search))) {
    history.replaceState({ scroll: window.scrollY }, "");
    history.pushState(null, "", address);
  } else {
    history.replaceState(history.state, "", address);
  }
}

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

// Pagefind's excerpts are escaped text with <mark> around hits. Rebuild them
// from text and <mark> only, so that nothing else can become markup.
function segmentsOf(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return [...template.content.childNodes].map((node) => [node.textContent, node.nodeName === "MARK"]);
}

function fragmentOf(segments) {
  const out = document.createDocumentFragment();
  for (const [text, marked] of segments) {
    if (!text) continue;
    out.append(marked ? element("mark", { textContent: text }) : text);
  }
  return out;
}

// A statement's excerpt starts with its heading, the speaker's label: split
// it off, hits in it kept marked, so that the label shows once, as the link.
function splitLabel(html, label) {
  const segments = segmentsOf(html);
  const joined = segments.map(([text]) => text).join("");
  if (!label || !joined.startsWith(label)) return [null, fragmentOf(segments)];
  const end = label.length + joined.slice(label.length).match(/^[.:]?\s*/)[0].length;
  const head = [];
  const rest = [];
  let at = 0;
  for (const [text, marked] of segments) {
    const from = at;
    at += text.length;
    if (from < label.length) head.push([text.slice(0, label.length - from), marked]);
    if (at > end) rest.push([text.slice(Math.max(0, end - from)), marked]);
  }
  return [fragmentOf(head), fragmentOf(rest)];
}

function activeFilters(s = state) {
  return Object.fromEntries(Object.entries(s.filters).filter(([, v]) => v.length).map(([k, v]) => [k, { any: v }]));
}

const noun = (n) => `${n.toLocaleString("en")} transcript${n === 1 ? "" : "s"}`;

// Drawn again after each change: the control the reader was on keeps the focus.
function renderFilters(counts, focusAt = null) {
  const was = document.activeElement;
  const focused = focusAt || (filtersBox.contains(was) && was.dataset.filter ? [was.dataset.filter, was.value] : null);
  filtersBox.replaceChildren();
  for (const [key, title] of FILTERS) {
    const values = counts[key] || {};
    const selected = new Set(state.filters[key] || []);
    const names = Object.keys(values)
      .filter((name) => values[name] > 0 || selected.has(name))
      .sort((a, b) => (key === "year" ? b.localeCompare(a) : values[b] - values[a] || a.localeCompare(b)));
    for (const name of selected) if (!names.includes(name)) names.push(name);
    if (!names.length) continue;
    const fieldset = element("fieldset", { className: "facet" }, element("legend", { textContent: title }));
    const limit = expanded.has(key) ? names.length : SHOWN_VALUES;
    names.slice(0, limit).forEach((name, index) => {
      const id = `filter-${key}-${index}`;
      const box = element("input", { type: "checkbox", id, checked: selected.has(name) });
      box.dataset.filter = key;
      box.value = name;
      const label = element("label", { htmlFor: id }, name, " ", element("span", { className: "count", textContent: `(${(values[name] || 0).toLocaleString("en")})` }));
      fieldset.append(element("div", { className: "facet-value" }, box, label));
    });
    if (names.length > limit) {
      const all = element("button", { type: "button", className: "facet-more", textContent: `Show all ${names.length}` });
      // The first value it brings into view takes the focus from the vanished button.
      all.addEventListener("click", () => { expanded.add(key); renderFilters(counts, [key, names[limit]]); });
      fieldset.append(all);
    }
    filtersBox.append(fieldset);
  }
  if (focused) {
    const [key, value] = focused;
    const box = [...filtersBox.querySelectorAll("input")].find((b) => b.dataset.filter === key && b.value === value);
    if (box) box.focus();
  }
}

let pagefind = null; // Pagefind's API, every shard merged, once loaded

// A shard that holds no word beginning like a query word answers with
// shorter words it does hold ("we" for "welcome"): one bundle of the whole
// archive would not. An exact search per word says which transcripts hold
// each complete word; a word still being typed, found exactly nowhere, keeps
// Pagefind's prefix match. Null: keep every result.
async function holdingEveryWord(q, filters) {
  const words = q.split(/\s+/).filter(Boolean);
  if (!words.length || q.includes('"')) return null;
  let holding = null;
  for (const word of words) {
    const exact = await pagefind.search(`"${word}"`, { filters });
    if (!exact || !exact.results.length) continue;
    const ids = new Set(exact.results.map((r) => r.id));
    // One word: its exact search counts the filters of just what is shown.
    holding = holding ? { ids: new Set([...holding.ids].filter((id) => ids.has(id))), counts: null } : { ids, counts: exact.filters };
  }
  return holding;
}

// What a search finds: Pagefind's ranking, which of its results hold every
// word, and how many those are.
async function find(q, filters) {
  const ranked = await pagefind.search(q || null, { filters });
  const holding = await holdingEveryWord(q, filters);
  const results = ranked ? ranked.results : [];
  const total = holding ? results.filter((r) => holding.ids.has(r.id)).length : results.length;
  return { ranked, holding, total };
}

// Candidates in the order asked for. Best match: one ranked list over every
// shard. By date: shard after shard, each sorted by Pagefind.
async function* candidates(ranked, filters, holding) {
  const kept = (results) => (holding ? results.filter((r) => holding.ids.has(r.id)) : results);
  if (!state.sort) {
    yield* kept(ranked.results);
    return;
  }
  const chosen = filters.year ? new Set(filters.year.any) : null;
  const years = (state.sort === "asc" ? [...shards].reverse() : shards).filter((y) => !chosen || chosen.has(y));
  for (const year of years) {
    const search = await pagefind.search(state.q || null, { filters: { ...filters, year: { any: [year] } }, sort: { date: state.sort } });
    yield* kept(search.results);
  }
}

// The statements a result shows: those that matched, and with speakers
// chosen only theirs (the page's meta says which person each label denotes).
function statementsOf(data) {
  const statements = (data.sub_results || []).filter((s) => /#t\d+$/.test(s.url));
  const speakers = new Set(state.filters.speaker || []);
  if (!speakers.size) return statements;
  let persons = {};
  try { persons = JSON.parse((data.meta || {}).speakers || "{}"); } catch (error) { persons = {}; }
  return statements.filter((s) => speakers.has(persons[s.title]));
}

function renderResult(data, statements) {
  const meta = data.meta || {};
  const item = element("li", { className: "result" }, element("h2", {}, element("a", { href: data.url, textContent: meta.title || data.url })));
  const details = [meta.date, meta.places].filter(Boolean).join(" · ");
  if (details) item.append(element("p", { className: "meta", textContent: details }));
  if (statements.length) {
    const sub = element("ul", { className: "statements" });
    for (const s of statements.slice(0, STATEMENTS_SHOWN)) {
      const [label, rest] = splitLabel(s.excerpt, s.title);
      const link = element("a", { href: s.url, className: "speaker-link" });
      link.append(label || s.title);
      sub.append(element("li", {}, link, ": ", element("span", { className: "excerpt" }, rest)));
    }
    item.append(sub);
    const hidden = statements.length - STATEMENTS_SHOWN;
    if (hidden > 0) {
      item.append(element("p", { className: "more-statements", textContent: `and ${hidden} more statement${hidden === 1 ? "" : "s"} in this transcript` }));
    }
  } else if (state.q) {
    item.append(element("p", { className: "excerpt" }, fragmentOf(segmentsOf(data.excerpt))));
  }
  return item;
}

// Reads candidates until `want` more results are shown or none are left.
// With a speaker chosen and words typed, a transcript where only others
// said them is left out: its statements are read to know. Returns the
// first result it added.
async function renderMore(mine, want = PAGE) {
  const search = current;
  const first = search.shown;
  let added = 0;
  while (added < want && !search.done) {
    const batch = [];
    while (batch.length < PAGE) {
      const next = await search.iterator.next();
      if (next.done) { search.done = true; break; }
      batch.push(next.value);
    }
    const items = await Promise.all(batch.map((r) => r.data()));
    if (mine !== generation) return null;
    search.read += batch.length;
    for (const data of items) {
      const statements = statementsOf(data);
      if (state.q && state.filters.speaker?.length && !statements.length) continue;
      list.append(renderResult(data, statements));
      search.shown += 1;
      added += 1;
    }
  }
  more.hidden = search.done;
  describe(search);
  return list.children[first] || null;
}

function describe(search) {
  const speakers = state.filters.speaker || [];
  const bySpeaker = Boolean(state.q && speakers.length);
  const said = `where ${speakers.join(" or ")} said “${state.q}”`;
  if (search.done && !search.shown) {
    status.textContent = bySpeaker ? `No transcript ${said}` : `No transcripts found${state.q ? ` for “${state.q}”` : ""}`;
  } else if (bySpeaker) {
    // Only the statements read so far say how many of the candidates remain.
    const count = search.done ? noun(search.shown) : `${noun(search.shown)} so far, of ${noun(search.total)} to check,`;
    status.textContent = `${count} ${said}`;
  } else {
    status.textContent = `${noun(search.total)} found${state.q ? ` for “${state.q}”` : ""}`;
  }
  listActive();
}

// The filters and the order in force, beside the count: each can be
// dropped on its own, or all at once.
function listActive() {
  const chosen = FILTERS.flatMap(([key, title]) => (state.filters[key] || []).map((value) => [
    `${title}: ${value}`, () => { state.filters[key] = state.filters[key].filter((v) => v !== value); },
  ]));
  if (state.sort) chosen.push([SORTS[state.sort], () => { state.sort = ""; }]);
  active.replaceChildren();
  active.hidden = !chosen.length;
  chosen.forEach(([text, drop], index) => {
    const button = element("button", { type: "button" }, text, element("span", { textContent: " ×" }));
    button.lastChild.setAttribute("aria-hidden", "true");
    button.setAttribute("aria-label", `Remove ${text}`);
    button.addEventListener("click", () => { drop(); change(index); });
    active.append(element("li", {}, button));
  });
  if (chosen.length) {
    const clear = element("button", { type: "button", className: "clear-all", textContent: "Clear all" });
    clear.addEventListener("click", () => { state.filters = {}; state.sort = ""; change(Infinity); });
    active.append(element("li", {}, clear));
  }
}

// A word the archive does not hold may be a misspelt name: the closest
// person, topic or place is offered, above the results Pagefind found for
// shorter words. When nothing is found, the filters stay listed (and
// checked in the panel): say what dropping them finds, and where to browse.
async function offerHelp(mine, nothingFound) {
  const offers = [];
  if (nothingFound && Object.keys(activeFilters()).length) {
    const total = state.q ? (await find(state.q, {})).total : 0;
    const drop = element("button", { type: "button", textContent: "Search without the filters" });
    drop.addEventListener("click", () => { state.filters = {}; change(Infinity); });
    if (!state.q) offers.push(element("p", {}, "No transcript matches all these filters. ", drop));
    else if (total) offers.push(element("p", {}, `Without the filters: ${noun(total)} found for “${state.q}”. `, drop));
    else offers.push(element("p", {}, `Nothing is found for “${state.q}” without the filters either.`));
  }
  const guess = state.q ? await closestName(state.q) : null;
  if (guess) {
    const suggested = element("a", { href: addressOf({ ...state, q: guess.query, shown: 0 }), textContent: guess.name });
    suggested.addEventListener("click", (event) => {
      if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      state.q = guess.query;
      input.value = guess.query;
      change(null).then(() => input.focus());
    });
    const page = element("a", { href: base + guess.url.replace(/^\//, ""), textContent: `the ${guess.kind} page` });
    offers.push(element("p", { className: "suggestion" }, "Did you mean ", suggested, "? See also ", page, ` (${noun(guess.transcripts)}).`));
  }
  if (nothingFound) offers.push(browseOffer());
  if (mine !== generation || !offers.length) return;
  help.replaceChildren(...offers);
  help.hidden = false;
}

function browseOffer() {
  const browse = [["persons/", "person"], ["topics/", "topic"], ["geography/", "place"], ["archive/", "date"]]
    .flatMap(([path, text], i, all) => [i ? (i === all.length - 1 ? " or " : ", ") : "", element("a", { href: base + path, textContent: text })]);
  return element("p", {}, "Check the spelling, try fewer words, or browse by ", ...browse, ".");
}

// Names are compared folded: no accents, no case, words of letters and digits.
const folded = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const allowed = (length) => (length <= 4 ? 1 : length <= 8 ? 2 : 3); // edits a word of that length may be off by

// Edits between two words, a swap of neighbours counting as one ("Merkle").
function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

let names = null; // every person, topic and place, fetched the first time a word is in no transcript
function knownNames() {
  names ??= fetch(`${base}search/names.json`).then((r) => (r.ok ? r.json() : [])).catch(() => []);
  return names;
}

// The known name closest to the query as a whole, or to one of its words
// that no transcript holds; with the query it suggests (that word replaced
// by the name). Ties go to the name in more transcripts.
async function closestName(q) {
  const words = q.replace(/"/g, " ").split(/\s+/).filter(Boolean);
  const missing = [];
  for (const word of words) {
    const exact = await pagefind.search(`"${word}"`);
    if (exact && !exact.results.length) missing.push(folded(word));
  }
  if (!missing.length) return null;
  const whole = folded(q);
  const parts = missing.flatMap((w) => w.split(" ")).filter((w) => w.length >= 3);
  let best = null;
  const consider = (entry, edits, length, replaced) => {
    const score = edits / length;
    if (!best || score < best.score || (score === best.score && entry.transcripts > best.entry.transcripts)) best = { entry, score, replaced };
  };
  for (const entry of await knownNames()) {
    const name = folded(entry.name);
    const edits = distance(whole, name);
    if (edits <= allowed(whole.length)) consider(entry, edits, whole.length, null);
    for (const nameWord of name.split(" ").filter((w) => w.length >= 3)) {
      for (const word of parts) {
        const wordEdits = distance(word, nameWord);
        if (wordEdits <= allowed(word.length)) consider(entry, wordEdits, word.length, word);
      }
    }
  }
  if (!best) return null;
  const { entry, replaced } = best;
  const nameWords = new Set(folded(entry.name).split(" "));
  let placed = false;
  const query = replaced === null ? entry.name : words.flatMap((word) => {
    const f = folded(word);
    if (!placed && f.split(" ").includes(replaced)) { placed = true; return [entry.name]; }
    return nameWords.has(f) ? [] : [word]; // already in the name
  }).join(" ");
  return query === q ? null : { ...entry, query };
}

// A change made on the page is a new search, and a new history entry.
// `focusAt`: the index of the filter button just removed; the one after it
// (or the search box, when none is left) takes the focus.
async function change(focusAt) {
  typingEntry = false;
  state.shown = 0;
  sortSelect.value = state.sort;
  await run("push");
  if (focusAt !== null && focusAt !== undefined) (active.querySelectorAll("button")[focusAt] || input).focus();
}

// Searches report filter counts only once the filter index is loaded.
let filtersLoaded = false;
async function loadFilters() {
  if (!filtersLoaded) {
    await pagefind.filters();
    filtersLoaded = true;
  }
}

async function run(mode) {
  const mine = ++generation;
  writeState(mode);
  help.hidden = true;
  help.replaceChildren();
  if (panel.open) await loadFilters();
  const filters = activeFilters();
  if (!state.q && !Object.keys(filters).length) {
    current = null;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Type words to search every transcript; narrow the results by speaker, topic, place, year or section.";
    listActive();
    if (panel.open) renderFilters(await pagefind.filters());
    return;
  }
  const found = await find(state.q, filters);
  if (mine !== generation || !found.ranked) return;
  current = { iterator: candidates(found.ranked, filters, found.holding), total: found.total, read: 0, shown: 0, done: false };
  list.replaceChildren();
  if (panel.open) renderFilters((found.holding && found.holding.counts) || found.ranked.filters);
  await renderMore(mine, Math.max(PAGE, state.shown));
  if (mine === generation) await offerHelp(mine, current.done && !current.shown);
}

// Where the reader was on the page when they left it (reload, Back from a
// result, Back to an earlier search), put back once the results are shown.
function restoreScroll() {
  const scroll = history.state && history.state.scroll;
  if (scroll) window.scrollTo(0, scroll);
}

async function start() {
  if (!shards.length) {
    app.hidden = false;
    status.textContent = "There are no transcripts to search yet.";
    return;
  }
  const options = { baseUrl: base, excerptLength: 24 };
  pagefind = await import(`${base}pagefind/${shards[0]}/pagefind.js`);
  await pagefind.options(options);
  await pagefind.init();
  await Promise.all(shards.slice(1).map((year) => pagefind.mergeIndex(`${base}pagefind/${year}/`, options)));
  // Filter counts cost their own downloads: they are fetched when the
  // panel is opened, or when the search already narrows by a filter.
  panel.open = Object.keys(activeFilters()).length > 0 && window.matchMedia("(min-width: 60rem)").matches;
  panel.addEventListener("toggle", () => { if (panel.open) run("replace"); });
  app.hidden = false;
  input.value = state.q;
  sortSelect.value = state.sort;
  history.scrollRestoration = "manual";
  // Kept as the reader scrolls: a state written while the page unloads is lost on reload.
  let scrolling;
  window.addEventListener("scroll", () => {
    clearTimeout(scrolling);
    scrolling = setTimeout(() => history.replaceState({ ...history.state, scroll: window.scrollY }, ""), 150);
  });
  window.addEventListener("popstate", () => {
    Object.assign(state, readState(location.search));
    input.value = state.q;
    sortSelect.value = state.sort;
    typingEntry = false;
    run("replace").then(restoreScroll);
  });
  let typing;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    state.q = input.value.trim();
    change(null);
  });
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.q = input.value.trim();
      state.shown = 0;
      run(typingEntry ? "replace" : "push");
      typingEntry = true;
    }, 250);
  });
  input.addEventListener("blur", () => { typingEntry = false; });
  sortSelect.addEventListener("change", () => { state.sort = sortSelect.value; change(null); });
  filtersBox.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.dataset.filter) return;
    const values = new Set(state.filters[box.dataset.filter] || []);
    box.checked ? values.add(box.value) : values.delete(box.value);
    state.filters[box.dataset.filter] = [...values];
    change(null);
  });
  more.addEventListener("click", async () => {
    if (!current) return;
    const mine = generation;
    const first = await renderMore(mine);
    if (mine !== generation) return;
    state.shown = current.shown;
    writeState("replace");
    typingEntry = false;
    // The reader goes on from the first result they have not seen.
    if (first) first.querySelector("h2 a").focus();
  });
  await run("replace");
  restoreScroll();
}

start().catch((error) => {
  status.textContent = "Search could not be loaded. Browse by person, topic, place or date instead.";
  app.hidden = false;
  console.error(error);
});

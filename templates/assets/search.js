// Stenogram search: a small UI on Pagefind's JS API. The only script of the site.
// State lives in the URL (?q=…&sort=…&from=…&to=…&speaker=…&shown=…) so that a search
// can be shared and reloaded; each new search is a history entry, so that
// Back returns to the one before.
//
// The index is in shards of about the same number of transcripts, in date
// order (pagefind/router.json lists them). A search loads only the shards
// that hold every word of the query, as the router says (its chunks map
// each word Pagefind indexed, stemmed as Pagefind stems, to the shards
// holding it), and only as many of them as a page of results needs: newest
// first, or oldest first, or for best match those where the words are most
// frequent first. "More results" loads the next. The status says how much
// of the archive a count covers until every shard that may hold a result
// was searched.
import EnglishStemmer from "./stemmer.js";
import { MEASURES, archiveYears, chartTerms, decodeEntry, drawChart, drawSpeakers, drawTable, scrolling } from "./counts.js";

const app = document.getElementById("search-app");
const base = app.dataset.base;
const FILTERS = [["speaker", "Speaker"], ["topic", "Topic"], ["place", "Place"], ["year", "Year"], ["section", "Section"]];
// Links shared before the speaker filter said "person".
const ALIASES = { person: "speaker" };
const PAGE = 10;
const MAX_SHOWN = 500; // what a shared ?shown= may ask for at once
const SORTS = { desc: "Newest first", asc: "Oldest first" };
const STATEMENTS_SHOWN = 5;
const SHOWN_VALUES = 12;
// A date range's ends: a year, a month or a day (from=2015, to=2015-10-07).
const DAY = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const DAY_HINT = "a year, a month or a day: 2015, 2015-10 or 2015-10-07";
// A day the calendar has: 2015-02-30 has the shape of one and is none.
const realDay = (text) => {
  if (!DAY.test(text)) return false;
  const [year, month, day] = text.split("-").map(Number);
  return !day || new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
};

const form = document.querySelector(".search-page-form");
const input = document.getElementById("search-query");
const sortSelect = document.getElementById("search-sort");
const fromInput = document.getElementById("search-from");
const toInput = document.getElementById("search-to");
const panel = document.getElementById("search-filter-panel");
const filtersBox = document.getElementById("search-filters");
const status = document.getElementById("search-status");
const scope = document.getElementById("search-scope");
const active = document.getElementById("search-active");
const help = document.getElementById("search-help");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const countsBox = document.getElementById("search-counts");

const state = readState(location.search);
let generation = 0;
let current = null; // the running search: its plan, candidates and how far they were read
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
  const end = (key) => (realDay(params.get(key) || "") ? params.get(key) : "");
  // Dates the address gives that are none: left out, and said so.
  const unread = ["from", "to"].filter((key) => params.get(key) && !realDay(params.get(key))).map((key) => params.get(key));
  const measure = params.get("measure") in MEASURES ? params.get("measure") : "rate";
  return { q: params.get("q") || "", sort: params.get("sort") in SORTS ? params.get("sort") : "", from: end("from"), to: end("to"), filters, shown, measure, unread };
}

function addressOf(s) {
  const params = new URLSearchParams();
  if (s.q) params.set("q", s.q);
  if (s.sort) params.set("sort", s.sort);
  if (s.from) params.set("from", s.from);
  if (s.to) params.set("to", s.to);
  for (const [key] of FILTERS) for (const value of s.filters[key] || []) params.append(key, value);
  if (s.shown > PAGE) params.set("shown", s.shown);
  if (s.measure && s.measure !== "rate") params.set("measure", s.measure);
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

// The filters Pagefind applies: those chosen, and for a date range the
// years it spans (a year filter chosen as well keeps only the years in both).
function activeFilters(s = state) {
  const filters = Object.fromEntries(Object.entries(s.filters).filter(([, v]) => v.length).map(([k, v]) => [k, { any: v }]));
  if ((s.from || s.to) && router && router.shards.length) {
    const first = s.from ? +s.from.slice(0, 4) : +router.shards[0].from.slice(0, 4);
    const last = s.to ? +s.to.slice(0, 4) : +router.shards[router.shards.length - 1].to.slice(0, 4);
    let years = [];
    for (let year = first; year <= last; year += 1) years.push(String(year).padStart(4, "0"));
    if (filters.year) years = years.filter((y) => filters.year.any.includes(y));
    filters.year = { any: years.length ? years : ["none"] };
  }
  return filters;
}

// Whether a day (YYYY-MM-DD) is in the range; its ends compare as far as they go.
const inRange = (day, s = state) => (!s.from || day.slice(0, s.from.length) >= s.from) && (!s.to || day.slice(0, s.to.length) <= s.to);
// A range whose ends are not whole years: the year filter lets in
// transcripts of its first and last year that each result's date must check.
const rangeCuts = () => state.from.length > 4 || state.to.length > 4;

function rangeText() {
  if (state.from && state.to) return state.from === state.to ? ` in ${state.from}` : ` from ${state.from} to ${state.to}`;
  return state.from ? ` from ${state.from} on` : state.to ? ` up to ${state.to}` : "";
}

const noun = (n) => `${n.toLocaleString("en")} transcript${n === 1 ? "" : "s"}`;

// Drawn again after each change: the control the reader was on keeps the focus.
// `partial`: a search that has not yet read every shard that may hold a
// result, whose counts cover only what it read.
function renderFilters(counts, focusAt = null, partial = null) {
  const was = document.activeElement;
  const focused = focusAt || (filtersBox.contains(was) && was.dataset.filter ? [was.dataset.filter, was.value] : null);
  filtersBox.replaceChildren();
  if (partial) {
    const searched = sum(partial.searched.map((s) => s.pages));
    filtersBox.append(element("p", { className: "facet-note", textContent: `Counts for the ${count(searched)} transcripts searched so far.` }));
  }
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
      all.addEventListener("click", () => { expanded.add(key); renderFilters(counts, [key, names[limit]], partial); });
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

const stemmer = new EnglishStemmer();
let router = null; // pagefind/router.json: the shards, oldest first, and the router's chunks
let pagefind = null; // Pagefind's API: an empty bundle into which shards are merged as searches need them
let loaded = null; // Pagefind's API once loaded: the router is read while it loads
const merged = new Map(); // shard name -> its merge, once begun
const chunks = new Map(); // router chunk file -> its words, fetched once
const sum = (values) => values.reduce((a, b) => a + b, 0);
const count = (n) => n.toLocaleString("en");

function mergeShard(shard) {
  if (!merged.has(shard.name)) {
    // Its key as the cache tag: its entry file is fetched again only when the shard changed.
    merged.set(shard.name, loaded.then(() => pagefind.mergeIndex(`${base}pagefind/${shard.name}/`,
      { baseUrl: base, excerptLength: 24, metaCacheTag: shard.key, mergeFilter: { shard: shard.name } })));
  }
  return merged.get(shard.name);
}

function routerChunk(file) {
  if (!chunks.has(file)) {
    chunks.set(file, fetch(`${base}pagefind/router/${file}`).then((r) => {
      if (!r.ok) throw new Error(`${file}: ${r.status}`);
      return r.json();
    }));
  }
  return chunks.get(file);
}

// A router entry: [usual form?, shard, pages, shard, pages, …].
function decode(word, entry) {
  const form = typeof entry[0] === "string" ? entry[0] : word;
  const pages = new Map();
  for (let i = form === word ? 0 : 1; i < entry.length; i += 2) pages.set(entry[i], entry[i + 1]);
  return { word, form, pages, total: sum([...pages.values()]) };
}

async function chunkWords(files) {
  const found = [];
  for (const words of await Promise.all(files.map(routerChunk))) {
    for (const [word, entry] of Object.entries(words)) found.push(decode(word, entry));
  }
  return found;
}

// Every indexed word that begins with `prefix`: what Pagefind matches for a stem.
async function wordsFrom(prefix) {
  const last = `${prefix}\uffff`;
  const files = router.chunks.filter(([from, to]) => from <= last && to >= prefix).map(([, , file]) => file);
  return (await chunkWords(files)).filter((w) => w.word.startsWith(prefix));
}

// A query's words as Pagefind reads them: punctuation dropped, lower case, no accents.
const PUNCTUATION = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u;
function termsOf(q) {
  const kept = [...q].filter((c) => !PUNCTUATION.test(c)).map((c) => c.toLocaleLowerCase()).join("");
  return kept.normalize("NFD").replace(/\p{M}/gu, "").split(/\s+/).filter(Boolean);
}

// What the router says of a query: for each word, its stem and the indexed
// words that begin with it (all of which Pagefind matches); the words no
// transcript holds; and the shards that hold every word, each with an upper
// bound of the transcripts in it that do ("estimate"; exact for one word
// that stands for one indexed word). A year filter or a date range leaves
// out the shards of other dates.
async function route(q, filters, range = state) {
  const terms = q.split(/\s+/).flatMap((typed) => termsOf(typed).map((term) => ({ typed: typed.replace(/"/g, ""), term })));
  const words = await Promise.all(terms.map(async ({ typed, term }) => {
    const stem = stemmer.stemWord(term);
    const matched = await wordsFrom(stem);
    const pages = new Map();
    for (const w of matched) for (const [shard, n] of w.pages) pages.set(shard, (pages.get(shard) || 0) + n);
    return { typed, term, stem, matched, pages };
  }));
  const missing = words.filter((w) => !w.matched.length);
  const years = filters.year ? filters.year.any : null;
  // A shard holds the days from its first transcript's to its last's.
  const overlaps = (s) => (!range.from || s.to.slice(0, range.from.length) >= range.from)
    && (!range.to || s.from.slice(0, range.to.length) <= range.to);
  let shards = router.shards.map((shard, index) => ({ ...shard, index, estimate: shard.pages }))
    .filter((s) => !years || years.some((y) => s.from.slice(0, 4) <= y && y <= s.to.slice(0, 4)))
    .filter(overlaps);
  for (const word of words) {
    shards = shards.filter((s) => word.pages.has(s.index)).map((s) => ({ ...s, estimate: Math.min(s.estimate, word.pages.get(s.index)) }));
  }
  const exact = words.length === 1 && words[0].matched.length === 1 && !Object.keys(filters).length && !range.from && !range.to;
  // Words of punctuation alone are no words to Pagefind: it finds nothing, so no shard is read.
  const none = missing.length || (q.trim() && !words.length);
  return { words, missing, shards: none ? [] : shards, exact };
}

// Best match reads by score, and with no words by date, newest first.
const order = () => state.sort || (state.q ? "" : "desc");

// The order in which shards are searched: by date for a date order; for
// best match, those where the words are most frequent first, since scores
// are only compared within what is searched together.
function ordered(shards) {
  const list = [...shards];
  if (order() === "asc") return list.sort((a, b) => a.index - b.index);
  if (order() === "desc") return list.sort((a, b) => b.index - a.index);
  return list.sort((a, b) => b.estimate / b.pages - a.estimate / a.pages || b.index - a.index);
}

// Candidates in the order asked for, a group of shards at a time: as many
// as may fill a page of results, loaded together. By date each shard is
// sorted on its own (their dates never overlap); by best match the group is
// ranked as one.
async function* candidates(search, filters) {
  const term = state.q || null;
  while (search.queue.length) {
    const group = [];
    let expected = 0;
    while (search.queue.length && (!group.length || expected < PAGE)) {
      const shard = search.queue.shift();
      group.push(shard);
      expected += shard.estimate;
    }
    await Promise.all(group.map(mergeShard));
    const results = [];
    if (order()) {
      for (const shard of group) {
        const found = await pagefind.search(term, { filters: { ...filters, shard: { any: [shard.name] } }, sort: { date: order() } });
        results.push(...found.results);
      }
    } else {
      const found = await pagefind.search(term, { filters: { ...filters, shard: { any: group.map((s) => s.name) } } });
      results.push(...found.results);
    }
    search.searched.push(...group);
    search.found += results.length;
    yield* results;
  }
}

// The filter counts of what was searched so far; with nothing searched
// yet (no words, no filters), of every shard, which it loads.
async function filterCounts(search, filters) {
  if (!search) {
    await Promise.all(router.shards.map(mergeShard));
    return pagefind.filters();
  }
  if (!search.searched.length) return {};
  await pagefind.filters(); // a search counts filters only once their index is loaded
  const found = await pagefind.search(state.q || null, { filters: { ...filters, shard: { any: search.searched.map((s) => s.name) } } });
  return found.filters;
}

// The statements a result shows: those that matched, and with speakers
// chosen only theirs (the page's meta says which person each label denotes).
// Pagefind runs a heading's section to the next heading; a statement ends
// at the next anchor, as the page shows it (the narrative after a statement,
// a "* * *" break's included, starts at an anchor of its own, nK): only
// matches before it are the statement's.
function statementsOf(data) {
  const starts = (data.anchors || []).map((a) => a.location).sort((a, b) => a - b);
  const end = (at) => starts.find((location) => location > at) ?? Infinity;
  const statements = (data.sub_results || []).filter((s) => /#t\d+$/.test(s.url))
    .filter((s) => !s.anchor || !s.locations || s.locations.some((at) => at < end(s.anchor.location)));
  const speakers = new Set(state.filters.speaker || []);
  if (!speakers.size) return statements;
  const persons = speakersOf(data);
  return statements.filter((s) => speakers.has(persons[s.title]));
}

// Which person each speaker label of a result denotes (its page's meta).
function speakersOf(data) {
  try { return JSON.parse((data.meta || {}).speakers || "{}"); } catch (error) { return {}; }
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
    // Fetched together, shown in order as each arrives: the first result need not wait for the tenth.
    const items = batch.map((r) => r.data());
    search.read += batch.length;
    for (const item of items) {
      const data = await item;
      if (mine !== generation) return null;
      const statements = statementsOf(data);
      for (const person of Object.values(speakersOf(data))) if (person) search.persons.add(person);
      if (state.q && state.filters.speaker?.length && !statements.length) continue;
      if (rangeCuts() && !inRange((data.meta || {}).day || "")) continue;
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
  const said = `where ${speakers.join(" or ")} said “${state.q}”${rangeText()}`;
  const found = `${state.q ? ` for “${state.q}”` : ""}${rangeText()}`;
  const complete = !search.queue.length;
  if (search.done && !search.shown) {
    status.textContent = bySpeaker ? `No transcript ${said}` : `No transcripts found${found}`;
  } else if (bySpeaker || rangeCuts()) {
    // Only the results read so far say how many of the candidates remain:
    // their statements (a speaker chosen) or their dates (a range's first and last year).
    const counted = search.done ? noun(search.shown) : `${noun(search.shown)} so far, of ${noun(search.found)} to check,`;
    status.textContent = bySpeaker ? `${counted} ${said}` : `${counted} found${found}`;
  } else {
    status.textContent = `${noun(search.found)} found${found}${complete ? "" : " so far"}`;
  }
  describeScope(search, complete);
  listActive();
}

// Until every shard that may hold a result was searched, say what a count
// covers, in what order the archive is read, and how much may remain.
function describeScope(search, complete) {
  scope.hidden = complete;
  if (complete) return;
  const searched = sum(search.searched.map((s) => s.pages));
  const all = sum(router.shards.map((s) => s.pages));
  const rest = sum(search.queue.map((s) => s.estimate));
  const how = { asc: "oldest first", desc: "newest first", "": "those where the words are most frequent first, best matches first within them" }[order()];
  scope.textContent = `Searched ${count(searched)} of ${count(all)} transcripts, ${how}; up to ${count(rest)} more ${rest === 1 ? "transcript" : "transcripts"} may match. “More results” searches further.`;
}

// The filters and the order in force, beside the count: each can be
// dropped on its own, or all at once.
function listActive() {
  const chosen = FILTERS.flatMap(([key, title]) => (state.filters[key] || []).map((value) => [
    `${title}: ${value}`, () => { state.filters[key] = state.filters[key].filter((v) => v !== value); },
  ]));
  if (state.from) chosen.push([`From ${state.from}`, () => { state.from = ""; }]);
  if (state.to) chosen.push([`To ${state.to}`, () => { state.to = ""; }]);
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
    clear.addEventListener("click", () => { state.filters = {}; state.sort = ""; state.from = ""; state.to = ""; change(Infinity); });
    active.append(element("li", {}, clear));
  }
}

// A link that runs another search on this page (and still opens in a new tab).
function searchLink(text, q) {
  const link = element("a", { href: addressOf({ ...state, q, shown: 0 }), textContent: text });
  link.addEventListener("click", (event) => {
    if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    state.q = q;
    input.value = q;
    change(null).then(() => input.focus());
  });
  return link;
}

// The query with one word, as typed, replaced.
function replacing(typed, by) {
  let placed = false;
  return state.q.split(/\s+/).filter(Boolean).map((word) => {
    if (!placed && word.replace(/"/g, "") === typed) { placed = true; return by; }
    return word;
  }).join(" ");
}

// What the page offers beside the results: a word no transcript holds is
// said so, with the closest name or indexed word; the other forms of a
// word that the archive holds (economy: economic) with their counts and
// one search that includes them; and when nothing is found, what dropping
// the filters finds, and where to browse.
async function offerHelp(mine, nothingFound) {
  const plan = current.plan;
  const offers = dateNotes();
  if (plan.missing.length) {
    const words = plan.missing.map((w) => `“${w.typed}”`).join(", ");
    offers.push(element("p", {}, plan.missing.length === 1 ? `No transcript holds the word ${words}.` : `No transcript holds the words ${words}.`));
  }
  // A search for a speaker's name finds where they are named and where they
  // speak (a statement is headed by its speaker's name): what they said alone
  // is the speaker filter.
  const speaker = [...plan.missing.length ? [] : current.persons].find((p) => folded(p) === folded(state.q));
  if (speaker && !(state.filters.speaker || []).length) {
    const only = element("a", { href: addressOf({ q: "", sort: "", from: "", to: "", filters: { speaker: [speaker] }, shown: 0, measure: state.measure }),
      textContent: `Only what ${speaker} said` });
    offers.push(element("p", {}, `“${state.q}” is found wherever the name is printed, and it heads each statement ${speaker} makes. `, only, "."));
  }
  if (nothingFound && Object.keys(activeFilters()).length) {
    const drop = element("button", { type: "button", textContent: "Search without the filters" });
    drop.addEventListener("click", () => { state.filters = {}; state.from = ""; state.to = ""; change(Infinity); });
    // Without the filters is without the dates too: the button drops both.
    const unfiltered = state.q ? await route(state.q, {}, { from: "", to: "" }) : null;
    let total = unfiltered ? sum(unfiltered.shards.map((s) => s.estimate)) : 0;
    let exact = Boolean(unfiltered && unfiltered.exact);
    // When every shard that may hold the words was read for this search, Pagefind
    // counts them exactly with nothing more to fetch: the router's figure only
    // bounds a stem that stands for several words (syria, syrian).
    const read = new Set(current.searched.map((s) => s.name));
    if (unfiltered && unfiltered.shards.length && unfiltered.shards.every((s) => read.has(s.name))) {
      const found = await pagefind.search(state.q, { filters: { shard: { any: unfiltered.shards.map((s) => s.name) } } });
      [total, exact] = [found.results.length, true];
    }
    if (!state.q) offers.push(element("p", {}, "No transcript matches all these filters. ", drop));
    else if (total && exact) offers.push(element("p", {}, `Without the filters: ${noun(total)} found for “${state.q}”. `, drop));
    else if (total) offers.push(element("p", {}, `Without the filters, up to ${noun(total)} may hold “${state.q}”. `, drop));
    else offers.push(element("p", {}, `Nothing is found for “${state.q}” without the filters either.`));
  }
  const guess = plan.missing.length ? await closestName(plan.missing.map((w) => w.term)) : null;
  if (guess) {
    const page = element("a", { href: base + guess.url.replace(/^\//, ""), textContent: `the ${guess.kind} page` });
    offers.push(element("p", { className: "suggestion" }, "Did you mean ", searchLink(guess.name, guess.query), "? See also ", page, ` (${noun(guess.transcripts)}).`));
  } else {
    for (const word of plan.missing) {
      const close = await closestWord(word);
      if (close) offers.push(element("p", { className: "suggestion" }, "Did you mean ", searchLink(close.form, replacing(word.typed, close.form)), `? (${noun(close.total)})`));
    }
  }
  for (const word of plan.missing.length ? [] : plan.words) {
    const forms = await otherForms(word);
    if (!forms) continue;
    const listed = forms.words.flatMap((w, i) => [i ? ", " : "", element("strong", { textContent: w.form }), ` (${noun(w.total)})`]);
    offers.push(element("p", { className: "forms" }, `Other forms of “${word.typed}” in the archive: `, ...listed, ". ",
      searchLink(`Include them: ${forms.prefix}*`, replacing(word.typed, `${forms.prefix}*`))));
  }
  if (nothingFound) offers.push(browseOffer());
  if (mine !== generation || !offers.length) return;
  help.replaceChildren(...offers);
  help.hidden = false;
}

// What the dates asked for cannot be: a date the address gives that is
// none (left out), or a range that ends before it starts (holds no day).
function dateNotes() {
  const notes = state.unread.map((text) => element("p", {}, `“${text}” is not a date, so it is left out: write ${DAY_HINT}.`));
  if (state.from && state.to && state.from.slice(0, state.to.length) > state.to.slice(0, state.from.length)) {
    const swap = element("button", { type: "button", textContent: `Search from ${state.to} to ${state.from}` });
    swap.addEventListener("click", () => { [state.from, state.to] = [state.to, state.from]; change(Infinity); });
    notes.push(element("p", {}, `The dates run backwards: from ${state.from} to ${state.to} holds no day. `, swap));
  }
  return notes;
}

// Indexed words that are another form of a query word's stem but not one
// Pagefind matches for it: those that begin with the stem less its last
// letter (economy is "economi"; economic is "econom"), most used first.
// Searching for that shorter beginning, which is its own stem, finds them all.
async function otherForms(word) {
  if (word.stem.length < 5 || /\d/.test(word.stem)) return null;
  let prefix = word.stem.slice(0, -1);
  const words = (await wordsFrom(prefix)).filter((w) => !w.word.startsWith(word.stem) && !/\d/.test(w.word))
    .sort((a, b) => b.total - a.total || a.form.localeCompare(b.form)).slice(0, 3);
  while (prefix.length >= 4 && stemmer.stemWord(prefix) !== prefix) prefix = prefix.slice(0, -1);
  return words.length && prefix.length >= 4 ? { words, prefix } : null;
}

// The indexed word closest to a word no transcript holds, among the words
// of the router chunks around where it would be.
async function closestWord(word) {
  const at = router.chunks.findIndex(([, to]) => word.stem <= to);
  const near = at < 0 ? router.chunks.slice(-2) : router.chunks.slice(Math.max(0, at - 1), at + 2);
  let best = null;
  for (const w of await chunkWords(near.map(([, , file]) => file))) {
    const form = folded(w.form);
    const edits = distance(word.term, form);
    if (edits > allowed(word.term.length) || form.length < 3) continue;
    if (!best || edits < best.edits || (edits === best.edits && w.total > best.w.total)) best = { w, edits };
  }
  return best ? { ...best.w, form: folded(best.w.form) } : null;
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
// that no transcript holds (`missing`, as Pagefind reads them); with the
// query it suggests (that word replaced by the name). Ties go to the name
// in more transcripts.
async function closestName(missing) {
  const q = state.q;
  const words = q.replace(/"/g, " ").split(/\s+/).filter(Boolean);
  const whole = folded(q);
  const parts = missing.map(folded).flatMap((w) => w.split(" ")).filter((w) => w.length >= 3);
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

const countFiles = new Map(); // counts file -> its words, fetched once
let redrawCounts = null; // draws the chart shown to the page's width

// The exact counts of an indexed word, as the query that word (null: none in the text).
async function countsOf(word) {
  const found = (router.counts || []).find(([from, to]) => from <= word && word <= to);
  if (!found) return null;
  if (!countFiles.has(found[2])) {
    countFiles.set(found[2], fetch(`${base}pagefind/counts/${found[2]}`).then((r) => {
      if (!r.ok) throw new Error(`${found[2]}: ${r.status}`);
      return r.json();
    }));
  }
  const words = await countFiles.get(found[2]);
  return words[word] ? decodeEntry(words[word]) : null;
}

// One series of the chart: a term of one word, counted as Pagefind matches
// it (every indexed word that begins with its stem). The counts of a stem
// are those of the shortest indexed word it begins; a stem that begins
// several unrelated words (sanc: sanction, sanctuary) has none of its own.
async function seriesOf(term) {
  const words = termsOf(term);
  if (words.length !== 1) return { label: term, problem: "phrase" };
  const matched = await wordsFrom(stemmer.stemWord(words[0]));
  if (!matched.length) return { label: term, problem: "missing" };
  const roots = matched.filter((w) => !matched.some((o) => o !== w && w.word.startsWith(o.word)));
  if (roots.length !== 1) return { label: term, problem: "several", forms: roots.map((w) => w.form) };
  const forms = [...new Set(matched.sort((a, b) => b.total - a.total || a.form.localeCompare(b.form)).map((w) => w.form))];
  return { label: term, forms, counts: await countsOf(roots[0].word) };
}

// A word through the years (each term of the query a series), and for one
// word who says it most: drawn above the results, from exact counts.
async function showCounts(mine) {
  const terms = chartTerms(state.q);
  if (!router.counts || !terms.length) return;
  const found = await Promise.all(terms.map(seriesOf));
  if (mine !== generation) return;
  const series = found.filter((s) => s.counts);
  const notes = [];
  for (const s of found) {
    if (s.problem === "phrase") notes.push(`Counts are of single words: “${s.label}” has several. Separate words with commas to compare them (${termsOf(s.label).slice(0, 2).join(", ")}).`);
    if (s.problem === "several") notes.push(`“${s.label}” begins several words (${s.forms.slice(0, 5).join(", ")}): type one of them to see its counts.`);
    if (!s.problem && !s.counts) notes.push(`“${s.label}” is not in the transcripts' text (speaker labels and titles are not counted).`);
  }
  if (!series.length && !notes.length) return;
  const labels = series.map((s) => `“${s.label}”`).join(", ");
  const heading = element("h2", { id: "search-counts-heading", textContent: series.length ? `${labels} through the years` : "Counts" });
  const parts = [heading];
  if (series.length) {
    const years = archiveYears(router.years || []);
    const focusLine = element("p", { className: "counts-focus", textContent: "Point at or focus a year for its counts; follow it for its results." });
    const chartBox = element("div", { className: "counts-chart-box" });
    const tableBox = scrolling("Counts by year", "");
    const yearLink = (year) => ({
      href: addressOf({ ...state, from: year, to: year, shown: 0 }),
      activate: (event) => {
        if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        state.from = year;
        state.to = year;
        change(null);
      },
    });
    const draw = () => {
      chartBox.replaceChildren(drawChart(years, series, state.measure, yearLink, focusLine, countsBox.clientWidth || 640));
      tableBox.replaceChildren(drawTable(years, series, state.measure));
    };
    const measures = element("fieldset", { className: "counts-measure" }, element("legend", { textContent: "Measure" }));
    for (const [value, text] of Object.entries(MEASURES)) {
      const id = `counts-measure-${value}`;
      const radio = element("input", { type: "radio", name: "counts-measure", id, value, checked: state.measure === value });
      radio.addEventListener("change", () => { state.measure = value; writeState("replace"); draw(); });
      measures.append(element("span", { className: "counts-choice" }, radio, element("label", { htmlFor: id, textContent: text })));
    }
    // Drawn once shown (its width known), and again when the page's width changes.
    requestAnimationFrame(draw);
    redrawCounts = draw;
    const legend = series.length > 1 ? [element("ul", { className: "counts-legend" }, ...series.map((s, i) => element("li", {},
      element("span", { className: `swatch series-${i}` }), s.label)))] : [];
    const counted = series.map((s) => `${series.length > 1 ? `“${s.label}”: ` : "Counted: "}${s.forms.slice(0, 8).join(", ")}${s.forms.length > 8 ? ` and ${s.forms.length - 8} more` : ""}`).join("; ");
    parts.push(measures, ...legend, chartBox, focusLine,
      element("p", { className: "counts-note", textContent: `${counted}. Every occurrence in the transcripts' text as search reads it: statements and narrative, summaries and photo captions; not speaker labels or titles. Years with fewer than 5 occurrences are paler in the chart and marked * in the table. These counts are of the whole archive, whatever the filters.` }),
      element("details", { className: "counts-more" }, element("summary", { textContent: "Counts by year, as a table" }), tableBox));
    if (found.length === 1 && series.length === 1) {
      const word = termsOf(series[0].label)[0];
      const speakerLink = (name) => element("a", { href: addressOf({ q: word, sort: "", from: "", to: "", filters: { speaker: [name] }, shown: 0, measure: "rate" }), textContent: name });
      parts.push(...drawSpeakers(series[0].label, series[0].counts, speakerLink));
    }
  }
  parts.push(...notes.map((text) => element("p", { className: "counts-note", textContent: text })));
  countsBox.replaceChildren(...parts);
  countsBox.hidden = false;
}

// A change made on the page is a new search, and a new history entry.
// `focusAt`: the index of the filter button just removed; the one after it
// (or the search box, when none is left) takes the focus.
function showControls() {
  input.value = state.q;
  sortSelect.value = state.sort;
  fromInput.value = state.from;
  toInput.value = state.to;
  for (const box of [fromInput, toInput]) box.setCustomValidity("");
}

async function change(focusAt) {
  typingEntry = false;
  state.shown = 0;
  state.unread = [];
  showControls();
  await run("push");
  if (focusAt !== null && focusAt !== undefined) (active.querySelectorAll("button")[focusAt] || input).focus();
}

async function run(mode) {
  const mine = ++generation;
  writeState(mode);
  help.hidden = true;
  help.replaceChildren();
  scope.hidden = true;
  const filters = activeFilters();
  countsBox.hidden = true;
  countsBox.replaceChildren();
  redrawCounts = null;
  if (!state.q && !Object.keys(filters).length) {
    current = null;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Type words to search every transcript; narrow the results by dates, speaker, topic, place, year or section.";
    const notes = dateNotes();
    if (notes.length) {
      help.replaceChildren(...notes);
      help.hidden = false;
    }
    listActive();
    if (panel.open) {
      const counts = await filterCounts(null, filters);
      if (mine === generation) renderFilters(counts);
    }
    return;
  }
  const plan = await route(state.q, filters);
  if (mine !== generation) return;
  showCounts(mine).catch((error) => console.error(error));
  current = { plan, queue: ordered(plan.shards), searched: [], found: 0, read: 0, shown: 0, done: false, persons: new Set() };
  current.iterator = candidates(current, filters);
  list.replaceChildren();
  await renderMore(mine, Math.max(PAGE, state.shown));
  if (mine !== generation) return;
  if (panel.open) {
    const counts = await filterCounts(current, filters);
    if (mine !== generation) return;
    renderFilters(counts, null, current.queue.length ? current : null);
  }
  await offerHelp(mine, current.done && !current.shown);
}

// Where the reader was on the page when they left it (reload, Back from a
// result, Back to an earlier search), put back once the results are shown.
function restoreScroll() {
  const scroll = history.state && history.state.scroll;
  if (scroll) window.scrollTo(0, scroll);
}

async function start() {
  const answer = fetch(`${base}pagefind/router.json`, { cache: "no-cache" }).then((r) => (r.ok ? r.json() : null));
  loaded = Promise.all([answer, import(`${base}pagefind/pagefind.js`)]).then(async ([routed, api]) => {
    if (!routed) return;
    pagefind = api;
    // The worker costs a download of its own and moves no work off a search this small.
    await pagefind.options({ baseUrl: base, excerptLength: 24, noWorker: true, metaCacheTag: routed.loader });
    await pagefind.init();
  });
  router = await answer;
  if (!router || !router.shards.length) {
    app.hidden = false;
    status.textContent = "There are no transcripts to search yet.";
    return;
  }
  loaded.catch(fail);
  // Filter counts cost their own downloads: they are fetched when the
  // panel is opened, or when the search already narrows by a filter.
  panel.open = Object.keys(activeFilters()).length > 0 && window.matchMedia("(min-width: 60rem)").matches;
  panel.addEventListener("toggle", () => { if (panel.open) run("replace"); });
  app.hidden = false;
  showControls();
  history.scrollRestoration = "manual";
  let resizing;
  let width = window.innerWidth;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      if (redrawCounts && window.innerWidth !== width) redrawCounts();
      width = window.innerWidth;
    }, 150);
  });
  // Kept as the reader scrolls: a state written while the page unloads is lost on reload.
  let scrolling;
  window.addEventListener("scroll", () => {
    clearTimeout(scrolling);
    scrolling = setTimeout(() => history.replaceState({ ...history.state, scroll: window.scrollY }, ""), 150);
  });
  window.addEventListener("popstate", () => {
    Object.assign(state, readState(location.search));
    showControls();
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
  for (const [box, key] of [[fromInput, "from"], [toInput, "to"]]) {
    box.addEventListener("change", () => {
      const value = box.value.trim();
      box.setCustomValidity(value && !realDay(value) ? DAY_HINT[0].toUpperCase() + DAY_HINT.slice(1) : "");
      if (!box.reportValidity()) return;
      state[key] = value;
      change(null);
    });
  }
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
    if (panel.open) renderFilters(await filterCounts(current, activeFilters()), null, current.queue.length ? current : null);
    // The reader goes on from the first result they have not seen.
    if (first) first.querySelector("h2 a").focus();
  });
  await run("replace");
  restoreScroll();
}

function fail(error) {
  status.textContent = "Search could not be loaded. Browse by person, topic, place or date instead.";
  app.hidden = false;
  console.error(error);
}

start().catch(fail);

// Stenogram search: a small UI on Pagefind's JS API. The only script of the site.
// State lives in the URL (?q=…&sort=…&speaker=…) so that a search can be shared.
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
const STATEMENTS_SHOWN = 5;
const SHOWN_VALUES = 12;

const form = document.querySelector(".search-page-form");
const input = document.getElementById("search-query");
const sortSelect = document.getElementById("search-sort");
const panel = document.getElementById("search-filter-panel");
const filtersBox = document.getElementById("search-filters");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");

const state = readState();
let generation = 0;
let current = null; // the running search: its candidates and how far they were read
const expanded = new Set();

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [key] of FILTERS) {
    const values = [...params.getAll(key), ...Object.entries(ALIASES).filter(([, to]) => to === key).flatMap(([from]) => params.getAll(from))];
    if (values.length) filters[key] = [...new Set(values)];
  }
  return { q: params.get("q") || "", sort: params.get("sort") || "", filters };
}

function writeState() {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort) params.set("sort", state.sort);
  for (const [key] of FILTERS) for (const value of state.filters[key] || []) params.append(key, value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
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

function activeFilters() {
  return Object.fromEntries(Object.entries(state.filters).filter(([, v]) => v.length).map(([k, v]) => [k, { any: v }]));
}

function renderFilters(counts) {
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
      all.addEventListener("click", () => { expanded.add(key); renderFilters(counts); });
      fieldset.append(all);
    }
    filtersBox.append(fieldset);
  }
}

// A shard that holds no word beginning like a query word answers with
// shorter words it does hold ("we" for "welcome"): one bundle of the whole
// archive would not. An exact search per word says which transcripts hold
// each complete word; a word still being typed, found exactly nowhere, keeps
// Pagefind's prefix match. Null: keep every result.
async function holdingEveryWord(pagefind, filters) {
  const words = state.q.split(/\s+/).filter(Boolean);
  if (!words.length || state.q.includes('"')) return null;
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

// Candidates in the order asked for. Best match: one ranked list over every
// shard. By date: shard after shard, each sorted by Pagefind.
async function* candidates(pagefind, ranked, filters, holding) {
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

// Reads candidates until PAGE results are shown or none are left. With a
// speaker chosen and words typed, a transcript where only others said them
// is left out: its statements are read to know.
async function renderMore(mine) {
  const search = current;
  let added = 0;
  while (added < PAGE && !search.done) {
    const batch = [];
    while (batch.length < PAGE) {
      const next = await search.iterator.next();
      if (next.done) { search.done = true; break; }
      batch.push(next.value);
    }
    const items = await Promise.all(batch.map((r) => r.data()));
    if (mine !== generation) return;
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
}

function describe(search) {
  const speakers = state.filters.speaker || [];
  const bySpeaker = Boolean(state.q && speakers.length);
  const noun = (n) => `${n.toLocaleString("en")} transcript${n === 1 ? "" : "s"}`;
  const others = FILTERS.filter(([key]) => !(bySpeaker && key === "speaker")).flatMap(([key]) => state.filters[key] || []);
  const narrowed = others.length ? ` (filtered by ${others.join(", ")})` : "";
  if (bySpeaker) {
    // Only the statements read so far say how many of the candidates remain.
    const count = search.done ? noun(search.shown) : `${noun(search.shown)} so far, of ${noun(search.total)} to check,`;
    status.textContent = `${count} where ${speakers.join(" or ")} said “${state.q}”${narrowed}`;
  } else {
    status.textContent = `${noun(search.total)} found${state.q ? ` for “${state.q}”` : ""}${narrowed}`;
  }
}

// Searches report filter counts only once the filter index is loaded.
let filtersLoaded = false;
async function loadFilters(pagefind) {
  if (!filtersLoaded) {
    await pagefind.filters();
    filtersLoaded = true;
  }
}

async function run(pagefind) {
  const mine = ++generation;
  if (panel.open) await loadFilters(pagefind);
  writeState();
  const filters = activeFilters();
  if (!state.q && !Object.keys(filters).length) {
    current = null;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Type words to search every transcript; narrow the results by speaker, topic, place, year or section.";
    if (panel.open) renderFilters(await pagefind.filters());
    return;
  }
  const ranked = await pagefind.search(state.q || null, { filters });
  const holding = await holdingEveryWord(pagefind, filters);
  if (mine !== generation || !ranked) return;
  const total = holding ? ranked.results.filter((r) => holding.ids.has(r.id)).length : ranked.results.length;
  current = { iterator: candidates(pagefind, ranked, filters, holding), total, read: 0, shown: 0, done: false };
  list.replaceChildren();
  if (panel.open) renderFilters((holding && holding.counts) || ranked.filters);
  await renderMore(mine);
}

async function start() {
  if (!shards.length) {
    app.hidden = false;
    status.textContent = "There are no transcripts to search yet.";
    return;
  }
  const options = { baseUrl: base, excerptLength: 24 };
  const pagefind = await import(`${base}pagefind/${shards[0]}/pagefind.js`);
  await pagefind.options(options);
  await pagefind.init();
  await Promise.all(shards.slice(1).map((year) => pagefind.mergeIndex(`${base}pagefind/${year}/`, options)));
  // Filter counts cost their own downloads: they are fetched when the
  // panel is opened, or when the search already narrows by a filter.
  panel.open = Object.keys(activeFilters()).length > 0 && window.matchMedia("(min-width: 60rem)").matches;
  panel.addEventListener("toggle", () => { if (panel.open) run(pagefind); });
  app.hidden = false;
  input.value = state.q;
  sortSelect.value = state.sort;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.q = input.value.trim();
    run(pagefind);
  });
  let typing;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.q = input.value.trim(); run(pagefind); }, 250);
  });
  sortSelect.addEventListener("change", () => { state.sort = sortSelect.value; run(pagefind); });
  filtersBox.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.dataset.filter) return;
    const values = new Set(state.filters[box.dataset.filter] || []);
    box.checked ? values.add(box.value) : values.delete(box.value);
    state.filters[box.dataset.filter] = [...values];
    run(pagefind);
  });
  more.addEventListener("click", () => { if (current) renderMore(generation); });
  await run(pagefind);
}

start().catch((error) => {
  status.textContent = "Search could not be loaded. Browse by person, topic, place or date instead.";
  app.hidden = false;
  console.error(error);
});

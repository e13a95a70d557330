// Stenogram search: a small UI on Pagefind's JS API. The only script of the site.
// State lives in the URL (?q=…&sort=…&person=…) so that a search can be shared.
const app = document.getElementById("search-app");
const base = app.dataset.base;
const FILTERS = [["person", "Person"], ["topic", "Topic"], ["place", "Place"], ["year", "Year"], ["section", "Section"]];
const PAGE = 10;
const SHOWN_VALUES = 12;

const form = document.querySelector(".search-page-form");
const input = document.getElementById("search-query");
const sortSelect = document.getElementById("search-sort");
const filtersBox = document.getElementById("search-filters");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");

const state = readState();
let results = [];
let shown = 0;
let generation = 0;
const expanded = new Set();

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [key] of FILTERS) {
    const values = params.getAll(key);
    if (values.length) filters[key] = values;
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

// Pagefind's excerpts are escaped text with <mark> around hits. Rebuild them
// from text and <mark> only, so that nothing else can become markup. A
// statement's excerpt starts with its heading, the speaker label, which the
// result already shows: ``skip`` drops it.
function safeExcerpt(html, skip = "") {
  const template = document.createElement("template");
  template.innerHTML = html;
  const segments = [...template.content.childNodes].map((node) => [node.textContent, node.nodeName === "MARK"]);
  const joined = segments.map(([text]) => text).join("");
  let drop = skip && joined.startsWith(skip) ? skip.length + (joined.slice(skip.length).match(/^[.:]?\s*/) || [""])[0].length : 0;
  const out = document.createDocumentFragment();
  for (const [text, marked] of segments) {
    const kept = text.slice(Math.min(drop, text.length));
    drop = Math.max(0, drop - text.length);
    if (!kept) continue;
    if (marked) out.append(element("mark", { textContent: kept }));
    else out.append(kept);
  }
  return out;
}

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function renderFilters(counts) {
  filtersBox.replaceChildren();
  for (const [key, title] of FILTERS) {
    const values = counts[key] || {};
    const selected = new Set(state.filters[key] || []);
    const names = Object.keys(values)
      .filter((name) => values[name] > 0 || selected.has(name))
      .sort((a, b) => (key === "year" ? b.localeCompare(a) : values[b] - values[a] || a.localeCompare(b)));
    if (!names.length) continue;
    const fieldset = element("fieldset", { className: "facet" }, element("legend", { textContent: title }));
    const limit = expanded.has(key) ? names.length : SHOWN_VALUES;
    names.slice(0, limit).forEach((name, index) => {
      const id = `filter-${key}-${index}`;
      const box = element("input", { type: "checkbox", id, checked: selected.has(name) });
      box.dataset.filter = key;
      box.value = name;
      const label = element("label", { htmlFor: id }, name, " ", element("span", { className: "count", textContent: `(${values[name] || 0})` }));
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

async function renderMore(pagefind, mine) {
  const batch = results.slice(shown, shown + PAGE);
  const items = await Promise.all(batch.map((r) => r.data()));
  if (mine !== generation) return;
  for (const data of items) {
    const meta = data.meta || {};
    const link = element("a", { href: data.url, textContent: meta.title || data.url });
    const details = [meta.date, meta.places].filter(Boolean).join(" · ");
    const item = element("li", { className: "result" }, element("h2", {}, link));
    if (details) item.append(element("p", { className: "meta", textContent: details }));
    const statements = (data.sub_results || []).filter((s) => s.url.includes("#t"));
    if (statements.length) {
      const sub = element("ul", { className: "statements" });
      for (const s of statements.slice(0, 5)) {
        sub.append(element("li", {}, element("a", { href: s.url, className: "speaker-link", textContent: s.title }), ": ",
          element("span", { className: "excerpt" }, safeExcerpt(s.excerpt, s.title))));
      }
      item.append(sub);
    } else {
      item.append(element("p", { className: "excerpt" }, safeExcerpt(data.excerpt)));
    }
    list.append(item);
  }
  shown += batch.length;
  more.hidden = shown >= results.length;
}

async function run(pagefind) {
  const mine = ++generation;
  writeState();
  const active = Object.fromEntries(Object.entries(state.filters).filter(([, v]) => v.length).map(([k, v]) => [k, { any: v }]));
  const hasFilters = Object.keys(active).length > 0;
  if (!state.q && !hasFilters) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Type words to search every transcript; narrow the results by person, topic, place, year or section.";
    renderFilters(await pagefind.filters());
    return;
  }
  const options = { filters: active };
  if (state.sort) options.sort = { date: state.sort };
  const search = await pagefind.search(state.q || null, options);
  if (mine !== generation || !search) return;
  results = search.results;
  shown = 0;
  list.replaceChildren();
  const what = state.q ? `for “${state.q}”` : "";
  status.textContent = `${results.length} transcript${results.length === 1 ? "" : "s"} found ${what}`.trim();
  renderFilters(search.filters);
  await renderMore(pagefind, mine);
}

async function start() {
  const pagefind = await import(`${base}pagefind/pagefind.js`);
  await pagefind.options({ baseUrl: base, excerptLength: 24 });
  await pagefind.init();
  // Loads the filter index: without it, searches report no filter counts.
  await pagefind.filters();
  // Filters start folded on a phone, so that results come first.
  document.getElementById("search-filter-panel").open = window.matchMedia("(min-width: 60rem)").matches;
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
  more.addEventListener("click", () => renderMore(pagefind, generation));
  await run(pagefind);
}

start().catch((error) => {
  status.textContent = "Search could not be loaded. Browse by person, topic, place or date instead.";
  app.hidden = false;
  console.error(error);
});

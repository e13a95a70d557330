// The filter panel, with each value's count, and the filters and order in
// force beside the status line, each of which can be dropped.

import { element } from "./dom.js";
import { SORTS } from "./address.js";
import { count, sum } from "./words.js";

const SHOWN_VALUES = 12;

// Drawn again after each change: the control the reader was on keeps the focus.
// `partial`: a search that has not yet read every shard that may hold a
// result, whose counts cover only what it read.
export function renderFilters(app, counts, focusAt = null, partial = null) {
  const box = app.dom.filtersBox;
  const was = document.activeElement;
  const focused = focusAt || (box.contains(was) && was.dataset.filter ? [was.dataset.filter, was.value] : null);
  box.replaceChildren();
  if (partial) {
    const searched = sum(partial.searched.map((s) => s.pages));
    box.append(element("p", { className: "facet-note", textContent: `Counts for the ${count(searched)} transcripts searched so far.` }));
  }
  for (const [key, title] of app.filters) {
    const values = counts[key] || {};
    const selected = new Set(app.state.filters[key] || []);
    const names = Object.keys(values)
      .filter((name) => values[name] > 0 || selected.has(name))
      .sort((a, b) => (key === "year" ? b.localeCompare(a) : values[b] - values[a] || a.localeCompare(b)));
    for (const name of selected) if (!names.includes(name)) names.push(name);
    if (!names.length) continue;
    const fieldset = element("fieldset", { className: "facet" }, element("legend", { textContent: title }));
    const limit = app.expanded.has(key) ? names.length : SHOWN_VALUES;
    names.slice(0, limit).forEach((name, index) => {
      const id = `filter-${key}-${index}`;
      const input = element("input", { type: "checkbox", id, checked: selected.has(name) });
      input.dataset.filter = key;
      input.value = name;
      const label = element("label", { htmlFor: id }, name, " ", element("span", { className: "count", textContent: `(${(values[name] || 0).toLocaleString("en")})` }));
      fieldset.append(element("div", { className: "facet-value" }, input, label));
    });
    if (names.length > limit) {
      const all = element("button", { type: "button", className: "facet-more", textContent: `Show all ${names.length}` });
      // The first value it brings into view takes the focus from the vanished button.
      all.addEventListener("click", () => { app.expanded.add(key); renderFilters(app, counts, [key, names[limit]], partial); });
      fieldset.append(all);
    }
    box.append(fieldset);
  }
  if (focused) {
    const [key, value] = focused;
    const input = [...box.querySelectorAll("input")].find((b) => b.dataset.filter === key && b.value === value);
    if (input) input.focus();
  }
}

// The filters and the order in force, beside the count: each can be
// dropped on its own, or all at once. `change(focusAt)` runs the search again.
export function listActive(app, change) {
  const { state } = app;
  const active = app.dom.active;
  const chosen = app.filters.flatMap(([key, title]) => (state.filters[key] || []).map((value) => [
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

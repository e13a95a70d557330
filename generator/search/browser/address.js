// The search's state as the address holds it (?q=…&sort=…&from=…&to=…&speaker=…&shown=…),
// so that a search can be shared and reloaded. Pure: the filters' keys
// come from the page (the build's one table of kinds), the address is
// given, nothing is read from the page here.

export const PAGE = 10;
const MAX_SHOWN = 500; // what a shared ?shown= may ask for at once
export const SORTS = { desc: "Newest first", asc: "Oldest first" };
export const MEASURES = { rate: "per 100,000 words", share: "share of transcripts" };
// A date range's ends: a year, a month or a day (from=2015, to=2015-10-07).
const DAY = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
export const DAY_HINT = "a year, a month or a day: 2015, 2015-10 or 2015-10-07";

// A day the calendar has: 2015-02-30 has the shape of one and is none.
export function realDay(text) {
  if (!DAY.test(text)) return false;
  const [year, month, day] = text.split("-").map(Number);
  return !day || new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

// `filters`: the page's [key, title, aliases] rows; an alias is a key
// that links shared before a rename still use (person: speaker).
export function readState(search, filters) {
  const params = new URLSearchParams(search);
  const chosen = {};
  for (const [key, , aliases] of filters) {
    const values = [key, ...aliases].flatMap((name) => params.getAll(name));
    if (values.length) chosen[key] = [...new Set(values)];
  }
  const shown = Math.min(MAX_SHOWN, parseInt(params.get("shown"), 10) || 0);
  const end = (key) => (realDay(params.get(key) || "") ? params.get(key) : "");
  // Dates the address gives that are none: left out, and said so.
  const unread = ["from", "to"].filter((key) => params.get(key) && !realDay(params.get(key))).map((key) => params.get(key));
  const measure = params.get("measure") in MEASURES ? params.get("measure") : "rate";
  return { q: params.get("q") || "", sort: params.get("sort") in SORTS ? params.get("sort") : "", from: end("from"), to: end("to"), filters: chosen, shown, measure, unread };
}

// The address of a state; `empty`, the page's own path, when it asks for nothing.
export function addressOf(s, filters, empty) {
  const params = new URLSearchParams();
  if (s.q) params.set("q", s.q);
  if (s.sort) params.set("sort", s.sort);
  if (s.from) params.set("from", s.from);
  if (s.to) params.set("to", s.to);
  for (const [key] of filters) for (const value of s.filters[key] || []) params.append(key, value);
  if (s.shown > PAGE) params.set("shown", s.shown);
  if (s.measure && s.measure !== "rate") params.set("measure", s.measure);
  const query = params.toString();
  return query ? `?${query}` : empty;
}

// Best match reads by score, and with no words by date, newest first.
export const orderOf = (s) => s.sort || (s.q ? "" : "desc");

// Whether a day (YYYY-MM-DD) is in the range; its ends compare as far as they go.
export const inRange = (day, s) => (!s.from || day.slice(0, s.from.length) >= s.from) && (!s.to || day.slice(0, s.to.length) <= s.to);
// A range whose ends are not whole years: the year filter lets in
// transcripts of its first and last year that each result's date must check.
export const rangeCuts = (s) => s.from.length > 4 || s.to.length > 4;
// A range that ends before it starts holds no day.
export const backwards = (s) => Boolean(s.from && s.to && s.from.slice(0, s.to.length) > s.to.slice(0, s.from.length));

export function rangeText(s) {
  if (s.from && s.to) return s.from === s.to ? ` in ${s.from}` : ` from ${s.from} to ${s.to}`;
  return s.from ? ` from ${s.from} on` : s.to ? ` up to ${s.to}` : "";
}

// The filters Pagefind applies: those chosen, and for a date range the
// years it spans (a year filter chosen as well keeps only the years in both).
// `shards`: the router's, oldest first.
export function activeFilters(s, shards) {
  const filters = Object.fromEntries(Object.entries(s.filters).filter(([, v]) => v.length).map(([k, v]) => [k, { any: v }]));
  if ((s.from || s.to) && shards && shards.length) {
    const first = s.from ? +s.from.slice(0, 4) : +shards[0].from.slice(0, 4);
    const last = s.to ? +s.to.slice(0, 4) : +shards[shards.length - 1].to.slice(0, 4);
    let years = [];
    for (let year = first; year <= last; year += 1) years.push(String(year).padStart(4, "0"));
    if (filters.year) years = years.filter((y) => filters.year.any.includes(y));
    filters.year = { any: years.length ? years : ["none"] };
  }
  return filters;
}

// A result as the page shows it: the transcript, its statements that
// matched, and what the status line says of the search so far.

import { element } from "./dom.js";
import { count, noun, sum } from "./words.js";
import { rangeCuts, rangeText } from "./address.js";

const STATEMENTS_SHOWN = 5;

// Pagefind's excerpts are escaped text with <mark> around hits. Rebuild them
// from text and <mark> only, so that nothing else can become markup.
export function segmentsOf(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return [...template.content.childNodes].map((node) => [node.textContent, node.nodeName === "MARK"]);
}

export function fragmentOf(segments) {
  const out = document.createDocumentFragment();
  for (const [text, marked] of segments) {
    if (!text) continue;
    out.append(marked ? element("mark", { textContent: text }) : text);
  }
  return out;
}

// A statement's excerpt starts with its heading, the speaker's label: split
// it off, hits in it kept marked, so that the label shows once, as the link.
export function splitLabel(html, label) {
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

// Which person each speaker label of a result denotes (its page's meta).
export function speakersOf(data) {
  try { return JSON.parse((data.meta || {}).speakers || "{}"); } catch (error) { return {}; }
}

// The statements a result shows: those that matched, and with speakers
// chosen (`speakers`, a list) only theirs (the page's meta says which person
// each label denotes). Pagefind runs a heading's section to the next
// heading; a statement ends at the next anchor, as the page shows it (the
// narrative after a statement, a "* * *" break's included, starts at an
// anchor of its own, nK): only matches before it are the statement's.
export function statementsOf(data, speakers) {
  const starts = (data.anchors || []).map((a) => a.location).sort((a, b) => a - b);
  const end = (at) => starts.find((location) => location > at) ?? Infinity;
  const statements = (data.sub_results || []).filter((s) => /#t\d+$/.test(s.url))
    .filter((s) => !s.anchor || !s.locations || s.locations.some((at) => at < end(s.anchor.location)));
  const chosen = new Set(speakers);
  if (!chosen.size) return statements;
  const persons = speakersOf(data);
  return statements.filter((s) => chosen.has(persons[s.title]));
}

export function renderResult(data, statements, q) {
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
  } else if (q) {
    item.append(element("p", { className: "excerpt" }, fragmentOf(segmentsOf(data.excerpt))));
  }
  return item;
}

// The status line: how many were found for what, and whether that is all.
// `s`: the state; `search`: the running search.
export function statusText(s, search) {
  const speakers = s.filters.speaker || [];
  const bySpeaker = Boolean(s.q && speakers.length);
  const said = `where ${speakers.join(" or ")} said “${s.q}”${rangeText(s)}`;
  const found = `${s.q ? ` for “${s.q}”` : ""}${rangeText(s)}`;
  if (search.done && !search.shown) return bySpeaker ? `No transcript ${said}` : `No transcripts found${found}`;
  if (bySpeaker || rangeCuts(s)) {
    // Only the results read so far say how many of the candidates remain:
    // their statements (a speaker chosen) or their dates (a range's first and last year).
    const counted = search.done ? noun(search.shown) : `${noun(search.shown)} so far, of ${noun(search.found)} to check,`;
    return bySpeaker ? `${counted} ${said}` : `${counted} found${found}`;
  }
  return `${noun(search.found)} found${found}${search.queue.length ? " so far" : ""}`;
}

// Until every shard that may hold a result was searched, what a count
// covers, in what order the archive is read, and how much may remain.
export function scopeText(search, shards, order) {
  const searched = sum(search.searched.map((s) => s.pages));
  const all = sum(shards.map((s) => s.pages));
  const rest = sum(search.queue.map((s) => s.estimate));
  const how = { asc: "oldest first", desc: "newest first", "": "those where the words are most frequent first, best matches first within them" }[order];
  return `Searched ${count(searched)} of ${count(all)} transcripts, ${how}; up to ${count(rest)} more ${rest === 1 ? "transcript" : "transcripts"} may match. “More results” searches further.`;
}

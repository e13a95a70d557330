// A word through the years, and who says it most: the chart, its table and
// the speakers' table, drawn from counts given.
// Every number is read from pagefind/counts/ (exact counts the build made
// from Pagefind's own word positions) and router.json's year totals; none
// is estimated here. The table is the chart's data and its accessible form;
// the chart is drawn from the same rows.

import { element as el } from "./dom.js";
import { MEASURES } from "./address.js";
import { count, plural } from "./words.js";

const FEW = 5; // fewer occurrences than this in a year: marked, so a spike is not read as a trend
const MAX_TERMS = 5;
const SVG = "http://www.w3.org/2000/svg";

// The terms a query charts: with commas, up to MAX_TERMS of them; without, the query is one term.
export function chartTerms(q) {
  const terms = q.includes(",") ? q.split(",") : [q];
  return terms.map((t) => t.trim()).filter(Boolean).slice(0, MAX_TERMS);
}

// A counts entry: [years flat (year, occurrences, transcripts)…], [speakers flat (name, occurrences, statements, words)…], narrative, unnamed.
export function decodeEntry(entry) {
  const [years, speakers, narrative, unnamed] = entry;
  const byYear = new Map();
  for (let i = 0; i < years.length; i += 3) byYear.set(years[i], { occurrences: years[i + 1], transcripts: years[i + 2] });
  const top = [];
  for (let i = 0; i < speakers.length; i += 4) top.push({ name: speakers[i], occurrences: speakers[i + 1], statements: speakers[i + 2], words: speakers[i + 3] });
  return { byYear, top, narrative, unnamed };
}

// Every year from the archive's first to its last, with its transcripts and words (0 for a year without any).
export function archiveYears(totals) {
  if (!totals.length) return [];
  const known = new Map(totals.map(([year, transcripts, words]) => [year, { transcripts, words }]));
  const first = +totals[0][0];
  const last = +totals[totals.length - 1][0];
  const years = [];
  for (let y = first; y <= last; y += 1) {
    const year = String(y).padStart(4, "0");
    years.push({ year, ...(known.get(year) || { transcripts: 0, words: 0 }) });
  }
  return years;
}

// One row per year: the year's totals, and for each series its counts and both measures.
export function rows(years, series) {
  return years.map((y) => ({
    ...y,
    values: series.map((s) => {
      const found = (s.counts && s.counts.byYear.get(y.year)) || { occurrences: 0, transcripts: 0 };
      return {
        ...found,
        rate: y.words ? (found.occurrences * 100000) / y.words : null,
        share: y.transcripts ? found.transcripts / y.transcripts : null,
        few: found.occurrences > 0 && found.occurrences < FEW,
      };
    }),
  }));
}

export const perHundredThousand = (occurrences, words) => (words ? (occurrences * 100000) / words : 0);

export function formatMeasure(value, measure) {
  if (value === null) return "—";
  if (value === 0) return "0";
  const digits = (v) => ({ minimumFractionDigits: v && v < 10 ? 2 : 1, maximumFractionDigits: v && v < 10 ? 2 : 1 });
  if (measure === "share") return `${(value * 100).toLocaleString("en", digits(value * 100))} %`;
  return value ? value.toLocaleString("en", digits(value)) : "0";
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, typeof value === "number" ? Math.round(value * 100) / 100 : value);
  node.append(...children);
  return node;
}

// What a year says, for its bar's name and the line under the chart.
function yearText(row, series, measure) {
  const parts = series.map((s, i) => {
    const v = row.values[i];
    const few = v.few ? " (few)" : "";
    return `${series.length > 1 ? `${s.label}: ` : ""}${plural(v.occurrences, "occurrence")}${few} in ${plural(v.transcripts, "transcript")}, ${formatMeasure(measure === "share" ? v.share : v.rate, measure)} ${measure === "share" ? "of its transcripts" : "per 100,000 words"}`;
  });
  return `${row.year}: ${parts.join("; ")}`;
}

// The chart: a column per year, one bar per series; each column a link
// that runs the search for that year. `yearLink(year)` gives its address
// and what activating it does.
// `width`: the chart's width on the page, in pixels, so that its text is the page's size.
export function drawChart(years, series, measure, yearLink, focusLine, width = 640) {
  width = Math.max(240, Math.round(width));
  const height = width < 480 ? 160 : 200;
  const left = 44;
  const right = 14; // room for the last year's label
  const bottom = 22;
  const top = 8;
  const data = rows(years, series);
  const valueOf = (v) => (measure === "share" ? v.share : v.rate) || 0;
  const max = Math.max(0, ...data.flatMap((r) => r.values.map(valueOf)));
  const column = (width - left - right) / Math.max(1, data.length);
  const bar = Math.max(1, (column * 0.8) / series.length);
  const scale = (v) => (max ? ((height - top - bottom) * v) / max : 0);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "counts-chart", role: "group",
    "aria-label": `${series.map((s) => s.label).join(", ")}: ${MEASURES[measure]} by year. Each year links to its results.` });
  // The axis: zero, and the highest value.
  chart.append(svg("line", { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, class: "axis" }));
  for (const [value, y] of [[0, height - bottom], [max, top]]) {
    if (value === 0 && y === top) continue;
    const label = svg("text", { x: left - 4, y: y + 4, "text-anchor": "end", class: "tick" });
    label.textContent = formatMeasure(value, measure).replace(" %", "%");
    chart.append(label);
  }
  const step = Math.ceil(44 / column); // a year's label every 44 pixels at least
  data.forEach((row, index) => {
    const x = left + index * column;
    const link = svg("a", { href: yearLink(row.year).href, class: "year", "aria-label": yearText(row, series, measure) });
    link.append(svg("rect", { x, y: top, width: column, height: height - top - bottom, class: "hit" }));
    row.values.forEach((v, i) => {
      const h = scale(valueOf(v));
      if (!h && !v.occurrences) return;
      link.append(svg("rect", { x: x + column * 0.1 + i * bar, y: height - bottom - Math.max(h, 1), width: bar, height: Math.max(h, 1),
        class: `bar series-${i}${v.few ? " few" : ""}` }));
    });
    if (index % step === 0 || index === data.length - 1) {
      const label = svg("text", { x: x + column / 2, y: height - 6, "text-anchor": "middle", class: "tick" });
      label.textContent = row.year;
      link.append(label);
    }
    const show = () => { focusLine.textContent = yearText(row, series, measure); };
    link.addEventListener("focus", show);
    link.addEventListener("mouseenter", show);
    link.addEventListener("click", (event) => yearLink(row.year).activate(event));
    chart.append(link);
  });
  return chart;
}

// The table the chart is drawn from: a row per year.
export function drawTable(years, series, measure) {
  const data = rows(years, series);
  const head = el("tr", {}, el("th", { scope: "col", textContent: "Year" }), el("th", { scope: "col", textContent: "Transcripts that year" }));
  const multiple = series.length > 1;
  for (const s of series) {
    const names = ["occurrences", "transcripts", MEASURES[measure]];
    for (const name of names) head.append(el("th", { scope: "col", textContent: multiple ? `${s.label}: ${name}` : `“${s.label}”: ${name}` }));
  }
  const body = el("tbody");
  for (const row of data) {
    const tr = el("tr", {}, el("th", { scope: "row", textContent: row.year }), el("td", { textContent: count(row.transcripts) }));
    row.values.forEach((v) => {
      const occurrences = el("td", { textContent: count(v.occurrences) });
      if (v.few) {
        occurrences.classList.add("few");
        occurrences.append(el("span", { className: "few-mark", textContent: "*" }));
      }
      tr.append(occurrences, el("td", { textContent: count(v.transcripts) }),
        el("td", { textContent: formatMeasure(measure === "share" ? v.share : v.rate, measure) }));
    });
    body.append(tr);
  }
  return el("table", { className: "counts-table" }, el("caption", { textContent: "Counts by year" }), el("thead", {}, head), body);
}

// A table that scrolls sideways on a phone: a region the keyboard can reach, with its name.
export function scrolling(name, table) {
  const box = el("div", { className: "counts-table-box", tabIndex: 0, role: "region" }, table);
  box.setAttribute("aria-label", name);
  return box;
}

// Who says it most: the ten speakers with the most occurrences, each linking to their statements.
export function drawSpeakers(label, counts, speakerLink) {
  const body = el("tbody");
  for (const s of counts.top) {
    body.append(el("tr", {},
      el("th", { scope: "row" }, speakerLink(s.name)),
      el("td", { textContent: count(s.occurrences) }),
      el("td", { textContent: count(s.statements) }),
      el("td", { textContent: formatMeasure(perHundredThousand(s.occurrences, s.words), "rate") }),
      el("td", { textContent: count(s.words) })));
  }
  const head = el("tr", {}, ...["Speaker", "Occurrences", "Statements", "Per 100,000 of their words", "Their words"].map((t) => el("th", { scope: "col", textContent: t })));
  const parts = [];
  if (counts.top.length) {
    const first = counts.top.slice(0, 3).map((s) => `${s.name} (${count(s.occurrences)})`).join(", ");
    parts.push(el("details", { className: "counts-more" },
      el("summary", {}, el("strong", { textContent: `Who says “${label}” most: ` }), `${first}${counts.top.length > 3 ? ", …" : ""}`),
      scrolling(`Who says “${label}” most`,
        el("table", { className: "counts-speakers" }, el("caption", { textContent: `The ${counts.top.length === 1 ? "speaker" : `${counts.top.length} speakers`} who say “${label}” most` }), el("thead", {}, head), body))));
  } else {
    parts.push(el("p", { className: "counts-note", textContent: `No named speaker says “${label}”.` }));
  }
  const apart = [];
  if (counts.narrative) apart.push(`${plural(counts.narrative, "occurrence")} in narrative, outside any statement`);
  if (counts.unnamed) apart.push(`${plural(counts.unnamed, "occurrence")} in statements by no one named (questions, remarks)`);
  if (apart.length) parts.push(el("p", { className: "counts-note", textContent: `Not by a person: ${apart.join("; ")}.` }));
  return parts;
}

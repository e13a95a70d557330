// The counts above the results: a word through the years (each term of the
// query a series), and for one word who says it most. Every number is read
// from pagefind/counts/ (exact counts the build made from Pagefind's own
// word positions) and router.json's year totals; none is estimated here.

import { element, elsewhere } from "./dom.js";
import { MEASURES } from "./address.js";
import { archiveYears, chartTerms, drawChart, drawSpeakers, drawTable, scrolling } from "./chart.js";
import { termsOf } from "./words.js";

// One series of the chart: a term of one word, counted as Pagefind matches
// it (every indexed word that begins with its stem). The counts of a stem
// are those of the shortest indexed word it begins; a stem that begins
// several unrelated words (sanc: sanction, sanctuary) has none of its own.
async function seriesOf(app, term) {
  const words = termsOf(term);
  if (words.length !== 1) return { label: term, problem: "phrase" };
  const matched = await app.index.wordsFrom(app.stem(words[0]));
  if (!matched.length) return { label: term, problem: "missing" };
  const roots = matched.filter((w) => !matched.some((o) => o !== w && w.word.startsWith(o.word)));
  if (roots.length !== 1) return { label: term, problem: "several", forms: roots.map((w) => w.form) };
  const forms = [...new Set(matched.sort((a, b) => b.total - a.total || a.form.localeCompare(b.form)).map((w) => w.form))];
  return { label: term, forms, counts: await app.index.countsOf(roots[0].word) };
}

// Drawn above the results for the run `mine`; `change(focusAt)` runs the search again.
export async function showCounts(app, mine, change) {
  const { state, index } = app;
  const countsBox = app.dom.countsBox;
  const terms = chartTerms(state.q);
  if (!index.router.counts || !terms.length) return;
  const found = await Promise.all(terms.map((term) => seriesOf(app, term)));
  if (mine !== app.generation) return;
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
    const years = archiveYears(index.router.years || []);
    const focusLine = element("p", { className: "counts-focus", textContent: "Point at or focus a year for its counts; follow it for its results." });
    const chartBox = element("div", { className: "counts-chart-box" });
    const tableBox = scrolling("Counts by year", "");
    const yearLink = (year) => ({
      href: app.addressOf({ ...state, from: year, to: year, shown: 0 }),
      activate: (event) => {
        if (elsewhere(event)) return;
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
      radio.addEventListener("change", () => { state.measure = value; app.writeState("replace"); draw(); });
      measures.append(element("span", { className: "counts-choice" }, radio, element("label", { htmlFor: id, textContent: text })));
    }
    // Drawn once shown (its width known), and again when the page's width changes.
    requestAnimationFrame(draw);
    app.redrawCounts = draw;
    const legend = series.length > 1 ? [element("ul", { className: "counts-legend" }, ...series.map((s, i) => element("li", {},
      element("span", { className: `swatch series-${i}` }), s.label)))] : [];
    const counted = series.map((s) => `${series.length > 1 ? `“${s.label}”: ` : "Counted: "}${s.forms.slice(0, 8).join(", ")}${s.forms.length > 8 ? ` and ${s.forms.length - 8} more` : ""}`).join("; ");
    parts.push(measures, ...legend, chartBox, focusLine,
      element("p", { className: "counts-note", textContent: `${counted}. Every occurrence in the transcripts' text as search reads it: statements and narrative, summaries and photo captions; not speaker labels or titles. Years with fewer than 5 occurrences are paler in the chart and marked * in the table. These counts are of the whole archive, whatever the filters.` }),
      element("details", { className: "counts-more" }, element("summary", { textContent: "Counts by year, as a table" }), tableBox));
    if (found.length === 1 && series.length === 1) {
      const word = termsOf(series[0].label)[0];
      const speakerLink = (name) => element("a", { href: app.addressOf({ q: word, sort: "", from: "", to: "", filters: { speaker: [name] }, shown: 0, measure: "rate" }), textContent: name });
      parts.push(...drawSpeakers(series[0].label, series[0].counts, speakerLink));
    }
  }
  parts.push(...notes.map((text) => element("p", { className: "counts-note", textContent: text })));
  countsBox.replaceChildren(...parts);
  countsBox.hidden = false;
}

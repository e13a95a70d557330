// What the page offers beside the results: a word no transcript holds is
// said so, with the closest name or indexed word; the other forms of a
// word that the archive holds (economy: economic) with their counts and
// one search that includes them; what dropping the filters finds when
// nothing is found, and where to browse; what cannot be in the dates asked.

import { element, elsewhere } from "./dom.js";
import { DAY_HINT, activeFilters, backwards } from "./address.js";
import { chunksNear, route } from "./routing.js";
import { allowed, distance, folded, noun, replacing, sum } from "./words.js";

// A link that runs another search on this page (and still opens in a new tab).
function searchLink(app, text, q, change) {
  const link = element("a", { href: app.addressOf({ ...app.state, q, shown: 0 }), textContent: text });
  link.addEventListener("click", (event) => {
    if (elsewhere(event)) return;
    event.preventDefault();
    app.state.q = q;
    app.dom.input.value = q;
    change(null).then(() => app.dom.input.focus());
  });
  return link;
}

// `mine`: the run this is for (a later one wins); `change(focusAt)` runs the search again.
export async function offerHelp(app, mine, nothingFound, change) {
  const { state, current, index } = app;
  const plan = current.plan;
  const offers = dateNotes(app, change);
  if (plan.missing.length) {
    const words = plan.missing.map((w) => `“${w.typed}”`).join(", ");
    offers.push(element("p", {}, plan.missing.length === 1 ? `No transcript holds the word ${words}.` : `No transcript holds the words ${words}.`));
  }
  // A search for a speaker's name finds where they are named and where they
  // speak (a statement is headed by its speaker's name): what they said alone
  // is the speaker filter.
  const speaker = [...plan.missing.length ? [] : current.persons].find((p) => folded(p) === folded(state.q));
  if (speaker && !(state.filters.speaker || []).length) {
    const only = element("a", { href: app.addressOf({ q: "", sort: "", from: "", to: "", filters: { speaker: [speaker] }, shown: 0, measure: state.measure }),
      textContent: `Only what ${speaker} said` });
    offers.push(element("p", {}, `“${state.q}” is found wherever the name is printed, and it heads each statement ${speaker} makes. `, only, "."));
  }
  if (nothingFound && Object.keys(activeFilters(state, index.router.shards)).length) {
    const drop = element("button", { type: "button", textContent: "Search without the filters" });
    drop.addEventListener("click", () => { state.filters = {}; state.from = ""; state.to = ""; change(Infinity); });
    // Without the filters is without the dates too: the button drops both.
    const unfiltered = state.q ? await route(state.q, {}, { from: "", to: "" }, index.router.shards, (w) => app.stem(w), (p) => index.wordsFrom(p)) : null;
    let total = unfiltered ? sum(unfiltered.shards.map((s) => s.estimate)) : 0;
    let exact = Boolean(unfiltered && unfiltered.exact);
    // When every shard that may hold the words was read for this search, Pagefind
    // counts them exactly with nothing more to fetch: the router's figure only
    // bounds a stem that stands for several words (syria, syrian).
    const read = new Set(current.searched.map((s) => s.name));
    if (unfiltered && unfiltered.shards.length && unfiltered.shards.every((s) => read.has(s.name))) {
      [total, exact] = [await index.found(state.q, unfiltered.shards), true];
    }
    if (!state.q) offers.push(element("p", {}, "No transcript matches all these filters. ", drop));
    else if (total && exact) offers.push(element("p", {}, `Without the filters: ${noun(total)} found for “${state.q}”. `, drop));
    else if (total) offers.push(element("p", {}, `Without the filters, up to ${noun(total)} may hold “${state.q}”. `, drop));
    else offers.push(element("p", {}, `Nothing is found for “${state.q}” without the filters either.`));
  }
  const guess = plan.missing.length ? closestName(state.q, plan.missing.map((w) => w.term), await index.knownNames()) : null;
  if (guess) {
    const page = element("a", { href: app.base + guess.url.replace(/^\//, ""), textContent: `the ${guess.kind} page` });
    offers.push(element("p", { className: "suggestion" }, "Did you mean ", searchLink(app, guess.name, guess.query, change), "? See also ", page, ` (${noun(guess.transcripts)}).`));
  } else {
    for (const word of plan.missing) {
      const close = closestWord(word, await index.chunkWords(chunksNear(index.router.chunks, word.stem)));
      if (close) offers.push(element("p", { className: "suggestion" }, "Did you mean ", searchLink(app, close.form, replacing(state.q, word.typed, close.form), change), `? (${noun(close.total)})`));
    }
  }
  for (const word of plan.missing.length ? [] : plan.words) {
    const forms = await otherForms(app, word);
    if (!forms) continue;
    const listed = forms.words.flatMap((w, i) => [i ? ", " : "", element("strong", { textContent: w.form }), ` (${noun(w.total)})`]);
    offers.push(element("p", { className: "forms" }, `Other forms of “${word.typed}” in the archive: `, ...listed, ". ",
      searchLink(app, `Include them: ${forms.prefix}*`, replacing(state.q, word.typed, `${forms.prefix}*`), change)));
  }
  if (nothingFound) offers.push(browseOffer(app));
  if (mine !== app.generation || !offers.length) return;
  app.dom.help.replaceChildren(...offers);
  app.dom.help.hidden = false;
}

// What the dates asked for cannot be: a date the address gives that is
// none (left out), or a range that ends before it starts (holds no day).
export function dateNotes(app, change) {
  const { state } = app;
  const notes = state.unread.map((text) => element("p", {}, `“${text}” is not a date, so it is left out: write ${DAY_HINT}.`));
  if (backwards(state)) {
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
async function otherForms(app, word) {
  if (word.stem.length < 5 || /\d/.test(word.stem)) return null;
  let prefix = word.stem.slice(0, -1);
  const words = (await app.index.wordsFrom(prefix)).filter((w) => !w.word.startsWith(word.stem) && !/\d/.test(w.word))
    .sort((a, b) => b.total - a.total || a.form.localeCompare(b.form)).slice(0, 3);
  while (prefix.length >= 4 && app.stem(prefix) !== prefix) prefix = prefix.slice(0, -1);
  return words.length && prefix.length >= 4 ? { words, prefix } : null;
}

// The indexed word closest to a word no transcript holds, among `near`
// (the words of the router chunks around where it would be).
export function closestWord(word, near) {
  let best = null;
  for (const w of near) {
    const form = folded(w.form);
    const edits = distance(word.term, form);
    if (edits > allowed(word.term.length) || form.length < 3) continue;
    if (!best || edits < best.edits || (edits === best.edits && w.total > best.w.total)) best = { w, edits };
  }
  return best ? { ...best.w, form: folded(best.w.form) } : null;
}

// The known name closest to the query `q` as a whole, or to one of its words
// that no transcript holds (`missing`, as Pagefind reads them); with the
// query it suggests (that word replaced by the name). Ties go to the name
// in more transcripts. `names`: every person, topic and place (search/names.json).
export function closestName(q, missing, names) {
  const words = q.replace(/"/g, " ").split(/\s+/).filter(Boolean);
  const whole = folded(q);
  const parts = missing.map(folded).flatMap((w) => w.split(" ")).filter((w) => w.length >= 3);
  let best = null;
  const consider = (entry, edits, length, replaced) => {
    const score = edits / length;
    if (!best || score < best.score || (score === best.score && entry.transcripts > best.entry.transcripts)) best = { entry, score, replaced };
  };
  for (const entry of names) {
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

// Where to browse instead: the site's indexes, as the page lists them.
export function browseOffer(app) {
  const browse = app.browse.flatMap(([path, text], i, all) => [i ? (i === all.length - 1 ? " or " : ", ") : "", element("a", { href: app.base + path, textContent: text })]);
  return element("p", {}, "Check the spelling, try fewer words, or browse by ", ...browse, ".");
}

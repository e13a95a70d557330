// Which shards a query needs, from the router alone, and in what order
// they are read. Pure: the router's words come through `wordsFrom`.
//
// The index is in shards of about the same number of transcripts, in date
// order (pagefind/router.json lists them). The router's chunks map each
// word Pagefind indexed, stemmed as Pagefind stems, to the shards holding
// it and in how many pages.

import { sum, termsOf } from "./words.js";

// A router entry: [usual form?, shard, pages, shard, pages, …].
export function decode(word, entry) {
  const form = typeof entry[0] === "string" ? entry[0] : word;
  const pages = new Map();
  for (let i = form === word ? 0 : 1; i < entry.length; i += 2) pages.set(entry[i], entry[i + 1]);
  return { word, form, pages, total: sum([...pages.values()]) };
}

// The router chunk files that may hold a word beginning with `prefix`.
export function chunksFrom(chunks, prefix) {
  const last = `${prefix}\uffff`;
  return chunks.filter(([from, to]) => from <= last && to >= prefix).map(([, , file]) => file);
}

// The router chunks around where a word would be: where a close word is.
export function chunksNear(chunks, stem) {
  const at = chunks.findIndex(([, to]) => stem <= to);
  return (at < 0 ? chunks.slice(-2) : chunks.slice(Math.max(0, at - 1), at + 2)).map(([, , file]) => file);
}

// What the router says of a query: for each word, its stem and the indexed
// words that begin with it (all of which Pagefind matches); the words no
// transcript holds; and the shards that hold every word, each with an upper
// bound of the transcripts in it that do ("estimate"; exact for one word
// that stands for one indexed word). A year filter or a date range leaves
// out the shards of other dates. `wordsFrom(stem)`: the indexed words that begin with it.
export async function route(q, filters, range, shardList, stem, wordsFrom) {
  const terms = q.split(/\s+/).flatMap((typed) => termsOf(typed).map((term) => ({ typed: typed.replace(/"/g, ""), term })));
  const words = await Promise.all(terms.map(async ({ typed, term }) => {
    const stemmed = stem(term);
    const matched = await wordsFrom(stemmed);
    const pages = new Map();
    for (const w of matched) for (const [shard, n] of w.pages) pages.set(shard, (pages.get(shard) || 0) + n);
    return { typed, term, stem: stemmed, matched, pages };
  }));
  const missing = words.filter((w) => !w.matched.length);
  const years = filters.year ? filters.year.any : null;
  // A shard holds the days from its first transcript's to its last's.
  const overlaps = (s) => (!range.from || s.to.slice(0, range.from.length) >= range.from)
    && (!range.to || s.from.slice(0, range.to.length) <= range.to);
  let shards = shardList.map((shard, index) => ({ ...shard, index, estimate: shard.pages }))
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

// The order in which shards are searched: by date for a date order; for
// best match, those where the words are most frequent first, since scores
// are only compared within what is searched together.
export function ordered(shards, order) {
  const list = [...shards];
  if (order === "asc") return list.sort((a, b) => a.index - b.index);
  if (order === "desc") return list.sort((a, b) => b.index - a.index);
  return list.sort((a, b) => b.estimate / b.pages - a.estimate / a.pages || b.index - a.index);
}

// The next group of shards to read together: as many as may fill a page of results.
export function nextGroup(queue, page) {
  const group = [];
  let expected = 0;
  while (queue.length && (!group.length || expected < page)) {
    const shard = queue.shift();
    group.push(shard);
    expected += shard.estimate;
  }
  return group;
}

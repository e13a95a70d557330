// Loading the index: the router, its chunks and the counts files, fetched
// once each, and Pagefind's API with the shards merged into an empty
// bundle as searches need them. One SearchIndex per page, held by the
// page's state (state.js); it keeps what it fetched, nothing of a search.

import { decode, chunksFrom, nextGroup } from "./routing.js";
import { decodeEntry } from "./chart.js";

const json = (url) => fetch(url).then((r) => {
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
});

export class SearchIndex {
  constructor(base) {
    this.base = base;
    this.router = null; // pagefind/router.json: the shards, oldest first, and the router's chunks
    this.pagefind = null; // Pagefind's API: an empty bundle into which shards are merged as searches need them
    this.loaded = null; // Pagefind's API once loaded: the router is read while it loads
    this.merged = new Map(); // shard name -> its merge, once begun
    this.chunks = new Map(); // router chunk file -> its words, fetched once
    this.countFiles = new Map(); // counts file -> its words, fetched once
    this.names = null; // every person, topic and place, fetched the first time a word is in no transcript
  }

  // The router, and Pagefind's loader fetched beside it. Null: nothing to search.
  async open() {
    const answer = fetch(`${this.base}pagefind/router.json`, { cache: "no-cache" }).then((r) => (r.ok ? r.json() : null));
    this.loaded = Promise.all([answer, import(`${this.base}pagefind/pagefind.js`)]).then(async ([routed, api]) => {
      if (!routed) return;
      this.pagefind = api;
      // The worker costs a download of its own and moves no work off a search this small.
      await api.options({ baseUrl: this.base, excerptLength: 24, noWorker: true, metaCacheTag: routed.loader });
      await api.init();
    });
    this.router = await answer;
    return this.router && this.router.shards.length ? this.router : null;
  }

  mergeShard(shard) {
    if (!this.merged.has(shard.name)) {
      // Its key as the cache tag: its entry file is fetched again only when the shard changed.
      this.merged.set(shard.name, this.loaded.then(() => this.pagefind.mergeIndex(`${this.base}pagefind/${shard.name}/`,
        { baseUrl: this.base, excerptLength: 24, metaCacheTag: shard.key, mergeFilter: { shard: shard.name } })));
    }
    return this.merged.get(shard.name);
  }

  async chunkWords(files) {
    const found = [];
    for (const file of files) if (!this.chunks.has(file)) this.chunks.set(file, json(`${this.base}pagefind/router/${file}`));
    for (const words of await Promise.all(files.map((file) => this.chunks.get(file)))) {
      for (const [word, entry] of Object.entries(words)) found.push(decode(word, entry));
    }
    return found;
  }

  // Every indexed word that begins with `prefix`: what Pagefind matches for a stem.
  async wordsFrom(prefix) {
    return (await this.chunkWords(chunksFrom(this.router.chunks, prefix))).filter((w) => w.word.startsWith(prefix));
  }

  // The exact counts of an indexed word (null: none in the text).
  async countsOf(word) {
    const found = (this.router.counts || []).find(([from, to]) => from <= word && word <= to);
    if (!found) return null;
    if (!this.countFiles.has(found[2])) this.countFiles.set(found[2], json(`${this.base}pagefind/counts/${found[2]}`));
    const words = await this.countFiles.get(found[2]);
    return words[word] ? decodeEntry(words[word]) : null;
  }

  knownNames() {
    this.names ??= fetch(`${this.base}search/names.json`).then((r) => (r.ok ? r.json() : [])).catch(() => []);
    return this.names;
  }

  // Candidates in the order asked for, a group of shards at a time: as many
  // as may fill a page of results, loaded together. By date each shard is
  // sorted on its own (their dates never overlap); by best match the group is
  // ranked as one. `search`: the running search, whose queue it empties.
  async* candidates(search, filters, q, order, page) {
    while (search.queue.length) {
      const group = nextGroup(search.queue, page);
      await Promise.all(group.map((shard) => this.mergeShard(shard)));
      const results = [];
      if (order) {
        for (const shard of group) {
          const found = await this.pagefind.search(q || null, { filters: { ...filters, shard: { any: [shard.name] } }, sort: { date: order } });
          results.push(...found.results);
        }
      } else {
        const found = await this.pagefind.search(q || null, { filters: { ...filters, shard: { any: group.map((s) => s.name) } } });
        results.push(...found.results);
      }
      search.searched.push(...group);
      search.found += results.length;
      yield* results;
    }
  }

  // The filter counts of what was searched so far; with nothing searched
  // yet (no words, no filters), of every shard, which it loads.
  async filterCounts(search, filters, q) {
    if (!search) {
      await Promise.all(this.router.shards.map((shard) => this.mergeShard(shard)));
      return this.pagefind.filters();
    }
    if (!search.searched.length) return {};
    await this.pagefind.filters(); // a search counts filters only once their index is loaded
    const found = await this.pagefind.search(q || null, { filters: { ...filters, shard: { any: search.searched.map((s) => s.name) } } });
    return found.filters;
  }

  // How many transcripts Pagefind finds for `q` in these shards, all read already.
  async found(q, shards) {
    const found = await this.pagefind.search(q, { filters: { shard: { any: shards.map((s) => s.name) } } });
    return found.results.length;
  }
}

// Words as the search page compares them: a query's words as Pagefind
// reads them, names folded, the edits between two words, numbers as the
// page writes them. Pure: no page, no fetch.

export const sum = (values) => values.reduce((a, b) => a + b, 0);
export const count = (n) => n.toLocaleString("en");
export const plural = (n, word) => `${count(n)} ${word}${n === 1 ? "" : "s"}`;
export const noun = (n) => plural(n, "transcript");

// A query's words as Pagefind reads them: punctuation dropped, lower case, no accents.
const PUNCTUATION = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u;
export function termsOf(q) {
  const kept = [...q].filter((c) => !PUNCTUATION.test(c)).map((c) => c.toLocaleLowerCase()).join("");
  return kept.normalize("NFD").replace(/\p{M}/gu, "").split(/\s+/).filter(Boolean);
}

// Names are compared folded: no accents, no case, words of letters and digits.
export const folded = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
export const allowed = (length) => (length <= 4 ? 1 : length <= 8 ? 2 : 3); // edits a word of that length may be off by

// Edits between two words, a swap of neighbours counting as one ("Merkle").
export function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

// The query with one word, as typed, replaced.
export function replacing(q, typed, by) {
  let placed = false;
  return q.split(/\s+/).filter(Boolean).map((word) => {
    if (!placed && word.replace(/"/g, "") === typed) { placed = true; return by; }
    return word;
  }).join(" ");
}

/* cahier search in the browser, 2/5: text analysis, query syntax, scoring.
   The browser's side of src/search/analysis.rs and src/search/query.rs:
   the index stores folded words with their stems, so the browser needs no
   stemmer, only the same words, folding and stop words. */
(function (global) {
  'use strict';
  const search = global.cahierSearch;
  if (search.query) return;
  const index = search.index;

  /* A word: a run of letters and digits. */
  const WORD = /[\p{L}\p{N}]+/gu;
  /* Letters that decomposition leaves alone but the analysis folds. The
     index carries the fold table of the corpus' own letters; this covers
     the letters a query may bring. */
  const EXTRA_FOLDS = { 'œ': 'oe', 'æ': 'ae', 'ß': 'ss', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };
  /* Pages whose phrase matches are checked, from the best. */
  const PHRASE_CHECKED = 30;
  /* Shards read for a prefix, at most. */
  const PREFIX_SHARDS = 8;

  const words = (text) => String(text).normalize('NFC').match(WORD) || [];
  /* Lowercase, without accents. */
  function fold(word) {
    const table = index.bootstrap ? index.bootstrap.foldTable : {};
    let folded = '';
    for (const letter of word) {
      const lower = letter.toLowerCase();
      folded += letter < '\x80' ? lower : table[letter] || table[lower] || EXTRA_FOLDS[lower] || lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    }
    return folded;
  }
  /* A folded word that is not a stop word of any language. */
  const isSearchable = (folded) => Boolean(folded) && !index.bootstrap.stopWords.has(folded);

  /* The query syntax: words, "a phrase", -excluded, prefix*. Gives a list
     of {kind: 'word' | 'phrase' | 'excluded' | 'prefix', words}. */
  function parseQuery(text) {
    const parts = [];
    const add = (kind, list) => parts.push({ kind, words: list });
    let rest = text.trim();
    while (rest) {
      if (rest[0] === '"') {
        const end = rest.indexOf('"', 1);
        const phrase = words(end < 0 ? rest.slice(1) : rest.slice(1, end));
        rest = end < 0 ? '' : rest.slice(end + 1).trim();
        if (phrase.length) add(phrase.length > 1 ? 'phrase' : 'word', phrase);
        continue;
      }
      const token = rest.match(/^\S+/)[0];
      const tokenWords = words(token);
      rest = rest.slice(token.length).trim();
      if (/^-./.test(token)) tokenWords.forEach((word) => add('excluded', [word]));
      else if (/.\*$/.test(token)) tokenWords.forEach((word, i) => add(i === tokenWords.length - 1 ? 'prefix' : 'word', [word]));
      else tokenWords.forEach((word) => add('word', [word]));
    }
    return parts;
  }

  /* The term shard of a folded word: the last whose first word is <= it. */
  function shardOf(word) {
    const firstWords = index.bootstrap.shardFirstWords;
    let low = 0;
    let high = firstWords.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (firstWords[middle] <= word) low = middle;
      else high = middle - 1;
    }
    return low;
  }
  /* The entry of a folded word ({word, stems, postings}), or null. */
  function lookUp(word) {
    const shard = shardOf(word);
    return search.load(`t/${shard}.js`).then(() => search.term(shard, word));
  }
  /* The shards that may hold words starting with `prefix`, at most
     PREFIX_SHARDS, loaded. */
  function loadPrefixShards(prefix) {
    const firstWords = index.bootstrap.shardFirstWords;
    const shards = [shardOf(prefix)];
    while (shards.length < PREFIX_SHARDS && (firstWords[shards[0] + shards.length] || '').startsWith(prefix)) shards.push(shards[0] + shards.length);
    return Promise.all(shards.map((shard) => search.load(`t/${shard}.js`))).then(() => shards);
  }
  /* Several words as one entry: the best posting of each document. */
  function merged(word, entries, extra) {
    const postings = new Map();
    const stems = [];
    for (const entry of entries) {
      stems.push(...entry.stems);
      entry.postings.forEach((posting, document) => {
        if (!postings.has(document) || postings.get(document).weight < posting.weight) postings.set(document, posting);
      });
    }
    return postings.size ? { word, stems, postings, ...extra } : null;
  }
  /* Every word starting with `prefix`, as one entry. */
  function lookUpPrefix(prefix) {
    return loadPrefixShards(prefix).then((shards) => {
      const entries = [];
      for (const shard of shards) {
        for (const word of search.shardWords(shard)) if (word.startsWith(prefix)) entries.push(search.term(shard, word));
      }
      return merged(prefix, entries, { isPrefix: true });
    });
  }

  /* Typing mistakes, as src/search/typo.rs: a word no page holds stands
     for the words one edit away from it (a letter dropped, added,
     replaced, or two neighbours swapped) that begin with its first two
     letters or its first and third, at most TYPO_WORDS of them in
     alphabetical order, as one entry. */
  const TYPO_LETTERS = 5;
  const TYPO_WORDS = 8;
  function oneEdit(a, b) {
    const x = [...a];
    const y = [...b];
    const [short, long] = x.length <= y.length ? [x, y] : [y, x];
    if (long.length - short.length > 1 || a === b) return false;
    let first = 0;
    while (first < short.length && short[first] === long[first]) first++;
    const same = (i, j) => short.slice(i).join('') === long.slice(j).join('');
    if (short.length < long.length) return same(first, first + 1);
    return same(first + 1, first + 1) || (first + 1 < short.length && short[first] === long[first + 1] && short[first + 1] === long[first] && same(first + 2, first + 2));
  }
  function typoPrefixes(folded) {
    const letters = [...folded];
    if (letters.length < 3) return [];
    const two = letters[0] + letters[1];
    const other = letters[0] + letters[2];
    return two === other ? [two] : [two, other];
  }
  function lookUpMistake(folded) {
    if ([...folded].length < TYPO_LETTERS) return Promise.resolve(null);
    const prefixes = typoPrefixes(folded);
    return Promise.all(prefixes.map(loadPrefixShards)).then((shardsOfPrefixes) => {
      const near = new Map();
      shardsOfPrefixes.forEach((shards, i) => {
        for (const shard of shards) {
          for (const word of search.shardWords(shard)) if (word.startsWith(prefixes[i]) && oneEdit(folded, word)) near.set(word, shard);
        }
      });
      const words = [...near.keys()].sort().slice(0, TYPO_WORDS);
      return merged(folded, words.map((word) => search.term(near.get(word), word)), { mistaken: words });
    });
  }
  /* The entry of a folded word whose shard is loaded, or null. */
  const loadedTerm = (word) => search.term(shardOf(word), word);

  /* The words of a query, looked up: the entries a result needs, the
     excluded ones, and the phrases (lists of folded words). */
  function lookUpQuery(text) {
    let parts = parseQuery(text);
    // Words of questions go when the query has others (as in cahier search).
    const question = (part) => part.kind === 'word' && index.bootstrap.questionWords.has(fold(part.words[0]));
    const searchable = (part) => part.kind !== 'excluded' && !(part.kind === 'word' && !isSearchable(fold(part.words[0])));
    if (parts.some((part) => searchable(part) && !question(part))) parts = parts.filter((part) => !question(part));
    const required = [];
    const excluded = [];
    const phrases = [];
    const heads = parts.filter((part) => part.kind === 'word').map((part) => fold(part.words[0])).filter(isSearchable).map(head);
    parts.forEach((part, i) => {
      if (part.kind === 'phrase') {
        const folded = part.words.map(fold).filter(isSearchable);
        if (folded.length > 1) phrases.push(folded);
        folded.forEach((word) => required.push(lookUp(word)));
        return;
      }
      const word = fold(part.words[0]);
      if (!isSearchable(word)) return;
      if (part.kind === 'excluded') excluded.push(lookUp(word));
      else if (part.kind === 'prefix' && word.length > 1) required.push(lookUpPrefix(word));
      // As you type, a last word not (yet) in the index stands for its prefix.
      else if (i === parts.length - 1 && word.length > 2 && /[\p{L}\p{N}]$/u.test(text))
        required.push(
          lookUp(word)
            .then((entry) => withSynonyms(entry, word) || lookUpPrefix(word))
            .then((entry) => entry || lookUpMistake(word)),
        );
      else required.push(lookUp(word).then((entry) => withSynonyms(entry, word) || lookUpMistake(word)));
    });
    return { required, excluded, phrases, heads };
  }

  /* A page filed under a topic a query word names weighs about what one
     plain mention of the word does: SYNONYM_SCORE in engine.rs, in the
     same BM25 units. */
  const SYNONYM_WEIGHT = 1;

  /* A word's entry, with the pages filed under the topics it names (by its
     folded form or one of its stems: see src/search/synonyms.rs) added:
     the entry itself when it names none, else the promise of the new one
     (the topics of the pages are loaded then). */
  function withSynonyms(entry, word) {
    const table = index.bootstrap.synonyms;
    const topics = new Set([word, ...(entry ? entry.stems : [])].flatMap((key) => table[key] || []));
    if (!topics.size) return entry;
    return search.loadFacets(['topic']).then(() => {
      const postings = new Map(entry ? entry.postings : []);
      index.facets.topic.forEach((topicsOfPage, document) => {
        if (!postings.has(document) && topicsOfPage.some((t) => topics.has(t))) postings.set(document, { weight: SYNONYM_WEIGHT, fragment: 0 });
      });
      return { ...(entry || { stems: [] }), postings };
    });
  }

  /* Adds a word's posting to a document's score: {score, fragment}, the
     fragment being the sentence of its best-weighted word. */
  function addPosting(scores, entry, document) {
    const posting = entry.postings.get(document);
    let score = scores.get(document);
    if (!score) scores.set(document, (score = { score: 0, fragment: posting.fragment, bestWeight: 0 }));
    score.score += posting.weight;
    if (posting.weight > score.bestWeight) {
      score.fragment = posting.fragment;
      score.bestWeight = posting.weight;
    }
  }
  /* Best first; ties in document order. */
  const ranked = (scores) => [...scores.keys()].sort((a, b) => scores.get(b).score - scores.get(a).score || a - b);

  /* How much a page matching `covered` of a query's `n` parts keeps of its
     score: the share, squared (as `coverage` in src/search/engine.rs). */
  const coverage = (covered, n) => (covered / Math.max(n, 1)) ** 2;

  /* Score: every page with any of the words, the sum of their weights
     times the factor of the page's status and its coverage of the query.
     anyWord: no page has every word. */
  function score(entries, excludedEntries) {
    const scores = new Map();
    const found = entries.filter(Boolean);
    found.forEach((entry) => entry.postings.forEach((posting, document) => addPosting(scores, entry, document)));
    excludedEntries.forEach((entry) => entry && entry.postings.forEach((posting, document) => scores.delete(document)));
    const boost = index.bootstrap.statusBoost;
    let complete = false;
    scores.forEach((s, document) => {
      const covered = found.filter((entry) => entry.postings.has(document)).length;
      complete = complete || covered === entries.length;
      s.score *= (boost[index.facets.status[document][0]] || 1) * coverage(covered, entries.length);
    });
    const anyWord = entries.length > 1 && scores.size > 0 && !complete;
    const mistakes = found.filter((entry) => entry.mistaken).map((entry) => ({ word: entry.word, words: entry.mistaken }));
    return { hits: ranked(scores), scores, anyWord, noWords: !entries.length, terms: found, mistakes };
  }

  /* A phrase found as such in a sentence of one of the first pages adds
     its words' weights once more. */
  function boostPhrases(result, phrases) {
    const top = result.hits.slice(0, PHRASE_CHECKED);
    return search.loadFragments(top).then((sentencesOfTop) => {
      top.forEach((document, i) => {
        const text = ` ${sentencesOfTop[i].map((sentence) => words(sentence).map(fold).filter(isSearchable).join(' ')).join(' | ')} `;
        for (const phrase of phrases) {
          if (!text.includes(` ${phrase.join(' ')} `)) continue;
          for (const word of phrase) {
            const posting = (loadedTerm(word) || { postings: new Map() }).postings.get(document);
            result.scores.get(document).score += posting ? posting.weight : 0;
          }
        }
      });
      result.hits = ranked(result.scores);
      return result;
    });
  }

  /* Proximity, as src/search/proximity.rs: the best RERANK pages are
     reordered by how many pairs of neighbouring query words share a
     sentence (or two sentences in a row) of the page, and how many stand
     in a row; a sentence word
     stands for a query word when its folded form begins with the query
     word's head. The sentences are those the results show as snippets:
     no more files are loaded than the results need. */
  const RERANK = 10;
  const PROXIMITY_WEIGHT = 1;
  const HEADS_MAX = 64;
  /* The folded word without its last two letters, keeping four at least. */
  function head(folded) {
    const letters = [...folded];
    return letters.length <= 4 ? folded : letters.slice(0, Math.max(letters.length - 2, 4)).join('');
  }
  /* How many pairs of neighbouring heads are near (one sentence, or two in
     a row, holds both) and how many stand in a row (the second within SPAN
     words after the first, in one sentence): [close, adjacent], from one
     reading of the sentences (pairs in proximity.rs). */
  const SPAN = 3;
  const ADJACENT_WEIGHT = 2;
  function pairs(heads, sentences) {
    const n = Math.min(heads.length, HEADS_MAX);
    if (n < 2) return [0, 0];
    const inARow = new Set();
    const held = sentences.map((sentence) => {
      const found = new Set();
      const last = new Array(n).fill(-1);
      words(sentence).forEach((word, position) => {
        const folded = fold(word);
        for (let i = 0; i < n; i++) {
          if (!folded.startsWith(heads[i])) continue;
          found.add(i);
          if (i > 0 && last[i - 1] >= 0 && position - last[i - 1] <= SPAN) inARow.add(i - 1);
          last[i] = position;
        }
      });
      return found;
    });
    const windows = held.map((found, i) => new Set([...found, ...(held[i + 1] || [])]));
    let close = 0;
    for (let i = 0; i < n - 1; i++) if (windows.some((w) => w.has(i) && w.has(i + 1))) close++;
    return [close, inARow.size];
  }
  function byProximity(result, heads) {
    if (heads.length < 2) return result;
    const top = result.hits.slice(0, RERANK);
    return search.loadFragments(top).then((sentencesOfTop) => {
      top.forEach((document, i) => {
        const [close, adjacent] = pairs(heads, sentencesOfTop[i]);
        const near = PROXIMITY_WEIGHT * close + ADJACENT_WEIGHT * adjacent;
        result.scores.get(document).score *= 1 + near / (heads.length - 1);
      });
      top.sort((a, b) => result.scores.get(b).score - result.scores.get(a).score || a - b);
      result.hits = top.concat(result.hits.slice(RERANK));
      return result;
    });
  }

  /* Runs a query. Gives {hits: document numbers, best first; scores:
     Map(document -> {score, fragment}); anyWord: no page had every word;
     noWords: nothing to search; terms: the entries found, for
     highlighting; mistakes: [{word, words}], the words no page has and the
     words searched for them}. */
  function query(text) {
    return search.ready().then(() => {
      const { required, excluded, phrases, heads } = lookUpQuery(text);
      return Promise.all([Promise.all(required), Promise.all(excluded)]).then(([entries, excludedEntries]) => {
        const result = score(entries, excludedEntries);
        return (phrases.length ? boostPhrases(result, phrases) : Promise.resolve(result)).then((r) => byProximity(r, heads));
      });
    });
  }

  /* The stems of a folded word whose shard is loaded: for highlighting. */
  const loadedStems = (word) => (loadedTerm(word) || { stems: [] }).stems;

  Object.assign(search, { WORD, words, fold, isSearchable, parseQuery, lookUp, query, loadedStems });
})(typeof window === 'object' ? window : globalThis);

/* cahier search in the browser, 1/5: loading and decoding the static index.

   The search is five classic scripts, one per concern, run in this order:
     search-load.js   loading search/ and decoding its files (this file)
     search-query.js  text analysis, query syntax, scoring
     search-view.js   what the two interfaces share: strings, labels, elements
     search-page.js   the search page (#search-app), or
     search-box.js    the box in the header of every other page.
   Separate files rather than one: each concern can be read and changed on
   its own, and the pages that only have the header box do not download the
   search page. No modules and no build step, so that the site works from
   file:// and from any static host; the scripts share one global,
   window.cahierSearch.

   The index under search/ is written by src/search/static_index.rs as
   scripts calling back into window.cahierSearch (JSONP style: a classic
   <script> loads from file://, fetch does not). Its files hold positional
   arrays, to stay small. Each kind of file is decoded here, by one function,
   into named objects, and nothing else reads the arrays: change both sides
   together. */
(function (global) {
  'use strict';
  const search = (global.cahierSearch = global.cahierSearch || {});
  if (search.load) return;

  /* What has arrived, decoded. */
  const index = {
    /* search/index.js, see decodeBootstrap; null until it arrives. */
    bootstrap: null,
    /* facets.js: the facets of each document, by document number. */
    facets: null,
    /* t/N.js, by shard number: folded word -> its entry, decoded on demand by term(). */
    termShards: [],
    /* d/N.js, by file number: a list of documents (decodeDocument). */
    documentFiles: [],
    /* f/N.js, by document number: its sentences, for snippets. */
    fragments: [],
  };
  const decodedTerms = new Map();

  /* index.js: the first word of each term shard, the values of the facets,
     their labels, stop words, the fold table of the corpus' letters, the
     score factor of each status, and the interface strings of each site
     language. */
  function decodeBootstrap(raw) {
    const facetValues = {};
    for (const dimension in raw.facets) facetValues[dimension] = raw.facets[dimension].map(String);
    return {
      documentCount: raw.n,
      shardFirstWords: raw.shards,
      documentsPerFile: raw.ds,
      facetValues,
      topicLabels: raw.labels.topic || {},
      committeeTitles: raw.labels.by || {},
      languageNames: raw.labels.lang || {},
      stopWords: new Set(Object.values(raw.stop).flat()),
      foldTable: raw.fold || {},
      statusBoost: raw.boost || {},
      defaultLanguage: raw.lang,
      strings: raw.strings || {},
    };
  }

  /* A word of a term shard: [stems, postings, truncated]; the postings are
     flat triples (document number minus the previous one, weight,
     fragment). Gives {word, stems, postings: Map(document -> {weight,
     fragment})}, the postings decoded when first read: highlighting needs
     the stems of many words, and the postings of few. */
  function decodeTerm(word, [stems, flatPostings]) {
    let postings = null;
    return {
      word,
      stems,
      get postings() {
        if (!postings) {
          postings = new Map();
          for (let i = 0, document = 0; i < flatPostings.length; i += 3) {
            document += flatPostings[i];
            postings.set(document, { weight: flatPostings[i + 1], fragment: flatPostings[i + 2] });
          }
        }
        return postings;
      },
    };
  }

  /* The order of the codes in a row of facets.js; the topics follow. */
  const FACET_COLUMNS = ['type', 'status', 'by', 'year', 'lang'];
  /* A row of facets.js: one code per column (-1 for none), then the topics.
     Gives each dimension's values: {type: ['decision'], status: [], …,
     topic: […]}. */
  function decodeFacetRow(row) {
    const values = index.bootstrap.facetValues;
    const named = (dimension, codes) => codes.filter((code) => code >= 0).map((code) => values[dimension][code]);
    const facets = { topic: named('topic', row.slice(FACET_COLUMNS.length)) };
    FACET_COLUMNS.forEach((dimension, column) => {
      facets[dimension] = named(dimension, [row[column]]);
    });
    return facets;
  }

  /* A row of d/N.js: [url, title, summary, date]; the URL is relative to
     the site's root. */
  function decodeDocument([url, title, summary, date]) {
    return { url, title, summary, date };
  }

  /* f/N.js: the sentences of a document, in order. */
  function decodeFragments(sentences) {
    return sentences;
  }

  /* One promise per file of search/, settled when its script calls back. */
  const files = new Map();
  function file(path) {
    let entry = files.get(path);
    if (!entry) {
      entry = { requested: false, arrived: false };
      entry.promise = new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
      files.set(path, entry);
    }
    return entry;
  }
  /* search/PATH, requested once; a file that failed may be asked again. */
  function load(path) {
    const entry = file(path);
    if (!entry.requested && !entry.arrived) {
      entry.requested = true;
      search.loadScript(path, () => {
        if (entry.arrived) return;
        files.delete(path);
        entry.reject(new Error(`cannot load search/${path}`));
      });
    }
    return entry.promise;
  }
  function arrived(path, value) {
    const entry = file(path);
    entry.arrived = true;
    entry.resolve(value);
  }

  /* Runs search/PATH, then `done`. Tests outside a browser replace it. */
  function loadScript(path, done) {
    const script = global.document.createElement('script');
    script.src = `${search.root}search/${path}`;
    script.onload = script.onerror = () => {
      script.remove();
      done();
    };
    global.document.head.append(script);
  }

  /* The index files call these; their names are part of the format. */
  const callbacks = {
    boot(raw) {
      index.bootstrap = decodeBootstrap(raw);
      arrived('index.js', index.bootstrap);
    },
    t(shard, words) {
      index.termShards[shard] = words;
      arrived(`t/${shard}.js`, words);
    },
    /* Facet codes need the bootstrap's values, which may arrive second. */
    f(rows) {
      load('index.js').then(() => {
        index.facets = rows.map(decodeFacetRow);
        arrived('facets.js', index.facets);
      });
    },
    d(fileNumber, rows) {
      index.documentFiles[fileNumber] = rows.map(decodeDocument);
      arrived(`d/${fileNumber}.js`, index.documentFiles[fileNumber]);
    },
    x(documentNumber, sentences) {
      index.fragments[documentNumber] = decodeFragments(sentences);
      arrived(`f/${documentNumber}.js`, index.fragments[documentNumber]);
    },
  };

  /* The bootstrap and the facets: what every query needs. */
  const ready = () => Promise.all([load('index.js'), load('facets.js')]);
  const fileOfDocument = (document) => Math.floor(document / index.bootstrap.documentsPerFile);
  /* The titles, URLs, summaries and dates of these documents, loaded. */
  const loadDocuments = (documents) => Promise.all(documents.map((document) => load(`d/${fileOfDocument(document)}.js`)));
  /* A loaded document: {url, title, summary, date}. */
  const documentAt = (document) => index.documentFiles[fileOfDocument(document)][document % index.bootstrap.documentsPerFile];
  /* The sentences of these documents, loaded; none for a file that failed. */
  const loadFragments = (documents) => Promise.all(documents.map((document) => load(`f/${document}.js`).catch(() => [])));
  /* The entry of a word of a loaded shard, decoded once. */
  function term(shard, word) {
    const words = index.termShards[shard];
    if (!words || !Object.prototype.hasOwnProperty.call(words, word)) return null;
    if (!decodedTerms.has(word)) decodedTerms.set(word, decodeTerm(word, words[word]));
    return decodedTerms.get(word);
  }
  /* The words of a loaded shard. */
  const shardWords = (shard) => Object.keys(index.termShards[shard] || {});

  Object.assign(search, callbacks, {
    /* Prefix of the site's root, from the page (`data-root`). */
    root: '',
    index,
    load,
    loadScript,
    ready,
    loadDocuments,
    documentAt,
    loadFragments,
    term,
    shardWords,
  });
})(typeof window === 'object' ? window : globalThis);

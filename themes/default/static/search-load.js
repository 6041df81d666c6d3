/* cahier search in the browser, 1/5: loading and decoding search/.
   Five classic scripts, one per concern, share window.cahierSearch (why:
   templates/base.html). The index files, written by
   src/search/static_index.rs, call back into it (JSONP: a classic <script>
   loads from file://, fetch does not) with positional arrays and strings
   of codes, to stay small; one function per kind of file decodes them into
   named objects, and nothing else reads the arrays. Change both sides
   together. */
(function (global) {
  'use strict';
  const search = (global.cahierSearch = global.cahierSearch || {});
  if (search.load) return;

  /* What has arrived, decoded (the term shards: word by word, by term()).
     facets: dimension -> per document, the list of its values, for the
     dimensions loaded (loadFacets). */
  const index = { bootstrap: null, facets: {}, termShards: [], documentFiles: [], fragments: [], fragmentFiles: [] };
  const decodedTerms = new Map();

  function decodeBootstrap(raw) {
    const facetValues = {};
    for (const dimension in raw.facets) facetValues[dimension] = raw.facets[dimension].map(String);
    return {
      documentCount: raw.n,
      /* A written weight q is floor * (exp(q * step) - 1) (Scale in static_index.rs). */
      weightScale: raw.w,
      shardFirstWords: raw.shards,
      documentsPerFile: raw.ds,
      fragmentsPerFile: raw.fc,
      facetValues,
      topicLabels: raw.labels.topic || {},
      committeeTitles: raw.labels.by || {},
      languageNames: raw.labels.lang || {},
      stopWords: new Set(Object.values(raw.stop).flat()),
      questionWords: new Set(raw.question || []),
      synonyms: raw.syn || {},
      foldTable: raw.fold || {},
      statusBoost: raw.boost || {},
      defaultLanguage: raw.lang,
      strings: raw.strings || {},
    };
  }

  /* A word of a term shard: [stems, postings, truncated], the postings as
     flat triples (document number minus the previous one, weight,
     fragment). They are decoded when first read: highlighting needs the
     stems of many words, and the postings of few. */
  function weightOf(q) {
    const [floor, step] = index.bootstrap.weightScale;
    return floor * Math.expm1(q * step);
  }
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
            postings.set(document, { weight: weightOf(flatPostings[i + 1]), fragment: flatPostings[i + 2] });
          }
        }
        return postings;
      },
    };
  }

  /* A character of facets/D.js: the position of a value in the
     bootstrap's list ('0' for the first), the surrogates skipped (as
     facet_char in src/search/static_index.rs). */
  function facetPosition(character) {
    const point = character.codePointAt(0);
    return point - (point >= 0xe000 ? 0x800 : 0) - 0x30;
  }
  /* facets/D.js: the values of dimension D of every document, in order; a
     character each, '-' for none, or for the topics the characters of each
     document, separated by ','. Gives per document the list of its values
     (shared between documents with the same). */
  function decodeFacet(dimension, codes) {
    const values = index.bootstrap.facetValues[dimension];
    const lists = new Map([['-', []], ['', []]]);
    const listOf = (text) => {
      if (!lists.has(text)) lists.set(text, Array.from(text, (character) => values[facetPosition(character)]));
      return lists.get(text);
    };
    return dimension === 'topic' ? codes.split(',').map(listOf) : Array.from(codes, listOf);
  }

  /* A row of d/N.js; the URL is relative to the site's root. */
  function decodeDocument([url, title, summary, date]) {
    return { url, title, summary, date };
  }

  function decodeFragments(sentences) {
    return sentences;
  }

  /* The k-th file of the sentences of a document (`fragment_files` in
     src/search/static_index.rs). */
  const fragmentPath = (document, k) => (k ? `f/${document}-${k}.js` : `f/${document}.js`);

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

  /* Tests outside a browser replace it. */
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
    f(dimension, codes) {
      arrived(`facets/${dimension}.js`, codes);
    },
    d(fileNumber, rows) {
      index.documentFiles[fileNumber] = rows.map(decodeDocument);
      arrived(`d/${fileNumber}.js`, index.documentFiles[fileNumber]);
    },
    /* The sentences of a page, its k-th file of `files`. */
    x(documentNumber, sentences, files = 1, k = 0) {
      const all = (index.fragments[documentNumber] ||= []);
      const first = k ? k * index.bootstrap.fragmentsPerFile : 0;
      decodeFragments(sentences).forEach((sentence, i) => (all[first + i] = sentence));
      index.fragmentFiles[documentNumber] = files;
      arrived(fragmentPath(documentNumber, k), all);
    },
  };

  /* The facets of `dimensions` (names of the bootstrap's facets), each
     loaded once, decoded with the bootstrap's values whichever file came
     first. */
  const loadFacets = (dimensions) =>
    Promise.all(
      dimensions.map((dimension) =>
        Promise.all([load('index.js'), load(`facets/${dimension}.js`)]).then(([, codes]) => {
          if (!index.facets[dimension]) index.facets[dimension] = decodeFacet(dimension, codes);
        }),
      ),
    );
  /* What every query needs: the bootstrap, the status of each page (the
     ranking boosts by status) and its type (a result's facts line). The
     other facets wait for a filter, a topic named by a word, or the filter
     panel. */
  const ready = () => loadFacets(['status', 'type']);
  const fileOfDocument = (document) => Math.floor(document / index.bootstrap.documentsPerFile);
  const loadDocuments = (documents) => Promise.all(documents.map((document) => load(`d/${fileOfDocument(document)}.js`)));
  const documentAt = (document) => index.documentFiles[fileOfDocument(document)][document % index.bootstrap.documentsPerFile];
  /* The sentences of each document: with `wanted` (document -> sentence
     number), the file of that sentence (a snippet); without, every file
     (proximity). Each promise gives the document's sentences known so far;
     a file that failed gives none (the summary stands in). */
  function loadFragments(documents, wanted) {
    const per = index.bootstrap.fragmentsPerFile;
    const known = (document) => index.fragments[document] || [];
    return Promise.all(
      documents.map((document) => {
        if (wanted) return load(fragmentPath(document, Math.floor((wanted(document) || 0) / per))).then(() => known(document), () => known(document));
        return load(fragmentPath(document, 0))
          .then(() => Promise.all(Array.from({ length: (index.fragmentFiles[document] || 1) - 1 }, (_, k) => load(fragmentPath(document, k + 1)))))
          .then(() => known(document), () => known(document));
      }),
    );
  }
  function term(shard, word) {
    const words = index.termShards[shard];
    if (!words || !Object.prototype.hasOwnProperty.call(words, word)) return null;
    if (!decodedTerms.has(word)) decodedTerms.set(word, decodeTerm(word, words[word]));
    return decodedTerms.get(word);
  }
  const shardWords = (shard) => Object.keys(index.termShards[shard] || {});

  Object.assign(search, callbacks, {
    /* The way to the site's root, from the page (`data-root`). */
    root: '',
    index,
    load,
    loadScript,
    ready,
    loadFacets,
    loadDocuments,
    documentAt,
    loadFragments,
    term,
    shardWords,
  });
})(typeof window === 'object' ? window : globalThis);

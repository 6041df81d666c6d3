/* cahier search in the browser, 4/5: the search page (#search-app of
   templates/search.html). A box, a live count, the results ten at a time
   with a snippet each, and facets with counts; the query and the filters
   are kept in the URL, in the form of the spec (?q=…&topic=…&status=…). */
(function (global) {
  'use strict';
  const search = global.cahierSearch;
  const { element, debounce, announce } = search.view;
  const document = global.document;
  const location = global.location;
  const index = search.index;

  const PAGE_SIZE = 10;
  /* The facets, in the order shown: the dimension (as in the URL and the
     index), the key of its legend in i18n.yaml, and whether its values are
     sorted by count (else in the index's order). */
  const FACETS = [
    { dimension: 'topic', legend: 'topic', byCount: true },
    { dimension: 'status', legend: 'status' },
    { dimension: 'by', legend: 'committee', byCount: true },
    { dimension: 'year', legend: 'year' },
    { dimension: 'type', legend: 'page_type' },
    { dimension: 'lang', legend: 'language' },
  ];
  const DIMENSIONS = FACETS.map((facet) => facet.dimension);

  /* The sentence with each searched word in <mark>: the same folded word,
     a word starting with a searched prefix, or a word sharing a stem with
     a searched word. */
  function highlighted(sentence, terms) {
    const paragraph = element('p', 'snippet');
    const sameWords = new Set();
    const stems = new Set();
    const prefixes = [];
    for (const term of terms) {
      if (term.isPrefix) prefixes.push(term.word);
      else sameWords.add(term.word);
      term.stems.forEach((stem) => stems.add(stem));
    }
    const word = new RegExp(search.WORD);
    let match;
    let at = 0;
    while ((match = word.exec(sentence))) {
      const folded = search.fold(match[0]);
      if (sameWords.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix)) || search.loadedStems(folded).some((stem) => stems.has(stem))) {
        paragraph.append(sentence.slice(at, match.index), element('mark', '', match[0]));
        at = word.lastIndex;
      }
    }
    paragraph.append(sentence.slice(at));
    return paragraph;
  }

  class SearchPage {
    constructor(app) {
      this.app = app;
      this.ui = search.view.inLanguage(app.dataset.lang);
      /* Dimension -> the value chosen, or ''. */
      this.filters = {};
      /* Of the current query (see search.query). */
      this.result = null;
      /* Pages of results asked for, and results listed. */
      this.pages = 1;
      this.shown = 0;
      /* Number of the latest search: an older one that ends later is dropped. */
      this.latest = 0;
      /* The documents the filter panel counts over: the latest results. */
      this.facetsPool = null;
      this.layOut();
      this.readUrl();
      this.listen();
      if (this.input.value || this.filtering()) this.search();
    }

    layOut() {
      const ui = this.ui;
      const form = element('form', 'search-form', null, { role: 'search' });
      this.input = element('input', '', null, { id: 'search-q', type: 'search', name: 'q', autocomplete: 'off' });
      form.append(element('label', '', ui.text('search'), { for: 'search-q' }), this.input);
      this.status = element('p', 'search-count', null, { role: 'status', 'aria-live': 'polite' });
      this.list = element('ol', 'search-results');
      this.more = element('button', 'more', ui.text('search_more'), { type: 'button' });
      this.more.hidden = true;
      const main = element('div', 'search-main');
      main.append(this.status, this.list, this.more);
      this.facetsBox = element('details', 'search-facets');
      // Named from the start (a nameless summary is an accessibility
      // error), and hidden until a query gives something to refine.
      this.facetsSummary = this.facetsBox.appendChild(element('summary', null, ui.text('search_refine')));
      this.facetsBox.hidden = true;
      this.facetsList = this.facetsBox.appendChild(element('div'));
      // Filters open beside the results; folded above them on a narrow screen.
      this.facetsBox.open = !global.matchMedia || global.matchMedia('(min-width: 50rem)').matches;
      this.facetsBox.addEventListener('toggle', () => {
        if (this.facetsBox.open && this.facetsPool) this.showFacets(this.facetsPool).catch(() => {});
      });
      const layout = element('div', 'search-layout');
      layout.append(main, this.facetsBox);
      this.app.append(form, layout);
      this.form = form;
    }

    readUrl() {
      const params = new URLSearchParams(location.search);
      this.input.value = params.get('q') || '';
      DIMENSIONS.forEach((dimension) => {
        this.filters[dimension] = params.get(dimension) || '';
      });
      if (this.filters.status === 'in-force') this.filters.status = 'adopted';
    }

    writeUrl(query) {
      const params = new URLSearchParams();
      if (query) params.set('q', query);
      DIMENSIONS.forEach((dimension) => {
        if (this.filters[dimension]) params.set(dimension, this.filters[dimension]);
      });
      try {
        history.replaceState(null, '', (params.toString() ? `?${params}` : location.pathname) + location.hash);
      } catch (error) {
        // From file://, some browsers refuse.
      }
    }

    listen() {
      this.more.onclick = () => {
        this.pages++;
        this.show(this.latest, true);
      };
      this.form.onsubmit = (event) => {
        event.preventDefault();
        this.search();
      };
      this.input.addEventListener('input', debounce(() => this.search(), 250, () => this.input.value.trim().length > 1));
      // Arrows move between the box and the results; Enter follows a link.
      this.app.addEventListener('keydown', (event) => {
        const links = [...this.list.querySelectorAll('.search-hit > a')];
        const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
        const at = event.target === this.input ? -1 : links.indexOf(event.target);
        if (!step || (at < 0 && event.target !== this.input)) return;
        event.preventDefault();
        if (at + step < 0) this.input.focus();
        else if (links[at + step]) links[at + step].focus();
      });
    }

    filtering() {
      return DIMENSIONS.some((dimension) => this.filters[dimension]);
    }

    /* Whether a document has every value chosen, but the one of `except`
       (the facets of the chosen values are loaded). */
    matches(documentNumber, except) {
      const has = (dimension) => index.facets[dimension][documentNumber].includes(this.filters[dimension]);
      return DIMENSIONS.every((dimension) => dimension === except || !this.filters[dimension] || has(dimension));
    }

    search() {
      const text = this.input.value;
      const query = text.trim();
      const number = ++this.latest;
      this.app.dataset.state = 'busy';
      // No query: every document, for the filters alone.
      const everything = () => ({ hits: Array.from({ length: index.bootstrap.documentCount }, (_, i) => i), scores: new Map(), terms: [], noWords: true, anyWord: false });
      const filtered = search.loadFacets(DIMENSIONS.filter((dimension) => this.filters[dimension]));
      Promise.all([query ? search.query(text) : search.ready().then(everything), filtered])
        .then(([result]) => {
          if (number !== this.latest) return;
          this.result = result;
          // What these results answer: the box may hold more by now.
          this.searched = text;
          this.pages = 1;
          return this.show(number, false);
        })
        .catch((error) => {
          this.status.textContent = this.app.dataset.error;
          this.app.dataset.state = 'error';
          throw error;
        });
      this.writeUrl(query);
    }

    /* Lists the results: titles at once, each snippet when the sentences
       of its page arrive. */
    show(number, appending) {
      const pool = this.result.noWords && !this.filtering() ? [] : this.result.hits;
      const matching = pool.filter((documentNumber) => this.matches(documentNumber));
      const listed = matching.slice(0, this.pages * PAGE_SIZE);
      const from = appending ? this.shown : 0;
      const fresh = listed.slice(from);
      return search.loadDocuments(listed).then(() => {
        if (number !== this.latest) return;
        const facetsShown = this.showFacets(pool);
        if (!appending) this.list.textContent = '';
        const snippets = fresh.map((documentNumber) => this.listResult(documentNumber));
        this.shown = listed.length;
        this.more.hidden = matching.length <= this.shown;
        this.showCount(matching.length);
        if (appending && this.list.children[from]) this.list.children[from].firstChild.focus();
        Object.assign(this.app.dataset, { q: this.searched, count: matching.length });
        announce(this.app, 'cahier:results');
        const result = this.result;
        const snippetsShown = search.loadFragments(fresh, (documentNumber) => (result.scores.get(documentNumber) || {}).fragment).then(() => {
          if (number === this.latest) fresh.forEach((documentNumber, i) => snippets[i].replaceWith(this.snippet(documentNumber)));
        });
        return Promise.all([snippetsShown, facetsShown]).then(() => {
          if (number !== this.latest) return;
          this.app.dataset.state = 'done';
          announce(this.app, 'cahier:done');
        });
      });
    }

    /* A result: its title, its facts, and a place for its snippet. */
    listResult(documentNumber) {
      const { title, url } = search.documentAt(documentNumber);
      const item = this.list.appendChild(element('li', 'search-hit'));
      const snippet = element('p', 'snippet');
      item.append(element('a', '', title, { href: search.view.linkTo(url) }), this.ui.facts(documentNumber), snippet);
      return snippet;
    }

    /* The sentence of the best-weighted word, else the page's summary. */
    snippet(documentNumber) {
      const score = this.result.scores.get(documentNumber);
      const sentence = score && (index.fragments[documentNumber] || [])[score.fragment];
      return sentence ? highlighted(sentence, this.result.terms) : element('p', 'snippet', search.documentAt(documentNumber).summary || '');
    }

    showCount(count) {
      const ui = this.ui;
      this.status.textContent = '';
      if (!this.input.value.trim() && !this.filtering()) return;
      this.status.append(ui.count(count));
      if (this.result.anyWord && count) this.status.append(' ', element('span', 'search-or', ui.text('search_any_word')));
      for (const { word, words } of count ? this.result.mistakes || [] : []) {
        this.status.append(' ', element('span', 'search-mistaken', ui.text('search_mistaken').replace('{word}', word).replace('{words}', words.join(', '))));
      }
      if (count) return;
      if (!this.filtering()) return this.status.append(' ', ui.text('search_hint'));
      const clear = element('button', 'clear', ui.text('search_clear_filters'), { type: 'button' });
      clear.onclick = () => {
        DIMENSIONS.forEach((dimension) => {
          this.filters[dimension] = '';
        });
        this.search();
        this.input.focus();
      };
      this.status.append(' ', ui.text('search_no_match_filters'), clear);
    }

    /* The filter panel: its summary at once; its values, once every facet
       is loaded, only while it is open (a folded panel is filled when it
       opens: the facets no filter uses are loaded for their counts alone).
       Gives a promise settled when it is shown. */
    showFacets(pool) {
      const chosen = DIMENSIONS.filter((dimension) => this.filters[dimension]).length;
      this.facetsSummary.textContent = this.ui.text('search_refine') + (chosen ? ` (${chosen})` : '');
      this.facetsBox.hidden = !pool.length && !this.filtering();
      this.facetsPool = pool;
      if (this.facetsBox.hidden || !this.facetsBox.open) {
        this.facetsList.textContent = '';
        return Promise.resolve();
      }
      const number = this.latest;
      return search.loadFacets(DIMENSIONS).then(() => {
        if (number === this.latest) this.fillFacets(pool);
      });
    }

    /* The filters, with counts over every matching document: a value's
       count is what choosing it would list. A rebuilt control keeps the
       focus its predecessor had. */
    fillFacets(pool) {
      const focused = (document.activeElement || {}).dataset || {};
      this.facetsList.textContent = '';
      const inForce = element('input', '', null, { type: 'checkbox', 'data-k': 'force' });
      this.facetsList.appendChild(element('label', 'in-force')).append(inForce, ` ${this.ui.text('search_in_force_only')}`);
      inForce.checked = this.filters.status === 'adopted';
      inForce.onchange = () => {
        this.filters.status = inForce.checked ? 'adopted' : '';
        this.search();
      };
      if (focused.k === 'force') inForce.focus();
      for (const facet of FACETS) {
        const fieldset = this.facetValues(facet, pool, focused);
        if (fieldset) this.facetsList.append(fieldset);
      }
    }

    facetValues({ dimension, legend, byCount }, pool, focused) {
      const counts = new Map();
      for (const documentNumber of pool) {
        if (this.matches(documentNumber, dimension)) index.facets[dimension][documentNumber].forEach((value) => counts.set(value, (counts.get(value) || 0) + 1));
      }
      const chosen = this.filters[dimension];
      const values = index.bootstrap.facetValues[dimension].filter((value) => counts.has(value) || chosen === value);
      if (byCount) values.sort((a, b) => (counts.get(b) || 0) - (counts.get(a) || 0));
      if (!values.length) return null;
      const fieldset = element('fieldset', 'facet');
      const list = element('ul');
      fieldset.append(element('legend', '', this.ui.text(legend)), list);
      for (const value of values) {
        const attributes = { type: 'button', 'data-k': dimension, 'data-v': value, 'aria-pressed': chosen === value };
        const button = list.appendChild(element('li')).appendChild(element('button', 'facet-value', this.ui.label(dimension, value), attributes));
        button.append(' ', element('span', 'n', counts.get(value) || 0));
        button.onclick = () => {
          this.filters[dimension] = chosen === value ? '' : value;
          this.search();
        };
        if (focused.k === dimension && focused.v === value) setTimeout(() => button.focus());
      }
      return fieldset;
    }
  }

  search.view.whenReady(() => {
    const app = document.getElementById('search-app');
    if (!app) return;
    search.root = app.dataset.root || '';
    // The page's own box stands for the header's.
    const header = document.querySelector('form.site-search');
    if (header) header.hidden = true;
    // The template loads search/index.js before this script; this asks for it
    // again only if that failed.
    search.load('index.js').then(
      () => search.view.focusOnSlash(new SearchPage(app).input),
      () => {
        app.dataset.state = 'error';
        app.append(element('p', 'warning', app.dataset.error));
      },
    );
  });
})(window);

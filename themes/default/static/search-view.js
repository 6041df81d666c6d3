/* cahier search in the browser, 3/5: what the search page and the header
   box share: the interface in the page's language (strings, labels of
   facet values, the facts line of a result), elements and links, and the
   `/` key. */
(function (global) {
  'use strict';
  const search = global.cahierSearch;
  if (search.view) return;
  const document = global.document;
  const index = search.index;

  function element(tag, className, text, attributes) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text != null) made.textContent = text;
    for (const name in attributes) made.setAttribute(name, attributes[name]);
    return made;
  }

  /* The href of a site path; from file://, a folder needs its index.html. */
  const linkTo = (url) => search.root + url + (global.location.protocol === 'file:' && /(^|\/)$/.test(url) ? 'index.html' : '');

  /* As Topic::label_in (src/config.rs): the label in the page's language,
     else in the site's default language, else any, else the id. */
  function topicLabel(id, lang) {
    const labels = index.bootstrap.topicLabels[id] || {};
    return labels[lang] || labels[index.bootstrap.defaultLanguage] || Object.values(labels)[0] || id;
  }

  /* The interface in one language, once search/index.js has arrived. The
     build writes there the strings of each site language (the keys of
     INTERFACE_KEYS in src/search/static_index.rs, and the statuses and
     types listed) as the pages get them (Theme::strings: the theme's string
     in that language, else its English one; a site's theme may override
     any), so the search speaks as the page around it. A page is always in
     a site language; the default one is a safety net. */
  function inLanguage(lang) {
    const bootstrap = index.bootstrap;
    const strings = bootstrap.strings[lang] || bootstrap.strings[bootstrap.defaultLanguage] || {};
    const text = (key) => strings[key] || key;
    /* "No result", "1 result", "12 results". */
    const count = (n) => (n === 0 ? text('search_count_none') : n === 1 ? text('search_count_one') : text('search_count_many').replace('{n}', n));
    function label(dimension, value) {
      if (dimension === 'topic') return topicLabel(value, lang);
      if (dimension === 'by') return bootstrap.committeeTitles[value] || value;
      if (dimension === 'lang') return bootstrap.languageNames[value] || value;
      if (dimension === 'status' || dimension === 'type') return strings[value] || value;
      return value;
    }
    /* The facts line of a result: its type, its status, its date. */
    function facts(documentNumber) {
      const line = element('p', 'hit-meta');
      const status = index.facets.status[documentNumber][0];
      const date = search.documentAt(documentNumber).date;
      line.append(element('span', 'hit-type', label('type', index.facets.type[documentNumber][0])));
      if (status) line.append(' ', element('span', `badge ${status}`, label('status', status)));
      if (date) line.append(' ', element('time', '', date, { datetime: date }));
      return line;
    }
    return { lang, text, count, label, facts };
  }

  /* Quiet after which a key is searched at once. */
  const PAUSE_MS = 500;

  /* Runs `fn` at once for the first key after a pause (PAUSE_MS without
     one) when `atOnce()` agrees, else `ms` after the last key: a word typed
     a key at a time is searched once, not once per letter (each search of
     a prefix would fetch term shards, rows and snippets of its own). */
  function debounce(fn, ms, atOnce = () => true) {
    let timer;
    let last = -Infinity;
    return () => {
      const now = performance.now();
      clearTimeout(timer);
      if (now - last > PAUSE_MS && atOnce()) fn();
      else timer = setTimeout(fn, ms);
      last = now;
    };
  }

  /* For tests and scripts of the site that follow the search. */
  const announce = (target, name) => target.dispatchEvent(new CustomEvent(name, { bubbles: true }));

  /* `/` goes to the search box, unless typing somewhere. */
  function focusOnSlash(input) {
    document.addEventListener('keydown', (event) => {
      const target = event.target;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      event.preventDefault();
      input.focus();
    });
  }

  const whenReady = (start) => (document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', start) : start());

  search.view = { element, linkTo, inLanguage, debounce, announce, focusOnSlash, whenReady };
})(window);

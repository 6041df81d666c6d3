/* cahier search in the browser, 5/5: the search box in the header of every
   page but the search page. Results as you type, in a list box under the
   input (a combobox: arrows choose, Enter opens, Escape closes); submitting
   opens the search page. The index loads when the box gets the focus. */
(function (global) {
  'use strict';
  const search = global.cahierSearch;
  const { element, debounce } = search.view;
  const document = global.document;
  const location = global.location;

  const SUGGESTIONS = 5;

  class HeaderBox {
    constructor(form) {
      this.form = form;
      this.input = form.querySelector('input[name=q]');
      this.list = form.appendChild(element('ul', 'site-search-list', null, { id: 'site-search-list', role: 'listbox' }));
      this.list.hidden = true;
      /* The options listed, and the one chosen with the arrows (-1: none). */
      this.options = [];
      this.chosen = -1;
      /* Number of the latest query: an older one that ends later is dropped. */
      this.latest = 0;
      const attributes = { role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': false, 'aria-controls': this.list.id, autocomplete: 'off' };
      for (const name in attributes) this.input.setAttribute(name, attributes[name]);
      this.listen();
    }

    listen() {
      const input = this.input;
      input.addEventListener('focus', () => search.load('index.js').catch(() => {}));
      input.addEventListener('input', debounce(() => this.suggest(), 250, () => input.value.trim().length > 1));
      input.addEventListener('keydown', (event) => this.onKey(event));
      input.addEventListener('blur', () => this.open(false));
      // From file://, the folder of the search page needs its index.html.
      this.form.addEventListener('submit', (event) => {
        if (location.protocol !== 'file:') return;
        event.preventDefault();
        location.href = `${this.form.getAttribute('action')}index.html?q=${encodeURIComponent(input.value)}`;
      });
    }

    suggest() {
      const query = this.input.value;
      const number = ++this.latest;
      if (!query.trim()) return this.open(false);
      search
        .query(query)
        .then((result) => {
          const best = result.hits.slice(0, SUGGESTIONS);
          return search.loadDocuments(best).then(() => {
            if (number === this.latest) this.showSuggestions(query, best);
          });
        })
        .catch(() => {});
    }

    showSuggestions(query, documentNumbers) {
      const ui = search.view.inLanguage(document.documentElement.lang);
      this.list.setAttribute('aria-label', ui.text('search_suggestions'));
      this.list.textContent = '';
      this.options = documentNumbers.map((documentNumber, i) => {
        const { title, url } = search.documentAt(documentNumber);
        const option = element('li', 'site-search-item', title, { id: `site-search-${i}`, role: 'option', 'data-href': search.view.linkTo(url) });
        option.append(ui.facts(documentNumber));
        // A click must not blur the input first: that would close the list.
        option.onmousedown = (event) => event.preventDefault();
        option.onclick = () => this.follow(option);
        return this.list.appendChild(option);
      });
      this.open(this.options.length > 0);
      Object.assign(this.form.dataset, { q: query, state: 'done' });
    }

    onKey(event) {
      const count = this.options.length;
      if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && count) {
        event.preventDefault();
        this.open(true);
        this.choose(event.key === 'ArrowDown' ? (this.chosen + 1) % count : (this.chosen <= 0 ? count : this.chosen) - 1);
      } else if (event.key === 'Enter' && this.chosen >= 0) {
        event.preventDefault();
        this.follow(this.options[this.chosen]);
      } else if (event.key === 'Escape' && !this.list.hidden) {
        event.preventDefault();
        this.open(false);
      }
    }

    choose(i) {
      this.chosen = i;
      this.options.forEach((option, j) => option.setAttribute('aria-selected', j === i));
      if (i < 0) this.input.removeAttribute('aria-activedescendant');
      else this.input.setAttribute('aria-activedescendant', this.options[i].id);
    }

    open(isOpen) {
      this.list.hidden = !isOpen;
      this.input.setAttribute('aria-expanded', isOpen);
      if (!isOpen) this.choose(-1);
    }

    follow(option) {
      location.href = option.dataset.href;
    }
  }

  search.view.whenReady(() => {
    const form = document.querySelector('form.site-search');
    if (!form || document.getElementById('search-app')) return;
    search.root = form.dataset.root || '';
    search.view.focusOnSlash(new HeaderBox(form).input);
  });
})(window);

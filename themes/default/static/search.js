/* cahier search in the browser, over the static index of search/ (see
   src/search/static_index.rs): classic scripts calling back into
   window.cahierSearch, so it works from file:// and any static host.
   Drives the search page (#search-app) and the header box (form.site-search). */
(G => {
'use strict';
if (G.cahierSearch && G.cahierSearch.query) return;
const D = G.document, stop = {}, seen = {}, wait = {}, docs = [], frags = [], shards = [], dec = {};
const EXTRA = { 'œ': 'oe', 'æ': 'ae', 'ß': 'ss', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };
const DIMS = ['type', 'status', 'by', 'year', 'lang', 'topic'], WORD = /[\p{L}\p{N}]+/gu;
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
let B, rows, FOLD = {}, base = '';

/* search/P, once: a promise resolved by the file's callback (got). */
function load(p, fetch = 1) {
  if (seen[p]) return seen[p];
  let no;
  seen[p] = new Promise((ok, n) => { wait[p] = ok; no = n; });
  if (fetch) cs.fetch(p, () => { if (wait[p]) { delete wait[p]; delete seen[p]; no(Error('cannot load search/' + p)); } });
  return seen[p];
}
const got = (p, v) => { load(p, 0); (wait[p] || Boolean)(v); delete wait[p]; };
const cs = {
  boot(b) { B = b; for (const l in b.stop) b.stop[l].forEach(w => { stop[w] = 1; }); FOLD = b.fold || {}; got('index.js', b); },
  t(n, o) { shards[n] = o; got(`t/${n}.js`, o); },
  f(r) { rows = r; got('facets.js', r); },
  d(k, list) { list.forEach((x, i) => { docs[k * B.ds + i] = x; }); got(`d/${k}.js`, list); },
  x(n, list) { frags[n] = list; got(`f/${n}.js`, list); },
  fetch(p, fail) {
    const s = D.createElement('script');
    s.src = base + 'search/' + p;
    s.onload = s.onerror = () => { s.remove(); fail(); };
    D.head.append(s);
  }
};
G.cahierSearch = cs;
const ready = () => Promise.all([load('index.js'), load('facets.js')]);
const docRows = ids => Promise.all(ids.map(d => load(`d/${d / B.ds | 0}.js`)));
const fragsOf = ids => Promise.all(ids.map(d => load(`f/${d}.js`).catch(() => [])));

/* Text analysis of src/search/analysis.rs: runs of letters and digits,
   lowercased, folded; stop words of either language dropped. */
const words = s => String(s).normalize('NFC').match(WORD) || [];
function fold(w) {
  let o = '';
  for (const c of w) {
    const l = c.toLowerCase();
    o += c < '\x80' ? l : FOLD[c] || FOLD[l] || EXTRA[l] || l.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  return o;
}
const keep = f => f && !has(stop, f);

/* Query syntax of src/search/query.rs: words, "phrases", -word, prefix*. */
function parse(q) {
  const parts = [], add = (k, w) => parts.push({ k, w });
  let rest = q.trim(), m, ws;
  while (rest) {
    if (rest[0] === '"') {
      const e = rest.indexOf('"', 1);
      ws = words(e < 0 ? rest.slice(1) : rest.slice(1, e));
      rest = e < 0 ? '' : rest.slice(e + 1).trim();
      if (ws.length) add(ws[1] ? 'p' : 'w', ws[1] ? ws : ws[0]);
      continue;
    }
    m = rest.match(/^\S+/)[0];
    rest = rest.slice(m.length).trim();
    if (/^-./.test(m)) words(m).forEach(w => add('x', w));
    else if (/.\*$/.test(m)) (ws = words(m)).forEach((w, i) => add(ws[i + 1] ? 'w' : '*', w));
    else words(m).forEach(w => add('w', w));
  }
  return parts;
}

/* The term shard of a folded word: the last whose first key is <= word. */
function shardOf(w) {
  let lo = 0, hi = B.shards.length - 1;
  while (lo < hi) { const m = (lo + hi + 1) >> 1; if (B.shards[m] <= w) lo = m; else hi = m - 1; }
  return lo;
}
const shard = n => load(`t/${n}.js`);
/* A word's stems and postings (doc -> [weight, fragment]). */
function decode(w, e) {
  if (dec[w]) return dec[w];
  const m = new Map(), p = e[1];
  for (let i = 0, d = 0; i < p.length; i += 3) m.set(d += p[i], [p[i + 1], p[i + 2]]);
  return (dec[w] = { w, stems: e[0], m });
}
const entry = w => shard(shardOf(w)).then(s => has(s, w) ? decode(w, s[w]) : null);
/* Every word starting with p, merged (best weight per document). */
function prefix(p) {
  const list = [shardOf(p)];
  while (list.length < 8 && B.shards[list.length + list[0]]?.startsWith(p)) list.push(list.length + list[0]);
  return Promise.all(list.map(shard)).then(ss => {
    const m = new Map(), stems = [];
    ss.forEach(s => Object.keys(s).forEach(k => {
      if (!k.startsWith(p)) return;
      const e = decode(k, s[k]);
      stems.push(...e.stems);
      e.m.forEach((v, d) => { if ((m.get(d) || [0])[0] < v[0]) m.set(d, v); });
    }));
    return m.size ? { w: p, stems, m, pre: 1 } : null;
  });
}
/* The stems of a word of an already loaded shard, for highlighting. */
const stemsNow = w => { const s = shards[shardOf(w)]; return s && has(s, w) ? s[w][0] : []; };
const byScore = sc => (a, b) => sc.get(b)[0] - sc.get(a)[0] || a - b;

/* Runs a query. Score: sum of the words' weights, times the status boost;
   every word required, or any when that finds nothing; ties in doc order. */
function query(q) {
  return ready().then(() => {
    const parts = parse(q), req = [], exc = [], phrases = [];
    parts.forEach((p, i) => {
      if (p.k === 'p') {
        const ws = p.w.map(fold).filter(keep);
        if (ws[1]) phrases.push(ws);
        return ws.forEach(w => req.push(entry(w)));
      }
      const f = fold(p.w);
      if (!keep(f)) return;
      if (p.k === 'x') exc.push(entry(f));
      else if (p.k === '*' && f[1]) req.push(prefix(f));
      /* As you type, a last word not (yet) in the index stands for its prefix. */
      else if (!parts[i + 1] && f[2] && /[\p{L}\p{N}]$/u.test(q)) req.push(entry(f).then(e => e || prefix(f)));
      else req.push(entry(f));
    });
    return Promise.all([Promise.all(req), Promise.all(exc)]).then(([ents, ex]) => {
      const sc = new Map(), n = ents.length, add = (e, d) => {
        const v = e.m.get(d), s = sc.get(d) || [0, v[1], 0];
        sc.set(d, s);
        s[0] += v[0];
        if (v[0] > s[2]) { s[1] = v[1]; s[2] = v[0]; }
      };
      if (n && ents.every(Boolean)) {
        ents.reduce((a, e) => e.m.size < a.m.size ? e : a).m.forEach((v, d) => { if (ents.every(e => e.m.has(d))) ents.forEach(e => add(e, d)); });
      }
      const or = !sc.size && n > 1;
      if (or) ents.forEach(e => e && e.m.forEach((v, d) => add(e, d)));
      ex.forEach(e => e && e.m.forEach((v, d) => sc.delete(d)));
      sc.forEach((s, d) => { s[0] *= (B.boost || {})[B.facets.status[rows[d][1]]] || 1; });
      const res = { sc, or, none: !n, words: ents.filter(Boolean), hits: [...sc.keys()].sort(byScore(sc)) }, top = res.hits.slice(0, 30);
      if (!phrases.length) return res;
      /* A phrase found as such in a sentence of a top page doubles its weight. */
      return fragsOf(top).then(fs => {
        top.forEach((d, i) => {
          const text = ` ${fs[i].map(f => words(f).map(fold).filter(keep).join(' ')).join(' | ')} `;
          phrases.forEach(ph => {
            if (text.includes(` ${ph.join(' ')} `)) ph.forEach(w => { sc.get(d)[0] += ((dec[w] && dec[w].m.get(d)) || [0])[0]; });
          });
        });
        res.hits.sort(byScore(sc));
        return res;
      });
    });
  });
}

/* Facet values of a document, as strings. */
const vals = (d, k) => (k === 'topic' ? rows[d].slice(5) : [rows[d][DIMS.indexOf(k)]]).filter(x => x >= 0).map(x => String(B.facets[k][x]));
const href = (root, url) => root + url + (G.location.protocol === 'file:' && /(^|\/)$/.test(url) ? 'index.html' : '');
function el(tag, cls, text, attrs) {
  const e = D.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  for (const a in attrs) e.setAttribute(a, attrs[a]);
  return e;
}
/* The text with each query word in <mark>: same folded form, a searched
   prefix, or a word sharing a stem with a query word. */
function marked(text, res) {
  const p = el('p', 'snippet'), same = {}, stems = {}, pre = [], re = new RegExp(WORD);
  res.words.forEach(e => { if (e.pre) pre.push(e.w); else same[e.w] = 1; e.stems.forEach(s => { stems[s] = 1; }); });
  let m, at = 0;
  while ((m = re.exec(text))) {
    const f = fold(m[0]);
    if (same[f] || pre.some(x => f.startsWith(x)) || stemsNow(f).some(s => stems[s])) {
      p.append(text.slice(at, m.index), el('mark', '', m[0]));
      at = re.lastIndex;
    }
  }
  p.append(text.slice(at));
  return p;
}

/* Interface strings; lists follow the keys of K. */
const K = { dims: 'topic status by year type lang', status: 'adopted superseded repealed expired proposed rejected withdrawn', type: 'page decision committee principle meeting', lang: 'fr en' };
const T = {
  fr: {
    search: 'Rechercher', hits: 'Aucun résultat|1 résultat| résultats', more: 'Plus de résultats', list: 'Suggestions',
    or: 'Aucune page ne contient tous les mots ; voici les pages qui en contiennent au moins un.',
    none: 'Essayez moins de mots, ou un début de mot suivi de * (embau*).', nof: 'Aucun résultat avec ces filtres.', clear: 'Retirer les filtres',
    force: 'En vigueur seulement', filters: 'Affiner', err: 'La recherche n’a pas pu charger son index.',
    dims: 'Thème|Statut|Instance|Année|Type|Langue', status: 'En vigueur|Remplacée|Abrogée|Expirée|Proposition|Rejetée|Retirée',
    type: 'page|décision|comité|principe|réunion', lang: 'français|anglais'
  },
  en: {
    search: 'Search', hits: 'No result|1 result| results', more: 'More results', list: 'Suggestions',
    or: 'No page has all the words; showing pages with any of them.',
    none: 'Try fewer words, or the start of a word followed by * (hir*).', nof: 'No result with these filters.', clear: 'Remove the filters',
    force: 'In force only', filters: 'Refine', err: 'Search could not load its index.',
    dims: 'Topic|Status|Committee|Year|Type|Language', status: 'In force|Superseded|Repealed|Expired|Proposal|Rejected|Withdrawn',
    type: 'page|decision|committee|principle|meeting', lang: 'French|English'
  }
};
for (const l in T) for (const k in K) T[l][k] = Object.fromEntries(K[k].split(' ').map((x, i) => [x, T[l][k].split('|')[i]]));

/* Per language: labels of facet values, and the facts line of a result. */
function ui(lang) {
  const t = T[lang === 'en' ? 'en' : 'fr'];
  t.label = (k, v) => {
    const l = k === 'topic' && B.labels.topic[v];
    return (l ? l[lang] || l.fr || l.en : k === 'by' ? B.labels.by[v] : (t[k] || {})[v]) || v;
  };
  t.meta = d => {
    const p = el('p', 'hit-meta'), st = vals(d, 'status')[0], date = docs[d][3];
    p.append(el('span', 'hit-type', t.label('type', vals(d, 'type')[0])));
    if (st) p.append(' ', el('span', 'badge ' + st, t.label('status', st)));
    if (date) p.append(' ', el('time', '', date, { datetime: date }));
    return p;
  };
  return t;
}
/* Runs at once after a pause; a burst of keys runs once, at its end. */
function debounce(fn, ms) {
  let timer, last = -1e9;
  return () => {
    const now = performance.now();
    clearTimeout(timer);
    if (now - last > ms) fn(); else timer = setTimeout(fn, ms);
    last = now;
  };
}
const event = (target, name) => target.dispatchEvent(new CustomEvent(name, { bubbles: true }));

/* The search page: box, live count, results 10 at a time, facets; state in the URL. */
function app(box) {
  const t = ui(box.dataset.lang), root = box.dataset.root || '', f = {}, PAGE = 10, params = new URLSearchParams(G.location.search);
  const form = el('form', 'search-form', null, { role: 'search' }), input = el('input', '', null, { id: 'search-q', type: 'search', name: 'q', autocomplete: 'off' });
  const status = el('p', 'search-count', null, { role: 'status', 'aria-live': 'polite' }), aside = el('details', 'search-facets'), side = el('div');
  const list = el('ol', 'search-results'), more = el('button', 'more', t.more, { type: 'button' }), main = el('div', 'search-main'), lay = el('div', 'search-layout');
  form.append(el('label', '', t.search, { for: 'search-q' }), input);
  main.append(status, list, more);
  lay.append(main, aside);
  const sum = aside.appendChild(el('summary'));
  aside.append(side);
  /* Filters open beside the results; folded above them on a narrow screen. */
  aside.open = !G.matchMedia || G.matchMedia('(min-width: 50rem)').matches;
  box.append(form, lay);
  more.hidden = true;
  input.value = params.get('q') || '';
  DIMS.forEach(k => { f[k] = params.get(k) || ''; });
  if (f.status === 'in-force') f.status = 'adopted';
  const active = () => DIMS.some(k => f[k]);
  const match = (d, but) => DIMS.every(k => k === but || !f[k] || vals(d, k).includes(f[k]));
  let res, page, seq = 0, shown = 0;

  function run() {
    const q = input.value.trim(), n = ++seq, u = new URLSearchParams();
    box.dataset.state = 'busy';
    (q ? query(input.value) : ready().then(() => ({ sc: new Map(), words: [], none: 1, hits: rows.map((r, i) => i) })))
      .then(r => { if (n === seq) { res = r; page = 1; return show(n); } })
      .catch(e => { status.textContent = t.err; box.dataset.state = 'error'; throw e; });
    if (q) u.set('q', q);
    DIMS.forEach(k => { if (f[k]) u.set(k, f[k]); });
    try { history.replaceState(null, '', (u.toString() ? '?' + u : G.location.pathname) + G.location.hash); } catch (e) { /* file:// may refuse */ }
  }
  /* Titles at once; each snippet when the fragments of its page arrive. */
  function show(n, next) {
    const pool = res.none && !active() ? [] : res.hits, all = pool.filter(d => match(d)), ids = all.slice(0, page * PAGE), from = next ? shown : 0, fresh = ids.slice(from), c = all.length;
    return docRows(ids).then(() => {
      if (n !== seq) return;
      facets(pool);
      if (!next) list.textContent = '';
      const ps = fresh.map(d => {
        const li = list.appendChild(el('li', 'search-hit'));
        li.append(el('a', '', docs[d][1], { href: href(root, docs[d][0]) }), t.meta(d), el('p', 'snippet'));
        return li.lastChild;
      });
      shown = ids.length;
      more.hidden = c <= shown;
      status.textContent = '';
      if (input.value.trim() || active()) {
        status.append(t.hits.split('|')[Math.min(c, 2)].replace(/^ /, c + ' '));
        if (res.or && c) status.append(' ', el('span', 'search-or', t.or));
        if (!c) status.append(' ', active() ? t.nof : t.none);
        if (!c && active()) {
          const b = status.appendChild(el('button', 'clear', t.clear, { type: 'button' }));
          b.onclick = () => { DIMS.forEach(k => { f[k] = ''; }); run(); input.focus(); };
        }
      }
      if (next && list.children[from]) list.children[from].firstChild.focus();
      Object.assign(box.dataset, { q: input.value, count: c });
      event(box, 'cahier:results');
      return fragsOf(fresh).then(() => {
        if (n !== seq) return;
        fresh.forEach((d, i) => {
          const s = res.sc.get(d), fr = s && frags[d][s[1]];
          ps[i].replaceWith(fr ? marked(fr, res) : el('p', 'snippet', docs[d][2] || ''));
        });
        box.dataset.state = 'done';
        event(box, 'cahier:done');
      });
    });
  }
  /* Filters, with counts over all the matching documents; a value's count is
     what choosing it would list. */
  function facets(hits) {
    const had = (D.activeElement || {}).dataset || {}, cb = el('input', '', null, { type: 'checkbox', 'data-k': 'force' });
    side.textContent = '';
    const on = DIMS.filter(k => f[k]).length;
    sum.textContent = t.filters + (on ? ` (${on})` : '');
    if ((aside.hidden = !hits.length && !active())) return;
    side.appendChild(el('label', 'in-force')).append(cb, ' ' + t.force);
    cb.checked = f.status === 'adopted';
    cb.onchange = () => { f.status = cb.checked ? 'adopted' : ''; run(); };
    if (had.k === 'force') cb.focus();
    K.dims.split(' ').forEach(k => {
      const counts = {}, fs = el('fieldset', 'facet'), ul = el('ul');
      hits.forEach(d => { if (match(d, k)) vals(d, k).forEach(v => { counts[v] = (counts[v] || 0) + 1; }); });
      const order = B.facets[k].map(String).filter(v => counts[v] || f[k] === v);
      if (k === 'topic' || k === 'by') order.sort((a, b) => (counts[b] || 0) - (counts[a] || 0));
      if (!order.length) return;
      fs.append(el('legend', '', t.dims[k]), ul);
      order.forEach(v => {
        const b = ul.appendChild(el('li')).appendChild(el('button', 'facet-value', t.label(k, v), { type: 'button', 'data-k': k, 'data-v': v, 'aria-pressed': f[k] === v }));
        b.append(' ', el('span', 'n', counts[v] || 0));
        b.onclick = () => { f[k] = f[k] === v ? '' : v; run(); };
        if (k === had.k && v === had.v) setTimeout(() => b.focus());
      });
      side.append(fs);
    });
  }
  more.onclick = () => { page++; show(seq, 1); };
  form.onsubmit = e => { e.preventDefault(); run(); };
  input.addEventListener('input', debounce(run, 120));
  /* Arrows move between the box and the results; Enter follows a link. */
  box.addEventListener('keydown', e => {
    const links = [...list.querySelectorAll('.search-hit > a')], i = e.target === input ? -1 : links.indexOf(e.target), step = { ArrowDown: 1, ArrowUp: -1 }[e.key];
    if (!step || (i < 0 && e.target !== input)) return;
    e.preventDefault();
    if (i + step < 0) input.focus(); else if (links[i + step]) links[i + step].focus();
  });
  if (input.value || active()) run();
  return input;
}

/* The header box: the top 5 results in a list box under the input. */
function header(form) {
  const input = form.querySelector('input[name=q]'), root = form.dataset.root || '', t = ui(D.documentElement.lang);
  const list = form.appendChild(el('ul', 'site-search-list', null, { id: 'site-search-list', role: 'listbox', 'aria-label': t.list }));
  let cur = -1, seq = 0, items = [];
  Object.entries({ role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': false, 'aria-controls': list.id, autocomplete: 'off' }).forEach(a => input.setAttribute(...a));
  list.hidden = true;
  function pick(i) {
    cur = i;
    items.forEach((li, j) => li.setAttribute('aria-selected', j === i));
    if (i < 0) input.removeAttribute('aria-activedescendant'); else input.setAttribute('aria-activedescendant', items[i].id);
  }
  const open = on => { list.hidden = !on; input.setAttribute('aria-expanded', on); if (!on) pick(-1); };
  const go = li => { G.location.href = li.dataset.href; };
  input.addEventListener('focus', () => load('index.js').catch(() => {}));
  input.addEventListener('input', debounce(() => {
    const q = input.value, n = ++seq;
    if (!q.trim()) return open(false);
    query(q).then(r => docRows(r.hits.slice(0, 5)).then(() => {
      if (n !== seq) return;
      list.textContent = '';
      items = r.hits.slice(0, 5).map((d, i) => {
        const li = list.appendChild(el('li', 'site-search-item', docs[d][1], { id: 'site-search-' + i, role: 'option', 'data-href': href(root, docs[d][0]) }));
        li.append(t.meta(d));
        li.onmousedown = e => e.preventDefault();
        li.onclick = () => go(li);
        return li;
      });
      open(items.length > 0);
      Object.assign(form.dataset, { q, state: 'done' });
    })).catch(() => {});
  }, 120));
  input.addEventListener('keydown', e => {
    const k = e.key, n = items.length;
    if (/^Arrow(Down|Up)$/.test(k) && n) {
      e.preventDefault();
      open(true);
      pick(k === 'ArrowDown' ? (cur + 1) % n : (cur <= 0 ? n : cur) - 1);
    } else if (k === 'Enter' && cur >= 0) { e.preventDefault(); go(items[cur]); }
    else if (k === 'Escape' && !list.hidden) { e.preventDefault(); open(false); }
  });
  input.addEventListener('blur', () => open(false));
  /* From file://, the folder of the search page needs its index.html. */
  form.addEventListener('submit', e => {
    if (G.location.protocol !== 'file:') return;
    e.preventDefault();
    G.location.href = form.getAttribute('action') + 'index.html?q=' + encodeURIComponent(input.value);
  });
  return input;
}

function init() {
  const box = D.getElementById('search-app'), form = D.querySelector('form.site-search');
  base = ((box || form || {}).dataset || {}).root || '';
  /* The search page loads index.js itself. */
  if (box && D.querySelector('script[src$="search/index.js"]')) load('index.js', 0);
  const input = box ? app(box) : form && header(form);
  if (box && form) form.hidden = true;
  /* `/` goes to the search box, unless typing somewhere. */
  D.addEventListener('keydown', e => {
    const a = e.target;
    if (e.key === '/' && input && !e.ctrlKey && !e.metaKey && !e.altKey && !a.isContentEditable && !/^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName)) {
      e.preventDefault();
      input.focus();
    }
  });
}
Object.assign(cs, { query, parse, fold, words, entry, keep });
if (D) D.readyState === 'loading' ? D.addEventListener('DOMContentLoaded', init) : init();
if (typeof module === 'object') module.exports = cs;
})(typeof window === 'object' ? window : globalThis);

#!/usr/bin/env node
// Browser checks of the in-browser search (themes/default/static/search-*.js)
// on the built example site.
//
//   node tests/browser/search.mjs SITE_DIR
//
// Alone, it starts its own static server (127.0.0.1, ephemeral port) and its
// own Chromium; run.mjs calls `searchChecks` with its browser, server and
// `check`. One line per check, `ok - name` or `not ok - name: reason`, then
// `N passed, M failed`; exit status 1 when anything failed. Figures
// (latency, bytes, relevance misses) are printed as `# ` lines.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');

const ACTION_TIMEOUT_MS = 10_000;
const NAV_TIMEOUT_MS = 30_000;
const LATENCY_BUDGET_MS = 50;
const RELEVANCE_MIN = 0.9;

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/* The relevance cases: a list of `- query: "…"` / `expect: id` entries. */
export function parseRelevance(text) {
  const out = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '');
    const m = line.match(/^\s*(-\s+)?(query|expect):\s*(.*?)\s*$/);
    if (!m) continue;
    let value = m[3];
    if (/^".*"$/.test(value)) value = JSON.parse(value);
    else if (/^'.*'$/.test(value)) value = value.slice(1, -1).replace(/''/g, "'");
    if (m[1]) out.push({});
    if (out.length) out[out.length - 1][m[2]] = value;
  }
  return out.filter((e) => e.query && e.expect);
}

/* Site path ("/decisions/x/") of every version of every page id. */
function urlsById(siteDir) {
  const map = new Map();
  const add = (id, url) => {
    if (!map.has(id)) map.set(id, new Set());
    map.get(id).add(url);
  };
  const site = JSON.parse(fs.readFileSync(path.join(siteDir, 'site.json'), 'utf8'));
  for (const p of site.pages || []) add(p.id, p.url);
  const decisions = JSON.parse(fs.readFileSync(path.join(siteDir, 'decisions.json'), 'utf8'));
  for (const d of decisions) add(d.id, d.url);
  return map;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/* Waits until the search page has shown what it found for `q`. */
export async function waitForResults(page, q) {
  await page.waitForFunction(
    (q) => {
      const app = document.getElementById('search-app');
      return app && app.dataset.state === 'done' && app.dataset.q === q;
    },
    q,
    { timeout: ACTION_TIMEOUT_MS },
  );
}

/* Types `q` into the search page's box and waits for its results. */
export async function searchFor(page, q) {
  await page.fill('#search-q', q);
  await waitForResults(page, q);
}

export async function searchChecks({ browser, baseUrl, siteDir, check }) {
  siteDir = path.resolve(siteDir);
  const base = baseUrl.replace(/\/$/, '');
  const errors = [];
  const contexts = [];

  async function newPage(viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport, locale: 'fr-FR' });
    contexts.push(context);
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(`${page.url()}: console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !/\/favicon\.ico$/.test(r.url())) errors.push(`${page.url()}: ${r.url()}: HTTP ${r.status()}`);
    });
    return page;
  }
  async function closeAll() {
    while (contexts.length) await contexts.pop().close().catch(() => {});
  }

  /* Types a query into the search page and waits for its results. */
  const search = searchFor;
  const waitDone = waitForResults;
  /* The results listed: site path (from the resolved href) and title. */
  async function results(page) {
    const hits = await page.$$eval('.search-hit > a', (as) => as.map((a) => ({ href: a.href, title: a.textContent })));
    return hits.map((h) => ({ ...h, path: h.href.startsWith(base) ? h.href.slice(base.length) : h.href }));
  }
  async function openSearch(page, query = '') {
    await page.goto(`${base}/search/${query}`);
    await page.waitForSelector('#search-q');
  }
  const count = (page) => page.$eval('#search-app', (a) => Number(a.dataset.count));
  async function showAll(page) {
    for (let i = 0; i < 100; i++) {
      const more = await page.$('.search-main .more:not([hidden])');
      if (!more) return;
      const before = await page.$$eval('.search-hit', (l) => l.length);
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('.search-hit').length > n, before);
    }
  }

  const decisions = JSON.parse(fs.readFileSync(path.join(siteDir, 'decisions.json'), 'utf8'));
  const byId = urlsById(siteDir);

  try {
    await check('search: "taux horaire" gives the hourly rate in force first', async () => {
      const expected = decisions.find((d) => /taux horaire/i.test(d.title) && d.in_force);
      assert(expected, 'decisions.json has no decision in force titled "Taux horaire"');
      const page = await newPage();
      await openSearch(page);
      await search(page, 'taux horaire');
      const hits = await results(page);
      assert(hits.length > 0, 'no result');
      assert(hits[0].path === expected.url, `first result ${hits[0].path} (${hits[0].title}), expected ${expected.url}`);
      const badge = await page.$eval('.search-hit .badge', (b) => b.className);
      assert(/\badopted\b/.test(badge), `first result's badge is "${badge}"`);
      const marks = await page.$$eval('.search-hit:first-child mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
      assert(marks.length > 0, 'the first snippet highlights nothing');
    });

    await check('search: a mistyped word finds the word it stands for ("horiare" gives the hourly rate, highlighted, and says so)', async () => {
      const expected = decisions.find((d) => /taux horaire/i.test(d.title) && d.in_force);
      const page = await newPage();
      await openSearch(page);
      await search(page, 'horiare');
      const hits = await results(page);
      assert(hits.length > 0, 'no result for "horiare"');
      assert(hits.some((h) => h.path === expected.url), `${expected.url} is not among ${hits.map((h) => h.path).join(', ')}`);
      const marks = await page.$$eval('.search-hit mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
      assert(marks.some((m) => m.startsWith('horaire')), `no highlighted "horaire" among ${JSON.stringify(marks.slice(0, 10))}`);
      const notice = await page.$eval('.search-mistaken', (n) => n.textContent).catch(() => '');
      assert(/horiare/.test(notice) && /horaire/.test(notice), `the page does not say what it searched for "horiare": "${notice}"`);
    });

    await check('search: accents, case and plurals meet (embauches, embauché, EMBAUCHE; decision/décision)', async () => {
      const page = await newPage();
      await openSearch(page);
      const firsts = [];
      for (const q of ['embauches', 'embauché', 'EMBAUCHE']) {
        await search(page, q);
        const hits = await results(page);
        assert(hits.length > 0, `no result for ${q}`);
        firsts.push(`${q} -> ${hits[0].path}`);
      }
      assert(new Set(firsts.map((f) => f.split(' -> ')[1])).size === 1, `different first results: ${firsts.join(', ')}`);
      await search(page, 'decision');
      assert((await count(page)) > 0, 'no result for "decision"');
      const marks = await page.$$eval('.search-hit mark', (ms) => ms.map((m) => m.textContent));
      assert(marks.some((m) => /^décision/i.test(m)), `no highlighted "décision…" among ${JSON.stringify(marks.slice(0, 10))}`);
    });

    await check('search: a topic facet narrows the results to its count', async () => {
      const page = await newPage();
      await openSearch(page);
      await search(page, 'embauche');
      const total = await count(page);
      const facets = await page.$$eval('.facet-value[data-k=topic]', (bs) => bs.map((b) => ({ v: b.dataset.v, n: Number(b.querySelector('.n').textContent) })));
      assert(facets.length > 1, `only ${facets.length} topic facet(s)`);
      // The largest value below the total, so that the filter narrows.
      const pickFacet = facets.filter((f) => f.n < total).sort((a, b) => b.n - a.n)[0] || facets[0];
      await page.click(`.facet-value[data-k=topic][data-v="${pickFacet.v}"]`);
      await page.waitForFunction((v) => document.querySelector(`.facet-value[data-k=topic][data-v="${v}"]`)?.getAttribute('aria-pressed') === 'true' && document.getElementById('search-app').dataset.state === 'done', pickFacet.v);
      const shown = await count(page);
      assert(shown === pickFacet.n, `topic ${pickFacet.v} announced ${pickFacet.n}, the search counts ${shown}`);
      await showAll(page);
      const listed = (await results(page)).length;
      assert(listed === pickFacet.n, `topic ${pickFacet.v} announced ${pickFacet.n}, ${listed} listed (total before ${total})`);
      const status = await page.textContent('.search-count');
      assert(status.includes(String(pickFacet.n)), `the live count says "${status}"`);
      // In force only: every listed result is adopted.
      await page.check('.in-force input');
      await page.waitForFunction(() => document.querySelector('.in-force input')?.checked && document.getElementById('search-app').dataset.state === 'done');
      const badges = await page.$$eval('.search-hit', (ls) => ls.map((l) => l.querySelector('.badge')?.className || 'none'));
      assert(badges.every((b) => /adopted/.test(b)), `"in force only" lists ${JSON.stringify(badges)}`);
    });

    await check('search: the URL keeps the query and the facets (reload gives the same results)', async () => {
      const page = await newPage();
      await openSearch(page);
      await search(page, 'formation');
      const v = await page.$eval('.facet-value[data-k=type]', (b) => b.dataset.v);
      await page.click(`.facet-value[data-k=type][data-v="${v}"]`);
      await page.waitForFunction((v) => new URLSearchParams(location.search).get('type') === v, v);
      await page.waitForFunction(() => document.getElementById('search-app').dataset.state === 'done');
      const url = page.url();
      const params = new URL(url).searchParams;
      assert(params.get('q') === 'formation', `q=${params.get('q')} in ${url}`);
      const before = await results(page);
      await page.goto(url);
      await waitDone(page, 'formation');
      const value = await page.inputValue('#search-q');
      assert(value === 'formation', `the box holds "${value}"`);
      const pressed = await page.$eval(`.facet-value[data-k=type][data-v="${v}"]`, (b) => b.getAttribute('aria-pressed'));
      assert(pressed === 'true', `the type facet ${v} is not selected after reload`);
      const after = await results(page);
      assert(JSON.stringify(after.map((h) => h.path)) === JSON.stringify(before.map((h) => h.path)), 'different results after reload');
      // A link in the spec's form opens with that search.
      await page.goto(`${base}/search/?q=embauche&status=adopted`);
      await waitDone(page, 'embauche');
      assert((await page.$eval('.in-force input', (c) => c.checked)) === true, 'status=adopted does not check "in force only"');
    });

    await check('search: works from file://', async () => {
      const page = await newPage();
      await page.goto(`${pathToFileURL(path.join(siteDir, 'search', 'index.html')).href}?q=embauche`);
      await waitDone(page, 'embauche');
      const hits = await page.$$eval('.search-hit > a', (as) => as.map((a) => a.getAttribute('href')));
      assert(hits.length > 0, 'no result');
      assert(hits.every((h) => /index\.html$/.test(h)), `links without index.html: ${hits.filter((h) => !/index\.html$/.test(h)).slice(0, 3)}`);
      await page.click('.search-hit > a');
      await page.waitForLoadState();
      assert(/index\.html$/.test(page.url()) && !(await page.title()).startsWith('404'), `the first result opens ${page.url()}`);
      // The header box of any page, from disk: Enter goes to search/index.html?q=.
      await page.goto(pathToFileURL(path.join(siteDir, 'index.html')).href);
      await page.fill('#site-search-q', 'congé');
      await Promise.all([page.waitForURL(/\/search\/index\.html\?q=/), page.press('#site-search-q', 'Enter')]);
      await waitDone(page, 'congé');
      assert((await count(page)) > 0, 'no result on the search page opened from the header box');
    });

    await check('search: keyboard, "/" focuses the box, arrows move through the results, Enter opens one', async () => {
      const page = await newPage();
      await openSearch(page);
      await page.focus('body');
      await page.keyboard.press('/');
      assert(await page.$eval('#search-q', (i) => i === document.activeElement), '"/" does not focus the search box');
      await page.keyboard.type('taux horaire');
      await waitDone(page, 'taux horaire');
      const hits = await results(page);
      assert(hits.length > 2, `${hits.length} results`);
      const focused = () => page.evaluate(() => (document.activeElement.id === 'search-q' ? 'input' : document.activeElement.href));
      await page.keyboard.press('ArrowDown');
      assert((await focused()) === hits[0].href, `ArrowDown from the box focuses ${await focused()}`);
      await page.keyboard.press('ArrowDown');
      assert((await focused()) === hits[1].href, `a second ArrowDown focuses ${await focused()}`);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert((await focused()) === 'input', `ArrowUp from the first result focuses ${await focused()}`);
      await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL(hits[0].href), page.keyboard.press('Enter')]);
    });

    await check('search: no result with filters offers to remove them', async () => {
      const page = await newPage();
      await openSearch(page, '?q=embauche&year=1999');
      await waitDone(page, 'embauche');
      assert((await count(page)) === 0, 'results for year 1999');
      const text = await page.textContent('.search-count');
      assert(/filtre/i.test(text), `the count says "${text}"`);
      await page.click('.search-count button.clear');
      await page.waitForFunction(() => !new URLSearchParams(location.search).has('year') && document.getElementById('search-app').dataset.state === 'done');
      assert((await count(page)) > 0, 'still no result without the filters');
    });

    await check('search: the English search page speaks English', async () => {
      const page = await newPage();
      await page.goto(`${base}/en/search/?q=hiring`);
      await waitDone(page, 'hiring');
      const status = await page.textContent('.search-count');
      assert(/\d+ results?$/.test(status.trim()), `the count says "${status}"`);
      const legends = await page.$$eval('.search-facets legend', (ls) => ls.map((l) => l.textContent));
      assert(legends.includes('Topic') && legends.includes('Type'), `legends ${legends}`);
      const label = await page.textContent('label[for=search-q]');
      assert(label === 'Search', `the box is labelled "${label}"`);
    });

    await check('search: the header box suggests results; arrows + Enter open one, Escape closes', async () => {
      const page = await newPage();
      await page.goto(`${base}/`);
      const loadedBefore = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /\/search\//.test(n)));
      assert(loadedBefore.length === 0, `search files loaded before any focus: ${loadedBefore}`);
      await page.keyboard.press('/');
      assert(await page.$eval('#site-search-q', (i) => i === document.activeElement), '"/" does not focus the header box');
      await page.keyboard.type('embauche', { delay: 20 });
      await page.waitForFunction(() => document.querySelector('form.site-search').dataset.q === 'embauche');
      await page.waitForSelector('#site-search-list:not([hidden]) [role=option]');
      const options = await page.$$eval('#site-search-list [role=option]', (os) => os.map((o) => o.dataset.href));
      assert(options.length > 0 && options.length <= 5, `${options.length} suggestions`);
      assert((await page.getAttribute('#site-search-q', 'aria-expanded')) === 'true', 'aria-expanded is not true');
      await page.keyboard.press('Escape');
      assert(await page.$eval('#site-search-list', (l) => l.hidden), 'Escape does not close the list');
      await page.keyboard.press('ArrowDown');
      const active = await page.getAttribute('#site-search-q', 'aria-activedescendant');
      assert(active === 'site-search-0', `aria-activedescendant is ${active}`);
      const target = new URL(options[0], `${base}/`).href;
      await Promise.all([page.waitForURL(target), page.keyboard.press('Enter')]);
      // Submitting goes to the search page with ?q=.
      await page.fill('#site-search-q', 'congé parental');
      await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('#site-search-q', 'Enter')]);
      await waitDone(page, 'congé parental');
      assert((await count(page)) > 0, 'the search page found nothing');
    });

    await check('search: page and header box fit a 390px screen', async () => {
      const page = await newPage({ width: 390, height: 844 });
      await openSearch(page, '?q=embauche');
      await waitDone(page, 'embauche');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 390, `the search page is ${width}px wide`);
      await page.goto(`${base}/`);
      await page.fill('#site-search-q', 'embauche');
      await page.waitForSelector('#site-search-list:not([hidden]) [role=option]');
      const box = await page.$eval('#site-search-list', (l) => { const r = l.getBoundingClientRect(); return [r.left, r.right]; });
      assert(box[0] >= 0 && box[1] <= 390, `the suggestions span ${box}`);
    });

    await check('search: no accessibility violation on the search page with results, nor with the header suggestions open (axe)', async () => {
      let axe;
      try {
        axe = require('axe-core');
      } catch {
        console.log('# axe-core not installed: skipped');
        return;
      }
      const page = await newPage();
      await openSearch(page, '?q=embauche');
      await waitDone(page, 'embauche');
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes.length} node(s) ${v.nodes[0]?.target}`));
      assert(violations.length === 0, violations.join('\n'));
      await page.goto(`${base}/`);
      await page.fill('#site-search-q', 'embauche');
      await page.waitForSelector('#site-search-list:not([hidden]) [role=option]');
      await page.keyboard.press('ArrowDown');
      await page.addScriptTag({ content: axe.source });
      const open = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes.length} node(s) ${v.nodes[0]?.target}`));
      assert(open.length === 0, `home page with the suggestions open:\n${open.join('\n')}`);
    });

    await check(`search: relevance, the expected page in the top 3 for >= ${RELEVANCE_MIN * 100}% of tests/relevance.yaml`, async () => {
      const cases = parseRelevance(fs.readFileSync(path.join(REPO, 'tests', 'relevance.yaml'), 'utf8'));
      assert(cases.length > 0, 'tests/relevance.yaml has no case');
      const page = await newPage();
      await openSearch(page);
      let hits = 0;
      const misses = [];
      for (const c of cases) {
        const urls = byId.get(c.expect);
        if (!urls) {
          misses.push(`"${c.query}": unknown page id ${c.expect}`);
          continue;
        }
        await search(page, c.query);
        const top = (await results(page)).slice(0, 3);
        if (top.some((h) => urls.has(h.path))) hits++;
        else misses.push(`"${c.query}" expected ${c.expect}, got: ${top.map((h) => h.path).join(' | ') || 'nothing'}`);
      }
      console.log(`# relevance: ${hits}/${cases.length} in the top 3`);
      for (const m of misses) console.log(`#   miss: ${m}`);
      assert(hits >= Math.ceil(cases.length * RELEVANCE_MIN), `${hits}/${cases.length} below ${RELEVANCE_MIN * 100}%`);
    });

    await check(`search: warm keystroke-to-results median < ${LATENCY_BUDGET_MS} ms`, async () => {
      // One input event (as a paste, or a key after a pause: the debounce
      // runs at once then) to the results listed, measured in the page. The
      // new word's term shard is not loaded yet; everything else is. On a
      // shared machine a round may suffer from other processes: up to 3
      // rounds, each on a fresh page, the first under the budget counts.
      const words = ['formation', 'budget', 'congé', 'réunion', 'serveur', 'membre', 'cotisation', 'télétravail', 'assemblée', 'sauvegardes'];
      const measure = (page, w) =>
        page.evaluate(
          (w) =>
            new Promise((resolve, reject) => {
              const input = document.getElementById('search-q');
              const app = document.getElementById('search-app');
              let t0 = 0;
              let t1 = 0;
              input.addEventListener('input', () => (t0 = performance.now()), { once: true, capture: true });
              app.addEventListener('cahier:results', () => (t1 = performance.now()), { once: true });
              app.addEventListener('cahier:done', () => resolve([t1 - t0, performance.now() - t0]), { once: true });
              setTimeout(() => reject(new Error(`no results for ${w}`)), 5000);
              input.value = w;
              input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: w }));
            }),
          w,
        );
      const fmt = (xs) => xs.map((t) => t.toFixed(1)).join(', ');
      let best = Infinity;
      for (let round = 1; round <= 3 && best >= LATENCY_BUDGET_MS; round++) {
        const page = await newPage();
        await openSearch(page);
        await search(page, 'embauche');
        const times = [];
        const full = [];
        for (const w of words) {
          await page.waitForTimeout(600); // a pause: past the debounce's (500 ms), so the key is searched at once
          const [ms, all] = await measure(page, w);
          times.push(ms);
          full.push(all);
        }
        // The same words again: their shards are loaded, this is the script's own time.
        const again = [];
        for (const w of words.slice(0, 5)) {
          await page.waitForTimeout(200);
          again.push((await measure(page, w))[0]);
        }
        const m = median(times);
        best = Math.min(best, m);
        const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
        console.log(`# round ${round} (load average ${load}, ${os.cpus().length} CPUs):`);
        console.log(`#   keystroke-to-results, warm, new word: median ${m.toFixed(1)} ms (${fmt(times)})`);
        console.log(`#   keystroke-to-snippets (the 10 snippets filled in): median ${median(full).toFixed(1)} ms (${fmt(full)})`);
        console.log(`#   keystroke-to-results, word already searched: median ${median(again).toFixed(1)} ms (${fmt(again)})`);
        await page.context().close();
      }
      assert(best < LATENCY_BUDGET_MS, `best median ${best.toFixed(1)} ms`);
    });

    await check('search: a query loads the facets its ranking, results and filters use; a folded filter panel loads the others as it opens', async () => {
      const page = await newPage({ width: 390, height: 844 });
      const facetFiles = () =>
        page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((r) => new URL(r.name).pathname)
            .filter((p) => p.startsWith('/search/facets/'))
            .map((p) => p.slice('/search/facets/'.length))
            .sort()
            .join(' '),
        );
      // "sauvegardes" names no topic: the ranking needs the statuses alone.
      await openSearch(page, '?q=sauvegardes');
      await waitDone(page, 'sauvegardes');
      assert((await count(page)) > 0, 'no result for "sauvegardes"');
      assert((await facetFiles()) === 'status.js type.js', `a cold query loads the facets ${await facetFiles()}`);
      assert(await page.$eval('.search-facets', (d) => !d.open && !d.hidden), 'the filter panel is not folded on a narrow screen');
      await page.click('.search-facets > summary');
      await page.waitForSelector('.facet-value[data-k=topic]');
      assert((await facetFiles()) === 'by.js lang.js status.js topic.js type.js year.js', `the open panel loads the facets ${await facetFiles()}`);
      // A filter in the URL loads its own facet.
      await openSearch(page, '?q=sauvegardes&year=2018');
      await waitDone(page, 'sauvegardes');
      assert((await facetFiles()) === 'status.js type.js year.js', `a year filter loads the facets ${await facetFiles()}`);
      const dates = await page.$$eval('.search-hit time', (ts) => ts.map((t) => t.getAttribute('datetime')));
      assert(dates.length > 0 && dates.every((d) => d.startsWith('2018')), `the year filter lists ${dates}`);
    });

    await check('search: bytes of the bootstrap and of a cold one-word query', async () => {
      const page = await newPage();
      const log = [];
      page.on('response', (r) => log.push(r));
      await openSearch(page);
      await page.waitForLoadState('networkidle');
      const bootCount = log.length;
      await search(page, 'embauche');
      assert((await count(page)) >= 10, 'fewer than 10 results for "embauche"');
      await page.waitForLoadState('networkidle');
      const sizes = async (list) => {
        let raw = 0;
        let gz = 0;
        const files = [];
        for (const r of list) {
          const body = await r.body().catch(() => Buffer.alloc(0));
          raw += body.length;
          gz += zlib.gzipSync(body, { level: 9 }).length;
          files.push(new URL(r.url()).pathname);
        }
        return { raw, gz, n: list.length, files };
      };
      const boot = await sizes(log.slice(0, bootCount));
      const all = await sizes(log);
      const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
      const js = await sizes(log.slice(0, bootCount).filter((r) => /\.js$/.test(r.url())));
      console.log(`# bootstrap of /search/ (before the first keystroke): ${boot.n} requests, ${kb(boot.raw)} raw, ${kb(boot.gz)} gzip (${boot.files.join(', ')}); scripts ${kb(js.raw)} raw, ${kb(js.gz)} gzip`);
      console.log(`# cold one-word query with 10 results, from page load to results: ${all.n} requests, ${kb(all.raw)} raw, ${kb(all.gz)} gzip`);
      for (const script of fs.readdirSync(siteDir).filter((f) => /^search-\w+\.js$/.test(f)).sort()) {
        const bytes = fs.readFileSync(path.join(siteDir, script));
        console.log(`# ${script}: ${bytes.length} bytes raw, ${zlib.gzipSync(bytes, { level: 9 }).length} gzip`);
      }
      assert(boot.files.every((f) => /^\/(search\/|style\.css|search-(load|query|view|page)\.js|search\/index\.js)$/.test(f)), `the bootstrap loads ${boot.files.join(', ')}`);
    });

    await check('search: no script error on the pages visited', async () => {
      assert(errors.length === 0, [...new Set(errors)].slice(0, 10).join('\n'));
    });
  } finally {
    await closeAll();
  }
}

// ---------------------------------------------------------------------------
// Alone: own server, own browser.

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg' };

/* Headless Chromium as every browser suite here starts it (CHROMIUM
   overrides the path). */
export function launchChromium(chromium) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
}

export function startServer(root) {
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, pathname);
    if (file !== root && !file.startsWith(root + path.sep)) return res.writeHead(403).end();
    try {
      if (fs.statSync(file).isDirectory()) {
        if (!pathname.endsWith('/')) return res.writeHead(301, { location: pathname + '/' + new URL(req.url, 'http://x').search }).end();
        file = path.join(file, 'index.html');
      }
      const body = fs.readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function main() {
  const siteDir = process.argv[2];
  if (!siteDir || !fs.existsSync(path.join(siteDir, 'search', 'index.js'))) {
    console.error('usage: node tests/browser/search.mjs SITE_DIR (a site built by `cahier build --out SITE_DIR`)');
    process.exit(2);
  }
  const { chromium } = require('playwright-core');
  let passed = 0;
  let failed = 0;
  const check = async (name, fn, ms = 180_000) => {
    let timer;
    try {
      await Promise.race([Promise.resolve().then(fn), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms)))]);
      passed++;
      console.log(`ok - ${name}`);
    } catch (err) {
      failed++;
      const [first, ...rest] = String(err && err.message ? err.message : err).split('\n');
      console.log(`not ok - ${name}: ${first}`);
      for (const line of rest) console.log(`#   ${line}`);
    } finally {
      clearTimeout(timer);
    }
  };
  const server = await startServer(path.resolve(siteDir));
  const browser = await launchChromium(chromium);
  try {
    await searchChecks({ browser, baseUrl: `http://127.0.0.1:${server.address().port}`, siteDir, check });
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

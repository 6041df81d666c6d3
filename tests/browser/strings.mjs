#!/usr/bin/env node
// The search in the browser speaks as the pages around it, on
// tests/sites/search-strings/: a site in German, a language the built-in
// i18n.yaml lacks, and in French, whose theme overrides two strings.
//
//   node tests/browser/strings.mjs SITE_DIR
//
// One line per check, `ok - name` or `not ok - name: reason`, then
// `N passed, M failed`; exit status 1 when anything failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchChromium, startServer } from './search.mjs';

const require = createRequire(import.meta.url);
const ACTION_TIMEOUT_MS = 10_000;

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
const same = (what, got, expected) => assert(got === expected, `${what}: "${got}", expected "${expected}"`);

async function main() {
  const siteDir = process.argv[2];
  if (!siteDir || !fs.existsSync(path.join(siteDir, 'search', 'index.js'))) {
    console.error('usage: node tests/browser/strings.mjs SITE_DIR (tests/sites/search-strings built by `cahier build --out SITE_DIR`)');
    process.exit(2);
  }
  const { chromium } = require('playwright-core');
  const server = await startServer(path.resolve(siteDir));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium(chromium);
  const errors = [];
  let passed = 0;
  let failed = 0;
  const check = async (name, fn) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    try {
      await fn(page);
      passed++;
      console.log(`ok - ${name}`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${name}: ${String(err && err.message ? err.message : err).split('\n').join(' | ')}`);
    } finally {
      await context.close().catch(() => {});
    }
  };
  /* The search page with a query, its results listed. */
  async function openSearch(page, url, q) {
    await page.goto(`${base}${url}?q=${encodeURIComponent(q)}`);
    await page.waitForFunction((q) => {
      const app = document.getElementById('search-app');
      return app && app.dataset.state === 'done' && app.dataset.q === q;
    }, q);
  }
  const text = (page, selector) => page.$eval(selector, (e) => e.textContent.trim());

  try {
    await check('strings: a German page (German missing from i18n.yaml) shows its search in English, as its own text', async (page) => {
      await openSearch(page, '/search/', 'arbeitszeit');
      const heading = await text(page, 'h1');
      same('the heading, from the template', heading, 'Search');
      same('the label of the box, from the search', await text(page, 'label[for=search-q]'), heading);
      const count = await text(page, '.search-count');
      assert(/^\d+ results?$/.test(count), `the count says "${count}"`);
      same('the type of the decision', await text(page, '.search-hit .hit-type'), 'Decision');
      same('its status', await text(page, '.search-hit .badge'), 'In force');
      same('the toggle', await text(page, '.search-facets .in-force'), 'In force only');
      const legends = await page.$$eval('.search-facets legend', (ls) => ls.map((l) => l.textContent));
      assert(legends.includes('Topic') && legends.includes('Type'), `the facets are ${legends}`);
      const topic = await text(page, '.facet-value[data-k=topic]');
      assert(topic.startsWith('Arbeit'), `the topic facet reads "${topic}" (its German label expected)`);
    });

    await check('strings: the header box of a German page describes its suggestions in English, as its menu', async (page) => {
      await page.goto(`${base}/`);
      same('the menu', await text(page, '.site-nav a[href$="decisions/"]'), 'Decisions');
      await page.fill('#site-search-q', 'arbeitszeit');
      await page.waitForSelector('#site-search-list:not([hidden]) [role=option]');
      same('the list of suggestions', await page.getAttribute('#site-search-list', 'aria-label'), 'Suggestions');
      same('the type of the suggestion', await text(page, '#site-search-list .hit-type'), 'Decision');
      same('its status', await text(page, '#site-search-list .badge'), 'In force');
    });

    await check("strings: the theme's i18n.yaml reaches the French search page and header box", async (page) => {
      await openSearch(page, '/fr/search/', 'travail');
      same('the heading, from the template', await text(page, 'h1'), 'Chercher');
      same('the label of the box, from the search', await text(page, 'label[for=search-q]'), 'Chercher');
      const summary = await text(page, '.search-facets > summary');
      same('the facets, overridden by the theme', summary, 'Filtrer les résultats');
      const count = await text(page, '.search-count');
      assert(/^\d+ résultats?$/.test(count), `the count says "${count}" (built-in French expected)`);
      same('the type of the decision', await text(page, '.search-hit .hit-type'), 'Décision');
      await page.goto(`${base}/fr/`);
      same('the label of the header box', await page.$eval('label[for=site-search-q]', (l) => l.textContent), 'Chercher');
      await page.fill('#site-search-q', 'travail');
      await page.waitForSelector('#site-search-list:not([hidden]) [role=option]');
      same('the type of the suggestion', await text(page, '#site-search-list .hit-type'), 'Décision');
    });

    await check('strings: no script error on the pages visited', async () => {
      assert(errors.length === 0, [...new Set(errors)].slice(0, 10).join('\n'));
    });
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

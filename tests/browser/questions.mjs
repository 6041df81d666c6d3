#!/usr/bin/env node
// The browser's search ranks as `cahier search` does on a question whose
// answer lacks some of its words (tests/sites/questions; the terminal's
// side is `a_question_finds_the_page_that_lacks_some_of_its_words` in
// tests/search.rs).
//
//   node tests/browser/questions.mjs SITE_DIR
//
// One line per check, `ok - name` or `not ok - name: reason`, then
// `N passed, M failed`; exit status 1 when anything failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchChromium, startServer } from './search.mjs';

const require = createRequire(import.meta.url);

async function main() {
  const siteDir = process.argv[2];
  if (!siteDir || !fs.existsSync(path.join(siteDir, 'search', 'index.js'))) {
    console.error('usage: node tests/browser/questions.mjs SITE_DIR (tests/sites/questions built by `cahier build --out SITE_DIR`)');
    process.exit(2);
  }
  const { chromium } = require('playwright-core');
  const server = await startServer(path.resolve(siteDir));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium(chromium);
  let passed = 0;
  let failed = 0;
  const check = async (name, fn) => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    try {
      await fn(page);
      passed++;
      console.log(`ok - ${name}`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${name}: ${String(err && err.message ? err.message : err).split('\n').join(' | ')}`);
    }
  };
  const titles = async (page, q) => {
    await page.goto(`${base}/search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction((q) => {
      const app = document.getElementById('search-app');
      return app && app.dataset.state === 'done' && app.dataset.q === q;
    }, q);
    return page.$$eval('.search-hit a', (links) => links.map((a) => a.textContent.trim()));
  };
  try {
    await check('questions: the answer lacking `cooperative` and `still` comes first, the page with every word is listed', async (page) => {
      const found = await titles(page, 'does the cooperative still pay a single hourly rate');
      if (found[0] !== 'Single hourly rate') throw new Error(`first results: ${found.slice(0, 3).join(' | ')}`);
      if (!found.includes('News of the year')) throw new Error(`results: ${found.join(' | ')}`);
    });
    await check('questions: a word naming a topic (an alias in site.yaml) finds the page filed under it', async (page) => {
      const found = await titles(page, 'recruitment');
      if (found.join('|') !== 'Open positions') throw new Error(`results: ${found.join(' | ')}`);
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

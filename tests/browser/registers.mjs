#!/usr/bin/env node
// The browser's search on a real register: the 80 questions of
// tests/registers/peps.yaml against the PEPs site (tests/registers/), as
// tests/registers.rs asks them of `cahier search`. Prints the score by kind
// and, given the terminal's answers, every question the two searches
// answer differently.
//
//   node tests/browser/registers.mjs SITE_DIR QUESTIONS_YAML [TERMINAL_JSON] [MIN_TOTAL] [MIN_KIND] [DEEP_WORD]
//
// TERMINAL_JSON maps each query to the terminal's top 3 ids; the questions
// the two answer differently are listed, and fail the run: the two rank
// with one rule (tantivy's BM25 and the static index's differ in their
// details, but not so as to change a top 3 of these sets). Exit
// status 1 when the browser finds fewer than MIN_TOTAL (default 0) expected
// pages in its top 3, or fewer than MIN_KIND in a kind. DEEP_WORD, a word
// of one page only, far into a long page, is searched alone: its snippet
// must come from the later file of sentences that holds it (f/N-K.js),
// loaded alone.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchChromium, startServer } from './search.mjs';

const require = createRequire(import.meta.url);

function parseQuestions(text) {
  const out = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^- \{ kind: (\w+), query: "((?:[^"\\]|\\.)*)", expect: (\S+) \}/);
    if (m) out.push({ kind: m[1], query: m[2].replace(/\\"/g, '"').replace(/\\\\/g, '\\'), expect: m[3] });
  }
  return out;
}

async function main() {
  const [siteDir, questionsFile, terminalFile, minTotal = '0', minKind = '0', deepWord] = process.argv.slice(2);
  if (!siteDir || !questionsFile || !fs.existsSync(path.join(siteDir, 'search', 'index.js'))) {
    console.error('usage: node tests/browser/registers.mjs SITE_DIR QUESTIONS_YAML [TERMINAL_JSON] [MIN_TOTAL] [MIN_KIND]');
    process.exit(2);
  }
  const questions = parseQuestions(fs.readFileSync(questionsFile, 'utf8'));
  const terminal = terminalFile ? JSON.parse(fs.readFileSync(terminalFile, 'utf8')) : null;
  const { chromium } = require('playwright-core');
  const server = await startServer(path.resolve(siteDir));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium(chromium);
  const byKind = {};
  const misses = [];
  const disagreements = [];
  // First results whose snippet highlights a word of the question: a
  // snippet from a long page's later file of sentences (f/N-K.js) that
  // failed to load would show the page's summary instead.
  let marked = 0;
  try {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/search/`);
    await page.waitForSelector('#search-q');
    for (const q of questions) {
      await page.fill('#search-q', q.query);
      await page.waitForFunction(
        (text) => {
          const app = document.getElementById('search-app');
          return app && app.dataset.state === 'done' && app.dataset.q === text;
        },
        q.query,
      );
      const top = await page.$$eval('.search-hit > a', (as) => as.slice(0, 3).map((a) => new URL(a.href).pathname.replace(/^\/|\/$/g, '')));
      if (await page.$eval('.search-hit .snippet', (p) => Boolean(p.querySelector('mark')))) marked++;
      const found = top.includes(q.expect);
      const kind = (byKind[q.kind] ||= { found: 0, of: 0 });
      kind.of++;
      if (found) kind.found++;
      else misses.push(`${q.kind} "${q.query}": expected ${q.expect}, got ${top.join(' | ')}`);
      if (terminal && terminal[q.query] && terminal[q.query].includes(q.expect) !== found) {
        disagreements.push(`${q.kind} "${q.query}": terminal ${terminal[q.query].join(' | ')}; browser ${top.join(' | ')}`);
      }
    }
    if (deepWord) {
      const loaded = [];
      page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
      await page.fill('#search-q', deepWord);
      await page.waitForFunction((text) => document.getElementById('search-app').dataset.state === 'done' && document.getElementById('search-app').dataset.q === text, deepWord);
      const marks = await page.$eval('.search-hit .snippet', (p) => [...p.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase()));
      const sentenceFiles = loaded.filter((p) => p.includes('/search/f/'));
      console.log(`# deep word "${deepWord}": snippet marks ${JSON.stringify(marks)}, sentence files ${sentenceFiles.join(' ')}`);
      if (!marks.length || !sentenceFiles.some((p) => /-\d+\.js$/.test(p)) || sentenceFiles.length !== 1) {
        console.log('not ok - registers: the snippet of a word far into a long page does not come from its own file of sentences alone');
        process.exit(1);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const total = Object.values(byKind).reduce((n, k) => n + k.found, 0);
  console.log(`# browser: ${total}/${questions.length} in the top 3 (${Object.entries(byKind).map(([k, v]) => `${k} ${v.found}/${v.of}`).join(', ')})`);
  console.log(`# snippets: the first result's highlights a word of the question for ${marked}/${questions.length}`);
  for (const m of misses) console.log(`#   miss: ${m}`);
  for (const d of disagreements) console.log(`#   terminal and browser differ: ${d}`);
  const low = Object.entries(byKind).filter(([, v]) => v.found < Number(minKind));
  if (disagreements.length) {
    console.log(`not ok - registers: the terminal and the browser answer ${disagreements.length} question(s) differently (one ranking, two implementations)`);
    process.exit(1);
  }
  if (marked < questions.length * 0.9) {
    console.log(`not ok - registers: ${marked}/${questions.length} first results highlight a word of their question (min 90 %)`);
    process.exit(1);
  }
  if (total < Number(minTotal) || low.length) {
    console.log(`not ok - registers: ${total} (min ${minTotal}); kinds below ${minKind}: ${low.map(([k]) => k).join(', ') || 'none'}`);
    process.exit(1);
  }
  console.log('ok - registers');
}

main().catch((err) => {
  console.log(`not ok - registers: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});

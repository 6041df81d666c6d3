#!/usr/bin/env node
// `cahier serve` as a person editing sees it in Chromium: the page reloads
// after an edit, the error overlay comes after a bad edit and goes after the
// fix, and a stylesheet change is swapped in without a reload.
//
//   node tests/browser/serve.mjs PORT SITE_DIR
//
// SITE_DIR is the site `cahier serve` serves on 127.0.0.1:PORT, with a page
// content/a.md. One line per check, `ok - name` or `not ok - name: reason`,
// then `N passed, M failed`; exit status 1 when anything failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchChromium } from './search.mjs';

const require = createRequire(import.meta.url);
const WAIT_MS = 20_000;

async function main() {
  const [port, siteDir] = process.argv.slice(2);
  if (!port || !siteDir || !fs.existsSync(path.join(siteDir, 'content', 'a.md'))) {
    console.error('usage: node tests/browser/serve.mjs PORT SITE_DIR (served by `cahier serve`, with content/a.md)');
    process.exit(2);
  }
  const { chromium } = require('playwright-core');
  const browser = await launchChromium(chromium);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(WAIT_MS);
  const page_a = path.join(siteDir, 'content', 'a.md');
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  let passed = 0;
  let failed = 0;
  const check = async (name, fn) => {
    try {
      await fn();
      passed++;
      console.log(`ok - ${name}`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${name}: ${String(err && err.message ? err.message : err).split('\n').join(' | ')}`);
    }
  };
  const h1 = () => page.locator('h1').first().innerText();

  await check('the page is served', async () => {
    await page.goto(`http://127.0.0.1:${port}/a/`);
    if ((await h1()) !== 'Page A') throw new Error(`h1 is ${await h1()}`);
  });
  await check('an edit reloads the page', async () => {
    await page.evaluate(() => { window.beforeEdit = true; });
    write(page_a, '---\ntitle: Page A, relue\n---\nBonjour.\n');
    await page.waitForFunction(() => document.querySelector('h1')?.innerText === 'Page A, relue' && !window.beforeEdit);
  });
  await check('a bad edit shows the errors over the last good page', async () => {
    write(page_a, '---\ntitle: Page cassée\ntopics: [inconnu]\n---\nBonjour.\n');
    await page.locator('#cahier-errors').waitFor({ state: 'visible' });
    const text = await page.locator('#cahier-errors').innerText();
    if (!text.includes('unknown-topic') || !text.includes('content/a.md:3')) throw new Error(`overlay says: ${text}`);
    // The overlay is read like any page: no serious or critical axe
    // finding, light and dark, wide and narrow.
    const axe = require('axe-core');
    await page.addScriptTag({ content: axe.source });
    const bad = [];
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [1280, 390]) {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 844 });
        const found = await page.evaluate(async () =>
          (await window.axe.run(document, { resultTypes: ['violations'] })).violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes[0]?.target}`),
        );
        bad.push(...found.map((f) => `${colorScheme} ${width}px: ${f}`));
      }
    }
    if (bad.length) throw new Error(`axe on the error overlay: ${bad.join('; ')}`);
    if ((await h1()) !== 'Page A, relue') throw new Error('the last good page is not shown');
  });
  await check('the fix takes the errors away', async () => {
    write(page_a, '---\ntitle: Page réparée\n---\nBonjour.\n');
    await page.waitForFunction(() => document.querySelector('h1')?.innerText === 'Page réparée');
    if (await page.locator('#cahier-errors').count()) throw new Error('the overlay is still there');
  });
  await check('a stylesheet change is swapped in without a reload', async () => {
    await page.evaluate(() => { window.beforeStyle = true; });
    write(path.join(siteDir, 'themes', 'default', 'static', 'style.css'), 'body { color: rgb(18, 52, 86); }\n');
    await page.waitForFunction(() => getComputedStyle(document.body).color === 'rgb(18, 52, 86)');
    if (!(await page.evaluate(() => window.beforeStyle === true))) throw new Error('the page reloaded');
  });

  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

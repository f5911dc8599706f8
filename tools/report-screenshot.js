#!/usr/bin/env node
'use strict';
// `npx projen docs:screenshot`: opens an HTML report in headless Chromium (Debian's chromium, or
// CHROMIUM_PATH; never downloaded), clicks its first edge so the explanation shows, and saves a PNG.
//   node tools/report-screenshot.js <report.html> <out.png>
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

async function main([report, out]) {
  if (!report || !out) throw new Error('usage: node tools/report-screenshot.js <report.html> <out.png>');
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
    .find((p) => p && fs.existsSync(p));
  if (!executablePath) throw new Error('no Chromium found: apt-get install -y chromium, or set CHROMIUM_PATH');
  const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(`file://${path.resolve(report)}`, { waitUntil: 'load' });
    // Show what a click gives: the explanation of the edge with the most specific label.
    await page.evaluate(() => {
      const edges = [...document.querySelectorAll('#graph svg g.edge')];
      const edge = edges.find((e) => /TCP \d+$/.test(e.textContent.trim())) || edges[0];
      if (edge) edge.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e.message);
  process.exitCode = 1;
});

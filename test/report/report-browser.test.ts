import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'puppeteer-core';
import { findBrowser, NO_BROWSER_NOTICE } from './browser';
import { SHOP_EXTERNALS, shopAnalysis, shopApp } from './shop-app';
import { Reachability } from '../../src/analysis/reachability';
import { buildGraph } from '../../src/report/connectivity-graph';
import { analysisSource, diffSource } from '../../src/report/graph-source';
import { analysisGraph, diffGraph } from '../../src/report/render-graph';
import { runCliInProcess } from '../cli/run-cli-in-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const puppeteer = require('puppeteer-core');

const FIXTURES = path.join(__dirname, '..', 'analysis', 'fixtures');
const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-reports');
const MERMAID_JS = require.resolve('mermaid/dist/mermaid.min.js');
const browserPath = findBrowser();

if (!browserPath) {
  if (process.env.CI === 'true') {
    test('a browser is installed for the report tests (.ci/run installs Debian\'s chromium)', () => {
      throw new Error(NO_BROWSER_NOTICE);
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(NO_BROWSER_NOTICE);
  }
}

/** What a page did while it was open: console errors, uncaught errors, and every request it made. */
interface PageLog {
  readonly errors: string[];
  readonly requests: string[];
}

async function openPage(browser: Browser, url: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage();
  const log: PageLog = { errors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    log.requests.push(request.url());
    // The report itself is the only thing to load: anything else is refused (and fails the test).
    if (request.url() === url) void request.continue();
    else void request.abort();
  });
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(url, { waitUntil: 'load' });
  return { page, log };
}

(browserPath ? describe : describe.skip)('the HTML report in a real browser', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-report-'));

  beforeAll(async () => {
    browser = await puppeteer.launch({
      executablePath: browserPath,
      headless: true,
      // Root in CI containers: Chromium's sandbox needs user namespaces it may not have.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe('the shop', () => {
    const app = shopApp();
    app.synth();
    const file = path.join(dir, 'shop.html');
    const url = `file://${file}`;
    const run = runCliInProcess(['report', app.outdir, '--cni', 'flannel', ...SHOP_EXTERNALS.flatMap((e) => ['--external', e]), '-o', file]);
    // As the command read it (file order), so that node ids match.
    const r = Reachability.fromFiles([app.outdir], { externals: SHOP_EXTERNALS });
    const graph = buildGraph(analysisSource(r._engine));
    /** Clicks an element as a user would, by its centre; for SVG labels that other edges cross, by dispatching the click to it. */
    const click = (page: Page, selector: string): Promise<void> => page.$eval(selector, (el) => { el.dispatchEvent(new (globalThis as any).MouseEvent('click', { bubbles: true })); });
    /** The matrix cell of a source and destination namespace, by the header's order. */
    const cell = async (page: Page, from: string, to: string): Promise<string> => {
      const head = await page.$$eval('#matrix thead th', (els) => els.slice(1).map((e) => e.textContent));
      return `#m-${head.indexOf(from)}-${head.indexOf(to)}`;
    };

    test('is written (exit 0)', () => {
      expect(run.stderr).toContain(`wrote ${file}`);
      expect(run.code).toBe(0);
    });

    test('renders without console errors and without any network request; the graph has one node per class', async () => {
      const { page, log } = await openPage(browser, url);
      expect(log.errors).toEqual([]);
      expect(log.requests).toEqual([url]);
      const nodes = await page.$$eval('#graph svg g.node', (els) => els.map((e) => e.id));
      expect(nodes).toHaveLength(r.endpointClassCount);
      expect(nodes.sort()).toEqual(graph.nodes.map((n) => `g_${n.id}`).sort());
      const edges = await page.$$eval('#graph svg g.edge', (els) => els.length);
      expect(edges).toBe(graph.edges.length);
      const matrixHead = await page.$$eval('#matrix thead th', (els) => els.map((e) => e.textContent));
      expect(matrixHead.sort()).toEqual(['from \\ to', 'shop', 'kube-system', 'frontend', 'other', '198.51.100.10', '203.0.113.10'].sort());
      const findings = await page.$$eval('#findings tbody tr', (els) => els.map((e) => e.textContent));
      expect(findings.length).toBeGreaterThan(0);
      expect(await page.$eval('#findings h2', (e) => e.textContent)).toMatch(/^Lint findings for Flannel/);
      // Flannel enforces no NetworkPolicy: the report says so, with the rule's fields.
      expect(findings.some((f) => /cni-no-enforcement/.test(f ?? ''))).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'report-shop.png'), fullPage: true });
      await page.close();
    });

    test('clicking an edge shows the explanation of that connection', async () => {
      const { page, log } = await openPage(browser, url);
      const webToApi = graph.edges.find((e) => e.label === 'TCP 9000')!;
      await click(page, `#g_${webToApi.id}`);
      const title = await page.$eval('#details-title', (e) => e.textContent);
      const body = await page.$eval('#details-body', (e) => e.textContent);
      expect(title).toBe('shop-web → shop-api');
      expect(body).toContain('on TCP 9000: ALLOWED');
      expect(body).toMatch(/allowed by shop\/shop-api spec\.ingress\[\d+\]\.from\[\d+\]/);
      expect(body).toMatch(/allowed by shop\/shop-web spec\.egress\[\d+\]/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'report-shop-edge.png') });
      expect(log.errors).toEqual([]);
      await page.close();
    });

    test('clicking a matrix cell shows the pairs behind it and why', async () => {
      const { page } = await openPage(browser, url);
      await page.click(await cell(page, 'frontend', 'shop'));
      expect(await page.$eval('#details-title', (e) => e.textContent)).toBe('frontend → shop');
      const body = await page.$eval('#details-body', (e) => e.textContent);
      expect(body).toContain('1 of 3 endpoint pairs allow something; together: TCP 8080');
      expect(body).toContain('on TCP 8080: ALLOWED');
      await page.click(await cell(page, 'other', 'shop'));
      expect(await page.$eval('#details-body', (e) => e.textContent)).toContain('nothing is allowed between any of the 3 endpoint pairs');
      await page.close();
    });
  });

  describe('a diff (the shop fixtures, before and after)', () => {
    const file = path.join(dir, 'diff.html');
    const url = `file://${file}`;
    const before = path.join(FIXTURES, 'shop-before');
    const after = path.join(FIXTURES, 'shop-after');
    const run = runCliInProcess(['report', after, '--before', before, '--external', '8.8.8.8/32', '-o', file]);
    const graph = buildGraph(diffSource(
      Reachability.fromFiles([before], { externals: ['8.8.8.8/32'] })._engine,
      Reachability.fromFiles([after], { externals: ['8.8.8.8/32'] })._engine,
    ));

    test('shows the opened (green) and closed (red) edges; clicking one explains it before and after', async () => {
      expect(run.code).toBe(0);
      const { page, log } = await openPage(browser, url);
      expect(log.requests).toEqual([url]);
      expect(log.errors).toEqual([]);
      const strokes = await page.$$eval('#diff svg g.edge path', (els) => els.map((e) => e.getAttribute('stroke')));
      const opened = graph.edges.filter((e) => e.kind === 'opened');
      const closed = graph.edges.filter((e) => e.kind === 'closed');
      expect(strokes.filter((s) => s === '#1a7f37')).toHaveLength(opened.length);
      expect(strokes.filter((s) => s === '#cf222e')).toHaveLength(closed.length);
      const edge = [...opened, ...closed][0];
      await page.$eval(`#d_${edge.id}`, (el) => { el.dispatchEvent(new (globalThis as any).MouseEvent('click', { bubbles: true })); });
      const body = await page.$eval('#details-body', (e) => e.textContent);
      expect(body).toContain('before:');
      expect(body).toContain('after:');
      expect(await page.$$eval('#diff .changes li', (els) => els.length)).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'report-diff.png'), fullPage: true });
      await page.close();
    });
  });

  describe('Mermaid', () => {
    const texts: Array<[string, string]> = [
      ['the shop', shopAnalysis().toMermaid()],
      ['a diff', diffGraph(
        Reachability.fromFiles([path.join(FIXTURES, 'shop-before')]),
        Reachability.fromFiles([path.join(FIXTURES, 'shop-after')]),
        'mermaid')],
      ['a diff that closes', diffGraph(
        Reachability.fromFiles([path.join(FIXTURES, 'shop-after')]),
        Reachability.fromFiles([path.join(FIXTURES, 'shop-before')]),
        'mermaid')],
      ['a folded graph', shopAnalysis().toMermaid({ maxNodes: 3 })],
      ['an incomplete one, with a note', analysisGraph(shopAnalysis(), 'mermaid', {}, ['INCOMPLETE: 1 object of the input left out (x.yaml:3 NetworkPolicy "a/b"): <b>#1</b> & more'])],
    ];

    test.each(texts)('%s parses and renders with mermaid, without network', async (_name, text) => {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
      await page.addScriptTag({ content: fs.readFileSync(MERMAID_JS, 'utf8') });
      const result = await page.evaluate(async (source: string) => {
        const m = (globalThis as any).mermaid;
        m.initialize({ startOnLoad: false });
        try {
          await m.parse(source);
          const { svg } = await m.render('graph', source);
          return { ok: true, svg: String(svg) };
        } catch (e) {
          return { ok: false, svg: String(e) };
        }
      }, text);
      expect(result.svg.slice(0, 300)).not.toMatch(/Parse error|Syntax error/);
      expect(result.ok).toBe(true);
      expect(result.svg).toContain('<svg');
      expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
      await page.close();
    });
  });
});

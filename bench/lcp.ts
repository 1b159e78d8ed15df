/**
 * Largest Contentful Paint of the first pages, in headless Chromium against the built web app: the sign-in page, and
 * Home signed in as the demo patient `elvina`. Each load is cold (a new browser context: empty cache; for Home only
 * the session cookie), after one unmeasured load that warms the server. LCP is the last `largest-contentful-paint`
 * entry once the page has loaded and its requests have settled. Prints the median, min and max per page, the requests
 * of the median load and its LCP element. Serves what `npm run build` last produced from the real app in this
 * process (test/helpers/web-server.ts), on a temporary SQLite database with the demo loaded.
 *
 *   npm run build && npm run bench:lcp -- --runs 5
 *
 * Options: --runs N (5), --width px (1280; 375 for a phone).
 */
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { prepareDemo } from '../src/server/demo.ts';
import { DEMO_PASSWORD } from '../src/server/modules/identity/demo-accounts.ts';
import { launchBrowser } from '../test/helpers/browser.ts';
import { openAsPatient } from '../test/helpers/browser-sign-in.ts';
import { startWebServer, type WebServer } from '../test/helpers/web-server.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    width: { type: 'string', default: '1280' },
  },
});
const runs = Number(values.runs);
const width = Number(values.width);
const viewport = { width, height: 900 };

/** One measured page load. */
interface Load {
  lcpMs: number;
  /** What the largest paint was, e.g. `H1 "Welcome, Elvina Lemke"`. */
  element: string;
  requests: number;
  scripts: number;
  stylesheets: number;
}

/** Reads the page's latest LCP entry (buffered, so entries from before this call count) and what it fetched. */
function readLcp(page: Page): Promise<Omit<Load, 'requests'>> {
  return page.evaluate(
    () =>
      new Promise<Omit<Load, 'requests'>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no largest-contentful-paint entry within 5 s')), 5000);
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as (PerformanceEntry & { element?: Element | null }) | undefined;
          if (!last) return;
          clearTimeout(timer);
          const text = (last.element?.textContent ?? '').trim().slice(0, 40);
          const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          resolve({
            lcpMs: last.startTime,
            element: `${last.element?.tagName ?? '?'} "${text}"`,
            scripts: resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js')).length,
            stylesheets: resources.filter((r) => r.name.endsWith('.css')).length,
          });
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
}

/** Loads `path` in a new context (cold cache), waits for `ready` and the network to settle, then reads LCP. */
async function coldLoad(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<Load> {
  const context = await browser.newContext({ viewport, storageState });
  try {
    const page = await context.newPage();
    let requests = 0;
    page.on('request', () => requests++);
    await page.goto(url, { waitUntil: 'load' });
    await ready(page);
    await page.waitForLoadState('networkidle');
    return { ...(await readLcp(page)), requests };
  } finally {
    await context.close();
  }
}

async function measure(label: string, load: () => Promise<Load>): Promise<string> {
  await load(); // warms the server (first requests compile and cache); not counted
  const loads: Load[] = [];
  for (let i = 0; i < runs; i++) loads.push(await load());
  const sorted = [...loads].sort((a, b) => a.lcpMs - b.lcpMs);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const ms = (x: number) => `${Math.round(x)} ms`;
  return [
    label.padEnd(9),
    ms(median.lcpMs).padStart(8),
    `${ms(sorted[0]!.lcpMs)}–${ms(sorted.at(-1)!.lcpMs)}`.padStart(16),
    `${median.requests} (${median.scripts} JS, ${median.stylesheets} CSS)`.padStart(20),
    `  ${median.element}`,
  ].join(' ');
}

async function main(): Promise<void> {
  // The bench's database is a temporary SQLite file whatever the shell's DATABASE_URL says.
  delete process.env.DATABASE_URL;
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startWebServer({ now: new Date().toISOString() });
    if (!(await prepareDemo(server.testApp.ctx, { force: false }))) throw new Error('the demo could not be loaded');
    const { baseUrl } = server;
    browser = await launchBrowser();
    const signedIn = await openAsPatient(browser, server, width, 'elvina', DEMO_PASSWORD);
    const storageState = await signedIn.context.storageState();
    await signedIn.context.close();

    const signInPage = () =>
      coldLoad(browser!, `${baseUrl}/`, (page) => page.getByRole('heading', { level: 1, name: /^Sign in/ }).waitFor());
    const home = () =>
      coldLoad(
        browser!,
        `${baseUrl}/home`,
        (page) => page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor(),
        storageState,
      );

    const lines = [await measure('sign-in', signInPage), await measure('Home', home)];
    console.log(`\nLargest Contentful Paint, ${runs} cold loads each at ${width} px (median, min–max):`);
    console.log(`${'page'.padEnd(9)} ${'median'.padStart(8)} ${'min–max'.padStart(16)} ${'requests'.padStart(20)}`);
    for (const line of lines) console.log(line);
  } finally {
    await browser?.close();
    await server?.close();
  }
}

await main();

import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless. We run as root on a closed network, so the sandbox and every
 * background fetch (updates, sync, QUIC probes) are switched off.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The WCAG levels every page must meet. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe-core on the page as it is now and fails, listing each violation and where, if any rule is broken. */
export async function checkA11y(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const targets = v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
    return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n${targets.join('\n')}`;
  });
  throw new Error(
    `axe-core found ${results.violations.length} accessibility violation(s) on ${page.url()}:\n${lines.join('\n')}`,
  );
}

/** What went wrong in the page while a test used it: console errors, uncaught exceptions and CSP refusals. */
export interface PageProblems {
  /** Console errors and uncaught exceptions, CSP refusals included (Chromium logs those as errors). */
  errors: string[];
  /** Each `securitypolicyviolation` event the document fired: "<directive> blocked <what>". */
  cspViolations: string[];
}

/**
 * Starts recording a page's problems; call before `goto`. The arrays fill as the page runs, so
 * assert on them at the end of the test.
 */
export async function watchPageProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { errors: [], cspViolations: [] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (text.startsWith('[csp] ')) problems.cspViolations.push(text.slice(6));
    else problems.errors.push(text);
  });
  page.on('pageerror', (err) => problems.errors.push(`uncaught: ${err.message}`));
  // Init scripts come in through the DevTools protocol, which the page's CSP does not govern.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `[csp] ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || 'document'}:${e.lineNumber})`,
      );
    });
  });
  return problems;
}

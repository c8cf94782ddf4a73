/**
 * A real browser for the console's end-to-end tests: Debian's Chromium driven by playwright-core
 * (browser downloads are not possible here; `npm test` installs the `chromium` package, see
 * tools/test/run.mjs), axe-core injected into pages, screenshots under tmp/console-screenshots.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { REPO_ROOT } from '@tenantry/testing';

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p));

export const SCREENSHOTS = join(REPO_ROOT, 'tmp', 'console-screenshots');

export function chromiumPath(): string {
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`no Chromium at ${CANDIDATES.join(', ')}: apt-get install -y chromium (npm test does it), or set CHROMIUM_PATH`);
  return found;
}

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: the tests run as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/**
 * A browser context that prefers reduced motion: the console then skips its transitions (the theme's
 * respectReducedMotion), so what a test reads or axe measures is never a dialog halfway through fading in.
 */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ reducedMotion: 'reduce', ...options });
}

/**
 * A page in a new browser context (added to `contexts`, for the suite to close), signed in to the
 * console served at `gatewayUrl` with `key`: ready once the header shows the key's role.
 */
export async function signedInPage(browser: Browser, contexts: BrowserContext[], gatewayUrl: string, key: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await newContext(browser, { viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${gatewayUrl}/console/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('role').waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const AXE_SOURCE = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is (WCAG 2 A/AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // A dialog fading in has its text at part opacity, and axe would measure that blend as poor contrast:
  // let every running transition and finite animation end first (Mantine's take 150–200 ms; a spinner's never ends).
  await page.waitForFunction(`document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`, undefined, { timeout: 5_000 }).catch(() => undefined);
  // Evaluated through the DevTools protocol: the console's CSP (script-src 'self') rightly refuses an inline <script>.
  await page.evaluate(`${AXE_SOURCE()}\n;undefined`);
  // A string, run in the page: document and axe are the page's, not Node's.
  const violations = await page.evaluate<AxeViolation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })))`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

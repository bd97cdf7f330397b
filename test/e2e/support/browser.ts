import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '..', '..', '..');
const WEB = join(ROOT, 'apps', 'web');
export const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts');

/** Flags Chromium needs on this machine (docs/web.md, shared STACK.md). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds apps/web when dist is missing or older than its sources (the server serves dist if present). */
export function ensureWebBuilt(): void {
  const built = join(WEB, 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(join(WEB, 'src')),
    newestMtime(join(WEB, 'index.html')),
    newestMtime(join(WEB, 'vite.config.ts')),
  );
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'pipe' });
  }
}

/** The two sizes every journey is walked at: a laptop and a small phone (CSS pixels). */
export const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;
export type Size = keyof typeof SIZES;

export interface OpenOptions {
  /** The browser's preferred languages, first one first (navigator.languages); French by default. */
  readonly languages?: readonly string[];
}

export interface Browser {
  /** A fresh browser profile (no shared storage), at desktop or phone size. */
  open(size?: Size, options?: OpenOptions): Promise<Page>;
  close(): Promise<void>;
  /** Uncaught errors thrown by the scripts of any page opened so far. */
  readonly pageErrors: string[];
}

/**
 * Debian's Chromium. `chromium.launch` starts it on a fresh temporary user-data-dir of its own, removed on
 * close; each person gets their own context (no shared storage).
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const pageErrors: string[] = [];
  return {
    pageErrors,
    async open(size = 'desktop', options = {}) {
      const languages = options.languages ?? ['fr-FR', 'fr'];
      const context = await browser.newContext({
        locale: languages[0],
        viewport: SIZES[size],
        isMobile: size === 'phone',
      });
      // Chromium derives navigator.languages from --lang only; the context's locale sets navigator.language
      await context.addInitScript(
        (list: string[]) => {
          Object.defineProperty(navigator, 'languages', { get: () => list, configurable: true });
        },
        [...languages],
      );
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    close: () => browser.close(),
  };
}

/** Serious and critical axe-core violations on the page as it is now, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The checks every page of every journey must pass: no serious or critical axe-core violation (listed
 * when there are), and nothing wider than the viewport (no horizontal scrolling of the whole page).
 */
export async function expectPageHealthy(page: Page, where = page.url()): Promise<void> {
  const violations = await seriousViolations(page);
  // Phone emulation zooms out to show what overflows, so the width to hold is the one the page was opened at.
  const width = page.viewportSize()?.width ?? 0;
  const overflow = await page.evaluate((limit) => {
    if (document.documentElement.scrollWidth <= limit) {
      return [];
    }
    // the elements where the overflow starts (their parent fits), outside boxes that scroll or clip
    const sticksOut = (element: Element) => element.getBoundingClientRect().right > limit + 1;
    // an absolutely positioned element is clipped only by a scrolling box that is positioned too
    const clipped = (element: Element | Node) => {
      const absolute =
        element instanceof Element && ['absolute', 'fixed'].includes(getComputedStyle(element).position);
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX !== 'visible' && !sticksOut(up) && (!absolute || style.position !== 'static')) {
          return true;
        }
      }
      return false;
    };
    const all = Array.from(document.querySelectorAll<HTMLElement>('body *')).filter(
      (element) => sticksOut(element) && !clipped(element),
    );
    const origins = all.filter((element) => !(element.parentElement && sticksOut(element.parentElement)));
    const shown = (origins.length > 0 ? origins : all).slice(0, 6);
    if (shown.length === 0) {
      // text that runs out of its box (a long address) moves no element's edge: look at the text itself
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      const texts: string[] = [];
      for (let node = walker.nextNode(); node && texts.length < 3; node = walker.nextNode()) {
        range.selectNodeContents(node);
        if (range.getBoundingClientRect().right > limit + 1 && node.parentElement && !clipped(node)) {
          texts.push(
            `text "${(node.textContent ?? '').trim().slice(0, 40)}" in ${node.parentElement.tagName.toLowerCase()}`,
          );
        }
      }
      return texts.length > 0
        ? texts
        : [`the document (scrollWidth ${document.documentElement.scrollWidth} > ${limit})`];
    }
    return shown.map((element) => {
      const name = element.tagName.toLowerCase();
      const cls =
        typeof element.className === 'string' && element.className
          ? `.${element.className.split(' ')[0]}`
          : '';
      const id = element.id ? `#${element.id}` : '';
      const text = (element.textContent ?? '').trim().slice(0, 40);
      return `${name}${id}${cls} "${text}" (right edge ${Math.round(element.getBoundingClientRect().right)} > ${limit})`;
    });
  }, width);
  const problems = [...violations, ...overflow.map((line) => `wider than the viewport: ${line}`)];
  if (problems.length > 0) {
    throw new Error(`${where} is not healthy:\n${problems.join('\n')}`);
  }
}

/** Writes `<name>-desktop.png` and `<name>-phone.png`-style screenshots under test/e2e/artifacts/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in through the login form, then lands on `next`. */
export async function signIn(page: Page, baseUrl: string, email: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('correct horse battery');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.hash.startsWith(`#${next.split('?')[0]}`));
}

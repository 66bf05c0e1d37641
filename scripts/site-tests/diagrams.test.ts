/**
 * Diagrams on the production build. The pages are read from the build (every
 * diagram's wrapper is server-rendered with a data-diagram attribute), so a
 * new page with a diagram is covered without a list to keep.
 *
 * - Every diagram the source has is marked in the build (that each fits its
 *   column at 1280 px is measured by the every-page pass, browser.test.ts).
 * - The Expand view opens and closes by keyboard and by pointer (mouse on a
 *   desktop, touch on a 375 px phone), zooms and pans, returns focus, has no
 *   serious axe finding and logs no console error, in light and dark mode.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../lib/axe';
import { gotoHydrated } from '../lib/browser';
import { builtPages, diagramsInBuiltPage } from './buildOutput';
import { setUpBuiltSite } from './builtSite';

const site = setUpBuiltSite();

interface DiagramPage {
  path: string;
  diagrams: number;
}

/** Pages of the build with at least one diagram, and how many each has. */
function diagramPages(): DiagramPage[] {
  return builtPages()
    .map((urlPath) => ({ path: urlPath, diagrams: diagramsInBuiltPage(urlPath) }))
    .filter((p) => p.diagrams > 0);
}

async function waitForDiagrams(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-diagram] svg').length >= n, count, { timeout: 20_000 });
}

// That every diagram fits its column at 1280 px is checked in the every-page pass (browser.test.ts), on pages it has open anyway.
describe('the diagrams of the build', () => {
  it('are marked on their pages, so the every-page pass finds and measures each of them', () => {
    const pages = diagramPages();
    expect(pages.length, 'pages with a diagram in the build').toBeGreaterThanOrEqual(30);
    const withSource = site.content.questions.filter((q) => /^```mermaid/m.test(q.source)).map((q) => q.permalink);
    expect(
      withSource.filter((p) => !pages.some((d) => d.path === p)),
      'question pages whose diagram the build does not mark',
    ).toEqual([]);
  });

  it("draw with the page's own Mermaid the kinds the site bundles, and fail with the stand-in's message for a kind it leaves out", async () => {
    const page = await site.browser.newPage();
    try {
      const first = diagramPages()[0]!;
      await gotoHydrated(page, `${site.server.url}${first.path}`);
      await waitForDiagrams(page, first.diagrams);
      const drawn = await page.evaluate(
        async (sources) => {
          // The bundler's require, from a chunk pushed after the site's. Mermaid's entry module is the one that
          // defines registerExternalDiagrams; once a diagram is drawn, requiring it returns the module the page runs.
          type Mermaid = { render: (id: string, text: string) => Promise<{ svg: string }>; mermaidAPI?: unknown };
          type Require = ((id: string) => { default?: Mermaid }) & { m: Record<string, unknown> };
          let require: Require | undefined;
          const chunks = (window as unknown as Record<string, unknown[]>)[Object.keys(window).find((k) => k.startsWith('webpackChunk'))!]!;
          chunks.push([['diagram-kinds-probe'], {}, (r: Require) => void (require = r)]);
          const entry = Object.keys(require!.m).find((id) => String(require!.m[id]).includes('registerExternalDiagrams:'));
          const mermaid = entry === undefined ? undefined : require!(entry).default;
          if (!mermaid) return ['no Mermaid module in the page'];
          return Promise.all(
            sources.map((text, i) =>
              mermaid.render(`kind-probe-${i}`, text).then(
                (result) => (result.svg.includes('<svg') ? 'drawn' : 'no svg'),
                (error: Error) => `failed: ${error.message}`,
              ),
            ),
          );
        },
        ['flowchart TB\n  A --> B', 'sequenceDiagram\n  A->>B: hi', 'stateDiagram-v2\n  [*] --> Open', 'pie\n  "a": 1', 'gantt\n  dateFormat YYYY-MM-DD\n  A :a1, 2026-01-01, 3d'],
      );
      const leftOut = "failed: This kind of Mermaid diagram, or its layout, is left out of the handbook's bundle: see src/content/diagramKinds.ts.";
      expect(drawn).toEqual(['drawn', 'drawn', 'drawn', leftOut, leftOut]);
    } finally {
      await page.close();
    }
  });
});

/** Scale and translation of the full-screen diagram (Panzoom sets them as a CSS transform). */
async function view(page: Page): Promise<{ scale: number; x: number; y: number }> {
  return page.evaluate(() => {
    const stage = document.querySelector('dialog[open] svg')!.parentElement!;
    const m = new DOMMatrix(getComputedStyle(stage).transform);
    return { scale: m.a, x: m.e, y: m.f };
  });
}

async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

const SCREENS = [
  { name: 'a 1280 px desktop', options: { viewport: { width: 1280, height: 900 } } },
  { name: 'a 375 px phone', options: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
] as const;

describe.each(['light', 'dark'] as const)('the Expand view in %s mode', (colorScheme) => {
  describe.each(SCREENS)('on $name', ({ name, options }) => {
    const phone = name.includes('phone');

    async function open(): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
      const context = await site.browser.newContext({ ...options, colorScheme });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      // The page with the widest diagram: the one a reader most needs to expand.
      const target = diagramPages().find((p) => p.path.includes('q24-model-registry-disaster-recovery')) ?? diagramPages()[0]!;
      await gotoHydrated(page, `${site.server.url}${target.path}`);
      await waitForDiagrams(page, target.diagrams);
      return { page, context, errors };
    }

    it('opens and closes by keyboard, zooms and pans with keys, and returns focus', async () => {
      const { page, context, errors } = await open();
      const expand = page.getByRole('button', { name: 'Expand diagram' }).first();
      await expand.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: /^Diagram/ });
      await dialog.waitFor();
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]'))), 'focus moves into the dialog').toBe(true);
      expect(
        await page.evaluate(() => {
          const copy = document.querySelector('dialog[open] svg')!;
          return Math.abs(copy.getBoundingClientRect().width - Number(copy.getAttribute('width')));
        }),
        'the diagram is shown at its natural size',
      ).toBeLessThan(1);

      expect(await page.evaluate(() => getComputedStyle(document.querySelector('dialog[open]')!).backgroundColor), 'the dialog hides the page behind it').toMatch(/^rgb\(/);

      await page.keyboard.press('+');
      await expect.poll(async () => (await view(page)).scale).toBeGreaterThan(1.1);
      await page.keyboard.press('0');
      await expect.poll(async () => (await view(page)).scale).toBeCloseTo(1, 2);
      const before = await view(page);
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowUp');
      await expect.poll(async () => (await view(page)).x).toBeGreaterThan(before.x);
      await expect.poll(async () => (await view(page)).y).toBeGreaterThan(before.y);

      expect((await axeViolations(page)).join('\n'), 'axe on the open dialog').toBe('');

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await focusedLabel(page), 'focus returns to the Expand button').toBe('Expand diagram');
      expect(errors).toEqual([]);
      await context.close();
    });

    it(phone ? 'opens by touch, zooms by pinch, pans by dragging and closes' : 'opens by mouse, zooms with the wheel, pans by dragging and closes', async () => {
      const { page, context, errors } = await open();
      const expand = page.getByRole('button', { name: 'Expand diagram' }).first();
      if (phone) await expand.tap();
      else await expand.click();
      const dialog = page.getByRole('dialog', { name: /^Diagram/ });
      await dialog.waitFor();
      const box = (await page.getByRole('group', { name: 'Diagram at full size' }).boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;

      if (phone) {
        const cdp = await context.newCDPSession(page);
        // Each touch carries its own time (seconds after the gesture's start), so a loaded machine that sends
        // them late cannot turn a steady drag into a flick: Chrome answers a flick with a fling, and a tap during
        // a fling only stops the fling, so Close would not be clicked.
        // A gesture's times run ahead of the clock when its touches go out faster than it lasts; each next gesture
        // (and the tap on Close) begins once the last one's time has passed, so times never go backwards.
        let start = Date.now() / 1000;
        let last = start;
        const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: [number, number][], at: number) => {
          last = start + at;
          return cdp.send('Input.dispatchTouchEvent', { type, timestamp: last, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
        };
        const gestureOver = () => page.waitForTimeout(Math.max(0, (last - Date.now() / 1000) * 1000));
        // Two fingers move apart: zoom in.
        await touch(
          'touchStart',
          [
            [cx - 20, cy],
            [cx + 20, cy],
          ],
          0,
        );
        for (let d = 30; d <= 120; d += 15) {
          await touch(
            'touchMove',
            [
              [cx - d, cy],
              [cx + d, cy],
            ],
            d / 600,
          );
        }
        await touch('touchEnd', [], 0.3);
        await expect.poll(async () => (await view(page)).scale).toBeGreaterThan(1.5);
        // One finger drags, rests and lifts, as a reader moves a diagram into place: pan.
        const before = await view(page);
        await gestureOver();
        start = Date.now() / 1000;
        await touch('touchStart', [[cx, cy]], 0);
        for (let d = 10; d <= 80; d += 10) await touch('touchMove', [[cx + d, cy + d / 2]], d / 400);
        await touch('touchMove', [[cx + 80, cy + 40]], 0.5);
        await touch('touchEnd', [], 0.52);
        await expect.poll(async () => (await view(page)).x).toBeGreaterThan(before.x + 20);
        await gestureOver();
      } else {
        await page.mouse.move(cx, cy);
        for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
        await expect.poll(async () => (await view(page)).scale).toBeGreaterThan(1.1);
        const before = await view(page);
        await page.mouse.down();
        await page.mouse.move(cx + 120, cy + 60, { steps: 8 });
        await page.mouse.up();
        await expect.poll(async () => (await view(page)).x).toBeGreaterThan(before.x + 40);
      }

      const close = page.getByRole('button', { name: 'Close' });
      if (phone) await close.tap();
      else await close.click();
      await dialog.waitFor({ state: 'detached' });
      expect(await focusedLabel(page), 'focus returns to the Expand button').toBe('Expand diagram');
      expect(errors).toEqual([]);
      await context.close();
    });
  });
});

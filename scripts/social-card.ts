/**
 * `npm run social-card`: draws static/img/social-card.png (1200 x 630), the
 * image link previews show, from scripts/social-card/template.html in
 * headless Chromium. Run it after changing the template, and commit the PNG.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BrowserNotFoundError, launchChromium } from './lib/browser';
import { PROJECT_ROOT } from './validate/index';

export const SOCIAL_CARD = { width: 1200, height: 630, file: path.join(PROJECT_ROOT, 'static/img/social-card.png') } as const;

async function main(): Promise<void> {
  const template = await readFile(path.join(PROJECT_ROOT, 'scripts/social-card/template.html'), 'utf8');
  const logo = await readFile(path.join(PROJECT_ROOT, 'static/img/logo.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: SOCIAL_CARD.width, height: SOCIAL_CARD.height }, deviceScaleFactor: 1 });
    await page.setContent(template.replace('{{LOGO}}', logo), { waitUntil: 'load' });
    await page.screenshot({ path: SOCIAL_CARD.file, clip: { x: 0, y: 0, width: SOCIAL_CARD.width, height: SOCIAL_CARD.height } });
    console.log(`Wrote ${path.relative(PROJECT_ROOT, SOCIAL_CARD.file)}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof BrowserNotFoundError ? error.message : `Social card failed: ${(error as Error).message}`);
  process.exit(1);
});

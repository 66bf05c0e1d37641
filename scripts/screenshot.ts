/**
 * `npm run screenshot -- <url> [out.png] [--dark] [--width=N]`: a full-page
 * PNG of a page, to look at what readers see (serve the build first).
 */
import { launchChromium, BrowserNotFoundError } from './lib/browser';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const positional = args.filter((a) => !a.startsWith('--'));
  const url = positional[0];
  if (!url) {
    console.error('Usage: npm run screenshot -- <url> [out.png] [--dark] [--width=1280]');
    return 2;
  }
  const out = positional[1] ?? 'screenshot.png';
  const width = Number(args.find((a) => a.startsWith('--width='))?.split('=')[1] ?? 1280);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: args.includes('--dark') ? 'dark' : 'light' });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    await page.screenshot({ path: out, fullPage: true });
    console.log(`Wrote ${out}`);
    return 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof BrowserNotFoundError ? error.message : `Screenshot failed: ${(error as Error).message}`);
    process.exit(1);
  },
);

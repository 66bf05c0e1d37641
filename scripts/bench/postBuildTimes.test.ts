import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postBuildByPlugin } from './report';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Three plugins as Docusaurus's initPlugins returns them, run side by side as
 * its postBuild step runs them, with the timer preloaded: `busy` keeps the main
 * thread for 3 × 60 ms between awaits, `idle` mostly waits (300 ms) and works 20 ms.
 */
const SITE = `
const init = require(require.resolve('@docusaurus/core/lib/server/plugins/init.js', { paths: [process.cwd()] }));
const spin = (ms) => { const end = performance.now() + ms; while (performance.now() < end); };
init.initPlugins = async () => [
  { name: 'busy', options: { id: 'default' }, async postBuild() { spin(60); await new Promise((r) => setTimeout(r, 5)); spin(60); await Promise.resolve(); spin(60); } },
  { name: 'idle', options: { id: 'second' }, async postBuild() { await new Promise((r) => setTimeout(r, 300)); spin(20); } },
  { name: 'no-post-build', options: {} },
];
require(${JSON.stringify(path.join(ROOT, 'scripts/bench/postBuildTimes.cjs'))});
init.initPlugins().then((plugins) => Promise.all(plugins.map((p) => p.postBuild?.())));
`;

describe("the bench's postBuild timer", () => {
  it("gives each plugin the main thread's time in its own code, and its span beside the others", () => {
    const log = execFileSync(process.execPath, ['-e', SITE], { cwd: ROOT, encoding: 'utf8' });
    const [busy, idle, ...others] = postBuildByPlugin(log);
    expect(others).toEqual([]);
    expect(busy!.plugin).toBe('busy@default');
    expect(busy!.mainThreadMs).toBeGreaterThanOrEqual(180);
    expect(idle!.plugin).toBe('idle@second');
    // Its 300 ms of waiting, while busy held the thread, count in its span only.
    expect(idle!.spanMs).toBeGreaterThanOrEqual(300);
    expect(idle!.mainThreadMs).toBeGreaterThanOrEqual(20);
    expect(idle!.mainThreadMs).toBeLessThan(busy!.mainThreadMs);
  });
});

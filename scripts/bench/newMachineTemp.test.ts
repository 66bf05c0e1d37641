import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../validate/index';
import { newMachineTemp } from './newMachineTemp';

const parent = mkdtempSync(path.join(tmpdir(), 'handbook-bench-temp-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe("the benchmark's temporary folder for cold runs", () => {
  it('is new and empty, and is where jiti, as Docusaurus starts it, keeps what it transpiles', () => {
    const env = newMachineTemp(parent, 'build');
    expect(env.TMPDIR).toBe(env.TEMP);
    expect(path.dirname(env.TMPDIR!)).toBe(parent);
    expect(readdirSync(env.TMPDIR!)).toEqual([]);
    // The options Docusaurus gives jiti (@docusaurus/utils, loadFreshModule), on a TypeScript module of the site.
    const load = `require('jiti')(process.cwd(), { cache: true, requireCache: false, interopDefault: true })('./src/content/permalink.ts')`;
    const child = spawnSync(process.execPath, ['-e', load], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(readdirSync(path.join(env.TMPDIR!, 'node-jiti')).some((f) => f.includes('permalink.ts'))).toBe(true);
  });

  it('is another folder for every run', () => {
    expect(newMachineTemp(parent, 'start').TMPDIR).not.toBe(newMachineTemp(parent, 'start').TMPDIR);
  });
});

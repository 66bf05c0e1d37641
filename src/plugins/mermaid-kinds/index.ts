/**
 * Bundles only the Mermaid diagram kinds and layouts the handbook draws.
 *
 * Mermaid loads each kind's code (and each layout's) on first use, from a
 * chunk of its own, so a page downloads only what its diagrams need. Yet the
 * bundler still compiled the chunks of all its kinds (pie, gantt, C4, mind
 * maps, …) and layouts on every build, and offline reading saved them on
 * every reader's device, though no page runs them: about 2 MB of the 8.6 MB
 * of scripts in build/. Here the browser's bundle gets one stand-in
 * (./leftOut.mjs, which fails with a message) for every chunk that only kinds
 * and layouts outside src/content/diagramKinds.ts load; the validator rejects
 * a diagram of such a kind at its line. (The server bundle has no Mermaid at
 * all: see ../mermaid-browser-only.)
 *
 * The chunks are found from Mermaid's own registrations (./mermaidChunks.ts).
 * Should a Mermaid release register them in a way that is not understood,
 * nothing is left out and the build says so; the unit test fails first.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { DIAGRAM_KINDS, DIAGRAM_LAYOUTS } from '../../content/diagramKinds';
import { escapeRegExp } from '../../lib/escapeRegExp';
import { chunkPattern, leftOutChunks, readMermaidChunks } from './mermaidChunks';

const require = createRequire(__filename);

export const STAND_IN = path.join(__dirname, 'leftOut.mjs');

export interface MermaidKindsOptions {
  /** Another Mermaid's dist/ folder, and other kinds and layouts to keep: for the tests. */
  distDir?: string;
  kinds?: readonly string[];
  layouts?: readonly string[];
}

/** The chunks to leave out of Mermaid (as files relative to its dist/ folder, and that folder), or why none can be. */
export function chunksToLeaveOut({ distDir, kinds = DIAGRAM_KINDS.map((k) => k.id), layouts = DIAGRAM_LAYOUTS }: MermaidKindsOptions = {}):
  { distDir: string; files: string[] } | { reason: string } {
  try {
    const dist = distDir ?? path.dirname(require.resolve('mermaid/dist/mermaid.core.mjs'));
    return { distDir: dist, files: leftOutChunks(readMermaidChunks(dist), { kinds, layouts }) };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

interface CacheSetting {
  type?: unknown;
  version?: string;
}

/**
 * Rspack's persistent cache keys on the config file, not on what a plugin decides: without a key of its own, a
 * warm build kept serving the stand-in for a kind just added to diagramKinds.ts (or the kind's code for one
 * just removed). `key` names what is left out.
 */
export function keyPersistentCache(config: { experiments?: { cache?: unknown } }, key: string): void {
  const cache = config.experiments?.cache as CacheSetting | undefined;
  if (cache && typeof cache === 'object' && cache.type === 'persistent') cache.version = `${cache.version ?? ''}-mermaid-kinds-${key}`;
}

export default function mermaidKindsPlugin(_context?: LoadContext, options: MermaidKindsOptions = {}): Plugin {
  return {
    name: 'mermaid-kinds',
    configureWebpack(config, isServer, utils) {
      if (isServer) return {};
      const found = chunksToLeaveOut(options);
      const hash = createHash('sha256').update(JSON.stringify(found)).update(readFileSync(STAND_IN)).digest('hex').slice(0, 16);
      keyPersistentCache(config as never, hash);
      if ('reason' in found) {
        console.warn(
          `[mermaid-kinds] Every Mermaid diagram kind stays in the bundle: Mermaid's chunks were not understood (${found.reason}). Update src/plugins/mermaid-kinds/mermaidChunks.ts for this Mermaid.`,
        );
        return {};
      }
      if (found.files.length === 0) return {};
      const leftOut = chunkPattern(found.files);
      // Replaced as a request, before it is resolved, so every left-out chunk becomes the same one module (replaced
      // as a resolved path, each would keep its own module around the stand-in's code).
      const byName = new RegExp(`(?:^|[\\\\/])(?:${found.files.map((f) => escapeRegExp(path.basename(f))).join('|')})$`);
      const { NormalModuleReplacementPlugin } = utils.currentBundler.instance;
      return {
        plugins: [
          new NormalModuleReplacementPlugin(byName, (resolveData: { context?: string; request: string }) => {
            if (resolveData.context && leftOut.test(path.resolve(resolveData.context, resolveData.request))) resolveData.request = STAND_IN;
          }),
        ],
        // Each of Mermaid's on-demand imports is a chunk of its own, so that module would be copied into one chunk
        // per left-out kind and layout: one shared chunk holds it instead.
        optimization: {
          splitChunks: {
            cacheGroups: { mermaidLeftOut: { test: new RegExp(`^${escapeRegExp(STAND_IN)}$`), name: 'mermaid-left-out', chunks: 'async', enforce: true } },
          },
        },
      };
    },
  };
}

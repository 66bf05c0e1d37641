import type { Configuration } from 'webpack';
import { describe, expect, it } from 'vitest';
import mermaidBrowserOnlyPlugin from './index';

const configure = (isServer: boolean) => mermaidBrowserOnlyPlugin().configureWebpack!({} as Configuration, isServer, {} as never, {} as never) as Configuration;

describe('Mermaid in the bundles', () => {
  it('gives the server bundle an empty module for Mermaid: static generation never draws a diagram', () => {
    expect(configure(true).resolve?.alias).toEqual({ mermaid$: false });
  });

  it("leaves the browser's bundle as the theme has it, so diagrams load the tree-shaken Mermaid", () => {
    expect(configure(false)).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { escapeRegExp } from './escapeRegExp';

describe('escapeRegExp', () => {
  it('makes a pattern that matches the text itself and nothing the text would mean as a pattern', () => {
    const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p';
    expect(new RegExp(`^${escapeRegExp(text)}$`).test(text)).toBe(true);
    expect(new RegExp(escapeRegExp('a.b')).test('axb')).toBe(false);
    expect(escapeRegExp('chunks/mermaid.core/pie-X.mjs')).toBe('chunks/mermaid\\.core/pie-X\\.mjs');
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { repairSearchAria } from './repairSearchAria';

describe('the search bar ARIA repair', () => {
  it('points the input at its results with aria-controls and makes the footer link an option', () => {
    document.body.innerHTML = `
      <div id="root">
        <input role="combobox" aria-owns="listbox-0">
        <span role="listbox" id="listbox-0"><div role="option">A hit</div><div><a href="/search?q=x">See all results</a></div></span>
      </div>`;
    const root = document.getElementById('root')!;
    repairSearchAria(root);
    expect(root.querySelector('input')!.getAttribute('aria-controls')).toBe('listbox-0');
    const link = root.querySelector('a')!;
    expect(link.getAttribute('role')).toBe('option');
    expect(link.getAttribute('href')).toBe('/search?q=x');
  });

  it('leaves a search bar without results alone', () => {
    document.body.innerHTML = '<div id="root"><input aria-label="Search"></div>';
    repairSearchAria(document.getElementById('root')!);
    expect(document.querySelector('input')!.hasAttribute('aria-controls')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ariaShortcuts, shortcutAction, type KeyEventLike } from './shortcuts';

const press = (key: string, more: Partial<KeyEventLike> = {}): KeyEventLike => ({ key, altKey: false, ctrlKey: false, metaKey: false, targetTag: 'BODY', ...more });

describe('practice keyboard shortcuts', () => {
  it('reveal with Space or R, then grade with 1, 2 and 3', () => {
    expect(shortcutAction(press(' '), false)).toBe('reveal');
    expect(shortcutAction(press('R'), false)).toBe('reveal');
    expect(shortcutAction(press('1'), true)).toBe('know');
    expect(shortcutAction(press('2'), true)).toBe('again');
    expect(shortcutAction(press('3'), true)).toBe('dont-know');
  });

  it('do not grade a card whose answer is still hidden', () => {
    expect(shortcutAction(press('1'), false)).toBeUndefined();
  });

  it('skip to the next card with N or the right arrow', () => {
    expect(shortcutAction(press('n'), false)).toBe('next');
    expect(shortcutAction(press('ArrowRight'), true)).toBe('next');
  });

  it('leave form fields, browser shortcuts and a focused button alone', () => {
    expect(shortcutAction(press('1', { targetTag: 'INPUT' }), true)).toBeUndefined();
    expect(shortcutAction(press('r', { targetTag: 'SELECT' }), false)).toBeUndefined();
    expect(shortcutAction(press('r', { ctrlKey: true }), false)).toBeUndefined();
    expect(shortcutAction(press(' ', { targetTag: 'BUTTON' }), false)).toBeUndefined();
    expect(shortcutAction(press('2', { targetTag: 'BUTTON' }), true)).toBe('again');
  });

  it('name their keys for assistive technology', () => {
    expect(ariaShortcuts('reveal')).toBe('Space R');
    expect(ariaShortcuts('next')).toBe('N ArrowRight');
  });
});

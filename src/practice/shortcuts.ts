/** Keyboard shortcuts of the practice card, as a pure mapping the page and the tests share. */
import type { Grade } from './schedule';

export type PracticeAction = 'reveal' | Grade | 'next';

export const SHORTCUTS: readonly { keys: string[]; action: PracticeAction; description: string }[] = [
  { keys: ['Space', 'R'], action: 'reveal', description: 'Reveal the answer' },
  { keys: ['1'], action: 'know', description: 'Know it' },
  { keys: ['2'], action: 'again', description: 'Review again' },
  { keys: ['3'], action: 'dont-know', description: "Don't know" },
  { keys: ['N', '→'], action: 'next', description: 'Skip to the next card without grading' },
];

/** The aria-keyshortcuts value of an action's button. */
export function ariaShortcuts(action: PracticeAction): string {
  const keys = SHORTCUTS.find((s) => s.action === action)?.keys ?? [];
  return keys.map((k) => (k === '→' ? 'ArrowRight' : k)).join(' ');
}

export interface KeyEventLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** Tag name of the focused element, upper case as the DOM gives it. */
  targetTag: string;
}

/**
 * The action a key press asks for, or none. Grades need the answer shown
 * first; typing in a form field and browser shortcuts are left alone, and
 * Space on a focused button keeps pressing that button.
 */
export function shortcutAction(event: KeyEventLike, revealed: boolean): PracticeAction | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  if (['INPUT', 'SELECT', 'TEXTAREA'].includes(event.targetTag)) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key === ' ' && ['BUTTON', 'A', 'SUMMARY'].includes(event.targetTag)) return undefined;
  if (!revealed) return key === ' ' || key === 'r' ? 'reveal' : key === 'n' || key === 'ArrowRight' ? 'next' : undefined;
  if (key === '1') return 'know';
  if (key === '2') return 'again';
  if (key === '3') return 'dont-know';
  if (key === 'n' || key === 'ArrowRight') return 'next';
  return undefined;
}

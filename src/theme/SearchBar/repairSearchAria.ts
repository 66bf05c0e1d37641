/** Gives the search bar's autocomplete markup the ARIA 1.2 combobox attributes; safe to run again. */
export function repairSearchAria(root: HTMLElement): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[aria-owns]')) {
    const owns = input.getAttribute('aria-owns')!;
    if (input.getAttribute('aria-controls') !== owns) input.setAttribute('aria-controls', owns);
  }
  for (const link of root.querySelectorAll<HTMLAnchorElement>('[role="listbox"] a:not([role])')) {
    link.setAttribute('role', 'option');
    link.setAttribute('aria-selected', 'false');
  }
}

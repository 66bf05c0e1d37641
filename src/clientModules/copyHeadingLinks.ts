/**
 * Section links for wikis and chat: clicking the "#" beside a heading keeps
 * its usual job (the address bar gets the stable anchor) and also copies the
 * full link, confirming it visibly and to screen readers.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import { copyText } from '../content/clipboard';

const COPIED_MS = 2000;

function announce(text: string): void {
  let region = document.getElementById('handbook-copy-status');
  if (!region) {
    region = document.createElement('div');
    region.id = 'handbook-copy-status';
    region.setAttribute('role', 'status');
    region.className = 'handbook-visually-hidden';
    document.body.appendChild(region);
  }
  region.textContent = text;
}

if (ExecutionEnvironment.canUseDOM) {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a.hash-link');
    if (!(link instanceof HTMLAnchorElement)) return;
    const url = new URL(link.getAttribute('href') ?? '', window.location.href).href;
    void copyText(url).then((copied) => {
      if (!copied) return;
      link.dataset.copied = 'true';
      announce(`Link to this section copied: ${url}`);
      window.setTimeout(() => delete link.dataset.copied, COPIED_MS);
    });
  });
}

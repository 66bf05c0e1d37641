// Addresses with an escaped letter, on purpose.
// cspell:ignore ools Aafka
import { describe, expect, it } from 'vitest';
import { addressKey, canonicalAddressScript } from './canonicalAddress';
import { runCanonicalAddressScript } from './runScript';

const PAGES = ['/', '/architecture', '/architecture/behavioral/q07-error-handling', '/tools'];
const UNDER_HANDBOOK = ['/handbook/', '/handbook/architecture', '/handbook/tools'];

/** Runs the script as 404.html runs it, at `address` (while the page is read, unless `readyState` says otherwise), and returns what it did to the page. */
function run404(pages: readonly string[], address: string, readyState?: DocumentReadyState): { stopped: boolean; replacedBy?: string } {
  return runCanonicalAddressScript(canonicalAddressScript(pages), address, readyState);
}

describe('the script of the "page not found" page', () => {
  it('sends an address that differs from a page only in letter case to the page, query and fragment kept', () => {
    expect(run404(PAGES, '/Architecture/Behavioral/Q07-Error-Handling?from=wiki#key-insight')).toEqual({
      stopped: true,
      replacedBy: '/architecture/behavioral/q07-error-handling?from=wiki#key-insight',
    });
  });

  it('sends an address with a trailing slash to the page without it, and the home page to itself', () => {
    expect(run404(PAGES, '/tools/')).toEqual({ stopped: true, replacedBy: '/tools' });
    expect(run404(PAGES, '/TOOLS/')).toEqual({ stopped: true, replacedBy: '/tools' });
    expect(run404(PAGES, '/Tools')).toEqual({ stopped: true, replacedBy: '/tools' });
  });

  it('works below the base path of a sub-path build', () => {
    expect(run404(UNDER_HANDBOOK, '/handbook/Tools')).toEqual({ stopped: true, replacedBy: '/handbook/tools' });
    expect(run404(UNDER_HANDBOOK, '/Handbook/')).toEqual({ stopped: true, replacedBy: '/handbook/' });
  });

  it('leaves the page alone (it shows "Page not found") for an address no page has, or one more slash than the router allows', () => {
    expect(run404(PAGES, '/architecture/q07')).toEqual({ stopped: false });
    expect(run404(PAGES, '/tools//')).toEqual({ stopped: false });
    expect(run404(PAGES, '/tool')).toEqual({ stopped: false });
    expect(run404(PAGES, '//')).toEqual({ stopped: false });
    // The router folds ASCII letters only: the Kelvin sign is not a "k".
    expect(run404(['/tags/kafka'], '/tags/%E2%84%AAafka')).toEqual({ stopped: false });
  });

  it('does nothing once the page has been read: where the app renders "page not found", the router found no page', () => {
    expect(run404(PAGES, '/Tools', 'interactive')).toEqual({ stopped: false });
    expect(run404(PAGES, '/Tools', 'complete')).toEqual({ stopped: false });
  });

  it("leaves the page alone at a page's own address, however the browser writes it, so it never loops", () => {
    expect(run404(PAGES, '/tools')).toEqual({ stopped: false });
    expect(run404(['/tags/café'], '/tags/caf%C3%A9')).toEqual({ stopped: false });
    expect(run404(['/tags/café'], '/Tags/caf%C3%A9')).toEqual({ stopped: true, replacedBy: '/tags/café' });
  });

  it('keeps an address in the list from closing the script tag it is written into', () => {
    const script = canonicalAddressScript(['/a</script><script>alert(1)</script>']);
    expect(script).not.toContain('</script>');
    expect(run404(['/a</script>'], '/A%3C/script%3E')).toEqual({ stopped: true, replacedBy: '/a</script>' });
  });
});

describe('addressKey', () => {
  it('compares as the router does: decoded, ASCII letters in any case, one trailing slash or none', () => {
    expect(addressKey('/Tools/')).toBe('/tools');
    expect(addressKey('/tools//')).toBe('/tools/');
    expect(addressKey('/')).toBe('');
    expect(addressKey('//')).toBe('/');
    expect(addressKey('/%54ools')).toBe('/tools');
    expect(addressKey('/tools%')).toBe('/tools%');
  });
});

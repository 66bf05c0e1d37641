/**
 * mark.js, loaded the first time a page has something to mark.
 *
 * The local search highlights a result's words on the page it opens
 * (`?_highlight=…`), and for that its search bar, which every page shows,
 * imports mark.js (5 KiB gzipped) and runs `new Mark(article).unmark()` on
 * every navigation. Nearly every visit has nothing to highlight, so the
 * highlight-on-demand plugin points the bundler's `mark.js` at this class: it
 * keeps the calls in order and fetches the library only when `mark` is called.
 * Before any `mark`, nothing can be marked, so `unmark` has nothing to undo.
 */

interface MarkInstance {
  mark(keywords: string | readonly string[], options?: Record<string, unknown>): void;
  unmark(options?: Record<string, unknown>): void;
}

type MarkConstructor = new (context: Element | Element[] | NodeList | string) => MarkInstance;
type Loader = () => Promise<MarkConstructor>;

// The library's own build under another file name than the one this module stands in for.
const loadLibrary: Loader = async () => ((await import('mark.js/dist/mark.es6.min.js')) as { default: MarkConstructor }).default;

let library: Promise<MarkConstructor> | undefined;
let loader: Loader = loadLibrary;
/** Every call of every instance, in the order they were made: a later page's unmark follows an earlier mark. */
let queue: Promise<unknown> = Promise.resolve();

/** For tests: where the library comes from, and forgetting that it was loaded. */
export function setMarkLoader(next: Loader): void {
  loader = next;
  library = undefined;
}

export default class LazyMark implements MarkInstance {
  private readonly context: ConstructorParameters<MarkConstructor>[0];
  private instance: MarkInstance | undefined;

  constructor(context: ConstructorParameters<MarkConstructor>[0]) {
    this.context = context;
  }

  private then(step: (mark: MarkInstance) => void, needsLibrary: boolean): void {
    // Decided when called: once any mark was asked for, later calls must reach the library too.
    if (needsLibrary) library ??= loader();
    const pending = library;
    queue = queue
      .then(async () => {
        if (!this.instance && pending) this.instance = new (await pending)(this.context);
        if (this.instance) step(this.instance);
      })
      // A failed load must not break the page (highlighting is a nicety); the next mark tries again.
      .catch(() => {
        if (library === pending) library = undefined;
      });
  }

  mark(keywords: string | readonly string[], options?: Record<string, unknown>): void {
    this.then((instance) => instance.mark(keywords, options), true);
  }

  unmark(options?: Record<string, unknown>): void {
    this.then((instance) => instance.unmark(options), false);
  }
}

// Stands in, in the site's bundle, for every Mermaid diagram kind and layout the handbook does not draw
// (src/content/diagramKinds.ts lists those it does). The validator rejects such a diagram at its line first;
// should one reach a page anyway, Mermaid's first use of the kind or layout fails with this message, which the
// page shows in the diagram's place. (Failing on use rather than on load: a module that failed to load would be
// handed out again, empty, to the next diagram of that kind.)
const MESSAGE = "This kind of Mermaid diagram, or its layout, is left out of the handbook's bundle: see src/content/diagramKinds.ts.";

const leftOut = () => {
  throw new Error(MESSAGE);
};

/** What Mermaid takes from a diagram kind's chunk. */
export const diagram = new Proxy({}, { get: leftOut, has: leftOut, ownKeys: leftOut });

/** What Mermaid takes from a layout's chunk. */
export const render = leftOut;

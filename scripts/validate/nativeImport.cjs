/**
 * Node's own import(), for packages the validator loads on demand. A loader
 * that compiles the validator's TypeScript may rewrite each import() into its
 * own require(): Docusaurus loads the plugin, and with it the validator,
 * through jiti, which would then transpile Mermaid and its thousands of
 * dependency files with Babel (about 20 s with an empty jiti cache and 4 s with
 * a full one, on the shared 2-core machine) where Node loads them as they are.
 * jiti and tsx run a CommonJS file like this one as it is.
 */
module.exports = function nativeImport(url) {
  return import(url);
};

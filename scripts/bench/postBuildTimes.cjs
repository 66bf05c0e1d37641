/**
 * Preloaded by `npm run bench` into the cold build (NODE_OPTIONS=--require):
 * Docusaurus's performance log times postBuild() as one step, with every
 * plugin's postBuild running side by side, so this wraps each plugin's
 * postBuild and prints one more log line per plugin when it ends:
 *
 *   [PERF] postBuild of <plugin>@<id> - 1234.5 ms
 *
 * Each figure is that plugin's own span from start to end, while the others
 * run beside it: the longest is what postBuild() waits for. The build itself
 * is unchanged (same plugins, same order, same output).
 */
let initModule;
try {
  initModule = require(require.resolve('@docusaurus/core/lib/server/plugins/init.js', { paths: [process.cwd()] }));
} catch {
  // Not a Docusaurus build (a child process that inherited NODE_OPTIONS): nothing to time.
}

if (initModule && typeof initModule.initPlugins === 'function' && !initModule.initPlugins.timed) {
  const initPlugins = initModule.initPlugins;
  const timedInit = async (...args) => {
    const plugins = await initPlugins(...args);
    for (const plugin of plugins) {
      const postBuild = plugin.postBuild;
      if (typeof postBuild !== 'function') continue;
      const name = `${plugin.name}@${plugin.options?.id ?? 'default'}`;
      plugin.postBuild = async function timedPostBuild(...postBuildArgs) {
        const started = performance.now();
        try {
          return await postBuild.apply(this, postBuildArgs);
        } finally {
          console.log(`[PERF] postBuild of ${name} - ${(performance.now() - started).toFixed(1)} ms`);
        }
      };
    }
    return plugins;
  };
  timedInit.timed = true;
  initModule.initPlugins = timedInit;
}

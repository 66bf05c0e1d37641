/**
 * Preloaded by `npm run bench` into the cold build (NODE_OPTIONS=--require):
 * Docusaurus's performance log times postBuild() as one step, with every
 * plugin's postBuild running side by side, so this wraps each plugin's
 * postBuild and prints one more log line per plugin when it ends:
 *
 *   [PERF] postBuild of <plugin>@<id> - 1234.5 ms on the main thread, 5678.9 ms from start to end
 *
 * Side by side, a plugin's span from start to end mostly measures the others:
 * one plugin's synchronous work holds up every plugin's next step. So the
 * first figure is the main thread's time spent running that plugin's own code
 * (its first call and every callback and promise it started, followed with
 * async_hooks while postBuild runs). Work off the main thread, such as the
 * bundler compiling the service worker, shows only in the span. The build
 * itself is unchanged: same plugins, same order, same output.
 */
/* global process, performance, console */
const { AsyncResource, createHook, executionAsyncId } = require('node:async_hooks');

let initModule;
try {
  initModule = require(require.resolve('@docusaurus/core/lib/server/plugins/init.js', { paths: [process.cwd()] }));
} catch {
  // Not a Docusaurus build (a child process that inherited NODE_OPTIONS): nothing to time.
}

/** Which plugin each async resource belongs to, and the main-thread milliseconds of each plugin. */
const owners = new Map();
const busy = new Map();
const stack = [];
let current;
let since = 0;

function flush() {
  const now = performance.now();
  if (current !== undefined) busy.set(current, (busy.get(current) ?? 0) + now - since);
  since = now;
}

const hook = createHook({
  init(asyncId, _type, triggerAsyncId) {
    const owner = owners.get(executionAsyncId()) ?? owners.get(triggerAsyncId);
    if (owner !== undefined) owners.set(asyncId, owner);
  },
  before(asyncId) {
    flush();
    stack.push(current);
    current = owners.get(asyncId);
  },
  after() {
    flush();
    current = stack.pop();
  },
  destroy(asyncId) {
    owners.delete(asyncId);
  },
  promiseResolve() {},
});
let running = 0;

if (initModule && typeof initModule.initPlugins === 'function' && !initModule.initPlugins.timed) {
  const initPlugins = initModule.initPlugins;
  const timedInit = async (...args) => {
    const plugins = await initPlugins(...args);
    for (const plugin of plugins) {
      const postBuild = plugin.postBuild;
      if (typeof postBuild !== 'function') continue;
      const name = `${plugin.name}@${plugin.options?.id ?? 'default'}`;
      plugin.postBuild = async function timedPostBuild(...postBuildArgs) {
        if (running++ === 0) hook.enable();
        const resource = new AsyncResource(`postBuild ${name}`);
        owners.set(resource.asyncId(), name);
        busy.set(name, 0);
        const started = performance.now();
        try {
          return await resource.runInAsyncScope(() => postBuild.apply(this, postBuildArgs));
        } finally {
          const span = performance.now() - started;
          console.log(`[PERF] postBuild of ${name} - ${busy.get(name).toFixed(1)} ms on the main thread, ${span.toFixed(1)} ms from start to end`);
          if (--running === 0) hook.disable();
        }
      };
    }
    return plugins;
  };
  timedInit.timed = true;
  initModule.initPlugins = timedInit;
}

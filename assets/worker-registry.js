// gloo-worker's bridge cannot terminate its Web Worker, yet a cancelled run must stop
// its workers at once. This wraps the Worker constructor so that the page can pick up
// the handle of the worker it has just spawned (src/run/mod.rs) and terminate it later.
(() => {
  const NativeWorker = globalThis.Worker;
  if (typeof NativeWorker !== 'function') return;
  class RegisteredWorker extends NativeWorker {
    constructor(...args) {
      super(...args);
      globalThis.__egressLastWorker = this;
    }
  }
  globalThis.Worker = RegisteredWorker;
})();

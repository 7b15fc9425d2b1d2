// Offline use (issue 15): registers the service worker that scripts/trunk-post-build.mjs
// generates with workbox-build (sw.js, next to index.html), which precaches the whole
// bundle, so that after one visit the app opens and runs with no network.
//
// The page (src/offline.rs) reads `globalThis.__egressOffline` and hears an
// `egress-offline` event on the window whenever it changes:
//   ready    the bundle is precached: the app will open with no network
//   waiting  a new version is installed and waits for the planner to switch
//   switchNow()  tells the waiting version to take over, then reloads the page
// A new version never takes over by itself (no skipWaiting in the worker): the planner
// chooses when, and the page offers it only when no run is going. The library lives in
// local storage, which a switch leaves alone.
(() => {
  const state = { ready: false, waiting: false, switchNow: () => {} };
  globalThis.__egressOffline = state;
  const container = globalThis.navigator?.serviceWorker;
  if (!container || !document.currentScript) return;
  const workerUrl = new URL('sw.js', document.currentScript.src).href;
  const announce = () => window.dispatchEvent(new Event('egress-offline'));
  let switching = false;

  const offer = (registration) => {
    // A waiting worker while another one is active is a new version.
    if (registration.waiting && registration.active) {
      state.waiting = true;
      state.switchNow = () => {
        switching = true;
        registration.waiting?.postMessage({ type: 'SKIP_WAITING' });
      };
      announce();
    }
  };

  container.addEventListener('controllerchange', () => {
    // Only a switch the planner asked for reloads the page.
    if (switching) window.location.reload();
  });

  window.addEventListener('load', () => {
    container
      .register(workerUrl, { scope: new URL('./', workerUrl).pathname })
      .then((registration) => {
        offer(registration);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed') offer(registration);
          });
        });
        // Look for a new version now and whenever the page comes back into view.
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') registration.update().catch(() => {});
        });
        return container.ready;
      })
      .then(() => {
        state.ready = true;
        announce();
      })
      // No service worker (a private window, a browser that refuses it, a test that
      // blocks it): the app works online as before, and says nothing about offline.
      .catch(() => {});
  });
})();

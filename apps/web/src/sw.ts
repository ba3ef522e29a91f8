/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

// The service worker: the app opens and the report form works with no network.

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/** Background sync is not in TypeScript's DOM library yet (Chromium has it). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

// A new version takes over at once: the outbox lives in IndexedDB, not in the page.
void self.skipWaiting();
clientsClaim();

// The app shell: HTML, scripts (with the taxonomy and the base map outlines built in), styles.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

// Reference data the form offers: fresh when online, the last copy when not.
const REFERENCE = new Set(['/api/reference/places', '/api/reference/taxonomy', '/api/actors']);
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && REFERENCE.has(url.pathname),
  new NetworkFirst({ cacheName: 'reference', networkTimeoutSeconds: 15 }),
);

// Background sync: wakes the open pages, which hold the sign-in and send the outbox in order.
self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== 'outbox') return;
  sync.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((pages) => pages.forEach((page) => page.postMessage({ type: 'outbox:send' }))),
  );
});

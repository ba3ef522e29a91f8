// Leaflet's styles first: ours override some of them.
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { login } from './api.js';
import { showSignIn } from './signin.js';
import { prefetchIncidents } from './prefetch.js';
import { saveSession, session, user } from './session.js';
import { registerSW } from 'virtual:pwa-register';

// The service worker keeps the app, the base map and the reference data for offline use.
registerSW({ immediate: true });

function start() {
  document.body.classList.remove('signed-out');
  document.getElementById('signin')!.hidden = true;
  // The incidents of the view are asked for before the app's code (Leaflet, the base map, the
  // forms) has even downloaded: on a slow link both downloads overlap instead of queueing.
  prefetchIncidents();
  void import('./app.js');
}

// Offline with an expired token, the last user keeps writing reports: the outbox holds them
// until that user signs in again.
if (session() || (user() && !navigator.onLine)) start();
else {
  document.body.classList.add('signed-out');
  showSignIn(async (username, password) => {
    saveSession(await login(username, password));
    start();
  });
}

// Leaflet's styles first: ours override some of them.
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { prefetchIncidents } from './prefetch.js';

// The incidents of the view are asked for before the app's code (Leaflet, the base map, the
// forms) has even downloaded: on a slow link both downloads overlap instead of queueing.
prefetchIncidents();
void import('./app.js');

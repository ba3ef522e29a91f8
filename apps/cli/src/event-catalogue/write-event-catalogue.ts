import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventCatalogue } from './event-catalogue.js';

// `npm run docs:events`: regenerates docs/EVENTS.md from the domain's event types.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
writeFileSync(join(root, 'docs/EVENTS.md'), eventCatalogue(root));

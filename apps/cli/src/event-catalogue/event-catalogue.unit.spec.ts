import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventCatalogue } from './event-catalogue.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('the event catalogue', () => {
  const catalogue = eventCatalogue(root);

  it('lists every stored event type with its fields', () => {
    expect(catalogue).toContain('### IncidentReported');
    expect(catalogue).toContain('### IncidentAmended\n\nOnly the fields that changed, with their new values, and why.');
    expect(catalogue).toContain('| `changes.harm?.killed` | `number` |');
    expect(catalogue).toContain('| `sources[].confidential` | `boolean` |');
    expect(catalogue).toContain('### FindingRecorded');
    expect(catalogue).toContain('### UserDisabled');
  });

  it('is the committed docs/EVENTS.md (run `npm run docs:events` after changing an event type)', () => {
    expect(readFileSync(join(root, 'docs/EVENTS.md'), 'utf8')).toBe(catalogue);
  });
});

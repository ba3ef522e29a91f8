import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIOLATION_COLUMNS } from '#domain';
import { projectRoot } from '../project/project-root.js';
import { API_TYPES_FILE, apiTypes } from './api-types.js';

describe('the web app’s API types', () => {
  let types: string;
  beforeAll(async () => {
    types = await apiTypes();
  }, 60_000);

  it('type the violations report with every column of the domain’s list, and the map’s incidents as tuples', () => {
    const row = /ViolationsByGroupRowView: \{([\s\S]*?)\n\s*\};/.exec(types)?.[1] ?? '';
    for (const column of VIOLATION_COLUMNS) expect(row).toContain(`${column}: number;`);
    expect(types).toMatch(/incidents: \[\s*string,\s*number,\s*number,\s*string,\s*number \| null,\s*string,\s*string,\s*boolean\s*\]\[\];/);
  });

  it(`are the committed ${API_TYPES_FILE} (run \`npm run api:types\` after changing the API)`, () => {
    expect(readFileSync(join(projectRoot(), API_TYPES_FILE), 'utf8')).toBe(types);
  });
});

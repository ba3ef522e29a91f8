import { globSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// `npm test` runs every *.spec.ts; the per-kind scripts (test:unit, test:int, test:e2e,
// test:browser) select by suffix, so a file without one would run in none of them.
describe('Test files', () => {
  it('are named by kind: *.unit|int|e2e|browser.spec.ts', () => {
    const specs = globSync('{apps,libs,test}/**/*.spec.ts', { cwd: root, exclude: (path) => path.includes('node_modules') });
    expect(specs.length).toBeGreaterThan(20);
    expect(specs.filter((path) => !/\.(unit|int|e2e|browser)\.spec\.ts$/.test(path))).toEqual([]);
  });
});

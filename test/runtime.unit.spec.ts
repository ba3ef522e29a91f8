import { readFileSync } from 'node:fs';

// npm scripts put node_modules/.bin first on PATH, so `npm test` and `npm start` run the Node of
// the devDependency `node`, whatever the system's Node is. .nvmrc names the same version for nvm,
// CI and the Docker image.
const pinned = readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim();
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  devDependencies: Record<string, string>;
};

describe('The runtime', () => {
  it('is the Node that .nvmrc and the devDependency `node` pin', () => {
    expect(manifest.devDependencies.node).toBe(pinned);
    expect(process.version).toBe(`v${pinned}`);
  });

  it('is the Node of the Docker image and of the CI workflow', () => {
    const dockerfile = readFileSync(new URL('../docker/Dockerfile', import.meta.url), 'utf8');
    const workflow = readFileSync(new URL('../.github/workflows/ci.yml', import.meta.url), 'utf8');
    expect(dockerfile).toContain(`ARG NODE_IMAGE=node:${pinned}-`);
    expect(workflow).toContain('node-version-file: .nvmrc');
  });

  it('is a long-term support release', () => {
    expect(process.release.lts).toBeTruthy();
  });
});

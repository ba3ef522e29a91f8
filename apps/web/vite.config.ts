import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const require = createRequire(import.meta.url);
const BASE_MAP = 'virtual:base-map';

/**
 * The offline base map: Natural Earth 1:50m country outlines (world-atlas), cut down at build
 * time to West Africa and rounded to ~100 m, so monitors on a poor connection download tens of
 * kilobytes instead of the whole world. Mali is `id: '466'` (ISO 3166 numeric).
 */
function baseMap(): Plugin {
  const [west, south, east, north] = [-18, 4, 16, 28];
  return {
    name: 'base-map',
    resolveId: (id) => (id === BASE_MAP ? `\0${BASE_MAP}` : undefined),
    load(id) {
      if (id !== `\0${BASE_MAP}`) return undefined;
      const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
      const countries = feature(topology, topology.objects.countries as GeometryCollection<{ name: string }>);
      const round = (value: unknown): unknown =>
        typeof value === 'number' ? Math.round(value * 1000) / 1000 : Array.isArray(value) ? value.map(round) : value;
      const inRegion = (coordinates: unknown): boolean =>
        Array.isArray(coordinates) && typeof coordinates[0] === 'number'
          ? coordinates[0] >= west && coordinates[0] <= east && coordinates[1] >= south && coordinates[1] <= north
          : Array.isArray(coordinates) && coordinates.some(inRegion);
      const features = countries.features
        .filter((f) => f.geometry && inRegion((f.geometry as { coordinates: unknown }).coordinates))
        .map((f) => ({ type: 'Feature', id: f.id, properties: { name: f.properties.name }, geometry: { ...f.geometry, coordinates: round((f.geometry as { coordinates: unknown }).coordinates) } }));
      // JSON.parse of a string is parsed much faster by V8 than the same object as a literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify({ type: 'FeatureCollection', features }))});`;
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [
    baseMap(),
    // A progressive web app: Workbox precaches the build (shell, base map, taxonomy) into src/sw.ts.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'Ceasefire incident tracker',
        short_name: 'Ceasefire',
        start_url: '/',
        display: 'standalone',
        background_color: '#f7f4ee',
        theme_color: '#7a2e1f',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png}'], maximumFileSizeToCacheInBytes: 4 * 1024 * 1024 },
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

/// <reference types="vite/client" />

declare module 'virtual:base-map' {
  const countries: GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, { name: string }>;
  export default countries;
}

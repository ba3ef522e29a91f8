import type { IncidentType } from '../../../libs/domain/src/incident/incident.taxonomy.js';
import { svg } from './dom.js';

// Colour AND shape per type: the map must stay readable for colour-blind users and in
// black-and-white printouts of the daily report.

type Shape = 'circle' | 'triangle' | 'star' | 'diamond' | 'square' | 'hexagon';

export const SYMBOLS: Record<IncidentType, { colour: string; shape: Shape }> = {
  battles: { colour: '#c0392b', shape: 'triangle' },
  explosions_remote_violence: { colour: '#e67e22', shape: 'star' },
  violence_against_civilians: { colour: '#8e44ad', shape: 'diamond' },
  protests: { colour: '#2471a3', shape: 'circle' },
  riots: { colour: '#795548', shape: 'square' },
  strategic_developments: { colour: '#1e8449', shape: 'hexagon' },
};

const FALLBACK = { colour: '#555555', shape: 'circle' as Shape };

// Drawn in a 20×20 box.
const PATHS: Record<Shape, string> = {
  circle: 'M10 2a8 8 0 1 0 0.01 0Z',
  triangle: 'M10 1.5 18.5 17.5H1.5Z',
  star: 'M10 1l2.6 5.9 6.4.6-4.8 4.3 1.4 6.3L10 14.8l-5.6 3.3 1.4-6.3L1 7.5l6.4-.6Z',
  diamond: 'M10 1 19 10 10 19 1 10Z',
  square: 'M3 3h14v14H3Z',
  hexagon: 'M10 1.5 17.5 5.75v8.5L10 18.5 2.5 14.25v-8.5Z',
};

export function symbolOf(type: string) {
  return SYMBOLS[type as IncidentType] ?? FALLBACK;
}

/** The SVG symbol of a type; retracted incidents are drawn hollow and dashed. */
export function typeSymbol(type: string, { size = 20, retracted = false } = {}): SVGElement {
  const { colour, shape } = symbolOf(type);
  const path = svg('path', {
    d: PATHS[shape],
    fill: retracted ? '#ffffff' : colour,
    'fill-opacity': retracted ? 0.6 : 0.9,
    stroke: retracted ? colour : '#ffffff',
    'stroke-width': 1.5,
    ...(retracted ? { 'stroke-dasharray': '2 1.5' } : {}),
  });
  return svg('svg', { width: size, height: size, viewBox: '0 0 20 20', 'aria-hidden': 'true', class: 'type-symbol' }, path);
}

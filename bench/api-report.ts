/**
 * Valid incident reports for the API benchmark, varied in place, date, type, actors and harm:
 * the body of `POST /api/incidents` (`reportBody`) and the event the API would store for it
 * (`reportedEvent`, the same shape as `IncidentReported` written by the report handler).
 *
 * Places: uniform over Mali's bounding box (lat 10–25, lon -12–4.5), named after the nearest
 * gazetteer place, with a share (`kidalShare`, default 5%) drawn inside the Kidal box used by the
 * query benchmark. Dates: uniform over 2012–2015.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncidentDetails } from '../libs/domain/src/index.js';
import type { NewEvent } from '../libs/event-store/src/index.js';

interface Place {
  name: string;
  lat: number;
  lon: number;
  admin1: string;
}

const PLACES: Place[] = (
  JSON.parse(readFileSync(new URL('../data/gazetteer.json', import.meta.url), 'utf8')) as {
    places: Place[];
  }
).places;
const KIDAL_PLACES = PLACES.filter((p) => p.admin1 === 'Kidal');

/** west, south, east, north: the bbox of the query benchmark. */
export const KIDAL_BBOX = [-0.5, 17.5, 3.5, 21] as const;
const MALI = { south: 10, north: 25, west: -12, east: 4.5 };

const KINDS: [IncidentDetails['type'], IncidentDetails['subType'], IncidentDetails['targets']][] = [
  ['battles', 'armed_clash', ['state_forces']],
  ['battles', 'non_state_actor_overtakes_territory', ['armed_groups']],
  ['explosions_remote_violence', 'remote_explosive_landmine_ied', ['peacekeepers']],
  [
    'explosions_remote_violence',
    'shelling_artillery_missile_attack',
    ['peacekeepers', 'civilians'],
  ],
  ['violence_against_civilians', 'attack', ['civilians']],
  ['violence_against_civilians', 'abduction_forced_disappearance', ['humanitarian_workers']],
  ['strategic_developments', 'looting_property_destruction', ['civilians']],
];
const ACTORS = [
  'mnla',
  'hcua',
  'maa',
  'gatia',
  'aqim',
  'mujao',
  'ansar-dine',
  'al-mourabitoun',
  'unidentified-armed-group',
];
const TARGET_ACTORS = ['fama', 'minusma', 'civilians', 'gendarmerie', 'barkhane'];
const DESCRIPTIONS = [
  'Clashes near the governorate; casualties confirmed by the regional hospital.',
  'An improvised explosive device struck a convoy on the road north of the town.',
  'Armed men stopped a vehicle at a checkpoint and took two passengers away.',
  'Rockets fell near the camp at dawn; the monitoring team visited the site that afternoon.',
];

const START = Date.UTC(2012, 0, 1);
const END = Date.UTC(2015, 11, 31);
const DAY = 86_400_000;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const between = (low: number, high: number) => low + Math.random() * (high - low);
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

function nearest(lat: number, lon: number, places: Place[]): Place {
  let best = places[0];
  let bestDistance = Infinity;
  for (const place of places) {
    const distance = (place.lat - lat) ** 2 + (place.lon - lon) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [place, distance];
  }
  return best;
}

/** The details of a report, without source ids (the API gives them). */
export function reportBody(kidalShare = 0.05) {
  const inKidal = Math.random() < kidalShare;
  const [west, south, east, north] = KIDAL_BBOX;
  const lat = round4(inKidal ? between(south + 0.1, north - 0.1) : between(MALI.south, MALI.north));
  const lon = round4(inKidal ? between(west + 0.1, east - 0.1) : between(MALI.west, MALI.east));
  const place = nearest(lat, lon, inKidal ? KIDAL_PLACES : PLACES);
  const [type, subType, targets] = pick(KINDS);
  return {
    occurredAt: new Date(START + Math.floor(Math.random() * ((END - START) / DAY + 1)) * DAY)
      .toISOString()
      .slice(0, 10),
    timePrecision: pick(['day', 'day', 'day', 'week', 'month'] as const),
    location: {
      lat,
      lon,
      place: place.name,
      admin1: place.admin1,
      precision: pick(['exact', 'near', 'region'] as const),
    },
    type,
    subType,
    targets,
    actors: [
      { actorId: pick(ACTORS), role: 'perpetrator' as const },
      { actorId: pick(TARGET_ACTORS), role: 'target' as const },
    ],
    harm: {
      killed: Math.floor(Math.random() * 10),
      injured: Math.floor(Math.random() * 20),
      abducted: Math.floor(Math.random() * 3),
    },
    description: pick(DESCRIPTIONS),
    sources: [
      {
        kind: 'monitor' as const,
        reference: `Field report ${Math.floor(Math.random() * 1e6)}`,
        reliability: 'reliable' as const,
        confidential: false,
      },
    ],
  };
}

/** `IncidentReported` as the API stores it: data = { incidentId, ...details }, metadata = who and which command. */
export function reportedEvent(kidalShare = 0.05): { streamId: string; event: NewEvent } {
  const incidentId = randomUUID();
  const commandId = randomUUID();
  const body = reportBody(kidalShare);
  const details = {
    ...body,
    sources: body.sources.map((s, i) => ({ ...s, id: `src-${commandId.slice(0, 6)}${i}` })),
  };
  return {
    streamId: `incident-${incidentId}`,
    event: {
      id: randomUUID(),
      type: 'IncidentReported',
      data: { incidentId, ...details },
      metadata: { userId: 'bench-loader', commandId, correlationId: commandId },
    },
  };
}

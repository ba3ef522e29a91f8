import fc from 'fast-check';
import request from 'supertest';
import { fileURLToPath } from 'node:url';
import { eventually } from '../../../test/eventually.js';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type TestTracker } from '../../../test/tracker.js';

/**
 * The boundary fuzzed: fast-check mutates a valid request of every write and query endpoint
 * (fields dropped, wrong types, boundary numbers, NUL and lone surrogates, huge strings, unknown
 * keys including `__proto__`, deep nesting, garbage cursors, dates and positions, ids in any
 * case, odd headers) and sends it to the real app. No answer may be a 5xx, and no 4xx may append
 * an event. FUZZ_RUNS sets the number of requests (default 2,000); FUZZ_SEED replays a run.
 */
const ACLED_FIXTURE = fileURLToPath(new URL('../../../libs/tracker/src/imports/fixtures/acled-older-layout.csv', import.meta.url));
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Endpoint {
  method: 'get' | 'post' | 'patch' | 'put';
  /** `{incident}`, `{review}`, `{source}`, `{actor}`, `{coalition}`, `{user}`, `{import}` stand for ids of existing records. */
  path: string;
  body?: () => Json;
  query?: Record<string, string>;
  /** Endpoints that hash passwords are slow: drawn less often. */
  weight?: number;
}

const ENDPOINTS: Endpoint[] = [
  { method: 'post', path: '/api/incidents', body: () => kidalReport() as unknown as Json },
  { method: 'patch', path: '/api/incidents/{incident}', body: () => ({ expectedVersion: 1, changes: { harm: { killed: 9, injured: 0, abducted: 0 }, description: 'amended' }, reason: 'new count' }) },
  { method: 'post', path: '/api/incidents/{incident}/verification', body: () => ({ expectedVersion: 1, level: 'corroborated', note: 'visit' }) },
  { method: 'post', path: '/api/incidents/{incident}/retraction', body: () => ({ expectedVersion: 1, reason: 'duplicate', note: 'twice', duplicateOf: '{incident}' }) },
  { method: 'post', path: '/api/incidents/{incident}/sources/{source}/erasure' },
  // The upload is multipart; this harness sends JSON, which must meet a 400 (no file) and never a 5xx.
  // Its multipart boundary (types, sizes, missing file) is tested in evidence.e2e.spec.ts.
  { method: 'post', path: '/api/incidents/{incident}/evidence', body: () => ({ caption: 'photo', confidential: 'true', strip: 'false' }) },
  { method: 'get', path: '/api/incidents/{incident}/evidence/{incident}' },
  { method: 'get', path: '/api/incidents/{incident}/evidence/{incident}/thumbnail' },
  { method: 'post', path: '/api/incidents/{incident}/evidence/{incident}/erasure' },
  { method: 'get', path: '/api/incidents', query: { bbox: '-1,17,4,21', from: '2014-05-01', to: '2014-05-31', type: 'battles', actor: 'mnla', status: 'active', limit: '10', after: '', minPosition: '' } },
  { method: 'get', path: '/api/incidents', query: { asOf: '2014-05-19', verification: 'reported', target: 'civilians', subType: 'armed_clash' } },
  { method: 'get', path: '/api/incidents/map', query: { bbox: '-1,17,4,21', from: '2014-05-01T00:00:00Z', limit: '100', after: '' } },
  { method: 'get', path: '/api/incidents/export', query: { format: 'csv', from: '2014-01-01', to: '2014-12-31' } },
  { method: 'get', path: '/api/incidents/{incident}', query: { minPosition: '' } },
  { method: 'get', path: '/api/incidents/{incident}/diff', query: { from: '2014-05-19', to: '2015-01-01' } },
  { method: 'get', path: '/api/incidents/{incident}/history' },
  { method: 'get', path: '/api/timeline', query: { around: '2014-05-17', before: 'P7D', after: 'P7D', asOf: '2014-05-19', limit: '50', cursor: '' } },
  { method: 'get', path: '/api/timeline', query: { around: '{incident}', from: '', to: '' } },
  { method: 'post', path: '/api/reviews', body: () => ({ incidentId: '{incident}', agreementId: 'kidal-ceasefire-2014', allegedBy: 'government', allegedParties: ['mnla'], note: 'n' }) },
  { method: 'post', path: '/api/reviews/{review}/finding', body: () => ({ expectedVersion: 1, outcome: 'violation', responsibleParties: ['mnla'], provisions: ['art. 1'], verificationMission: 'EMOV', note: 'found' }) },
  { method: 'post', path: '/api/reviews/{review}/reopening', body: () => ({ expectedVersion: 2, reason: 'new testimony' }) },
  { method: 'get', path: '/api/reviews', query: { status: 'alleged', agreement: 'kidal-ceasefire-2014', party: 'mnla', incident: '{incident}', from: '2014-05-01', to: '2014-06-01', flagged: 'false', limit: '10', after: '', minPosition: '' } },
  { method: 'get', path: '/api/reviews/{review}', query: { minPosition: '' } },
  { method: 'get', path: '/api/violations/by-group', query: { agreement: 'kidal-ceasefire-2014', from: '2014-05-01', to: '2015-06-30', rollup: 'coalition', minPosition: '' } },
  { method: 'get', path: '/api/violations/by-group.csv', query: { agreement: 'kidal-ceasefire-2014', rollup: 'actor' } },
  { method: 'get', path: '/api/violations/by-group/cell', query: { group: 'mnla', groupKind: 'actor', column: 'confirmed', from: '2014-01-01', to: '2014-12-31' } },
  { method: 'get', path: '/api/actors', query: { minPosition: '' } },
  { method: 'post', path: '/api/actors', body: () => ({ id: 'fuzz-group', name: 'Fuzz group', shortName: 'FG', aliases: ['fg'], kind: 'militia', inter: 3, note: 'n', citation: 'c' }) },
  { method: 'post', path: '/api/actors/{actor}/renaming', body: () => ({ expectedVersion: 1, name: 'New name', shortName: 'NN', reason: 'renamed' }) },
  { method: 'post', path: '/api/actors/{actor}/aliases', body: () => ({ expectedVersion: 1, alias: 'another name' }) },
  { method: 'post', path: '/api/actors/{actor}/classification', body: () => ({ expectedVersion: 1, kind: 'militia', inter: 3, reason: 'recoded' }) },
  { method: 'get', path: '/api/agreements', query: { minPosition: '' } },
  { method: 'post', path: '/api/agreements', body: () => ({ id: 'fuzz-accord', name: 'Fuzz accord', signedOn: '2015-06-20', inForceFrom: '2015-06-20', parties: ['mnla'], notes: 'n', citation: 'c' }) },
  { method: 'get', path: '/api/coalitions', query: { minPosition: '' } },
  { method: 'post', path: '/api/coalitions', body: () => ({ id: 'fuzz-coalition', name: 'Fuzz coalition', shortName: 'FC', note: 'n', citation: 'c' }) },
  { method: 'post', path: '/api/coalitions/{coalition}/memberships', body: () => ({ expectedVersion: 1, actorId: 'mnla', from: '2016-01-01' }) },
  { method: 'post', path: '/api/coalitions/{coalition}/departures', body: () => ({ expectedVersion: 1, actorId: 'mnla', on: '2016-06-01' }) },
  { method: 'get', path: '/api/reference/taxonomy' },
  { method: 'get', path: '/api/reference/places' },
  { method: 'get', path: '/api/users' },
  { method: 'post', path: '/api/users', body: () => ({ username: 'fuzz.user', password: 'a long passphrase', roles: ['monitor'] }), weight: 1 },
  { method: 'put', path: '/api/users/{user}/roles', body: () => ({ roles: ['analyst'] }) },
  { method: 'post', path: '/api/users/{user}/disabling', body: () => ({ reason: 'left' }) },
  { method: 'post', path: '/api/users/{user}/enabling' },
  { method: 'post', path: '/api/auth/login', body: () => ({ username: 'fuzz-target', password: 'not the password' }), weight: 1 },
  { method: 'post', path: '/api/auth/password', body: () => ({ currentPassword: 'not the password', newPassword: 'another long passphrase' }), weight: 1 },
  { method: 'get', path: '/api/health' },
  // An upload's body is multipart: sent as JSON (mutated) it must be refused for want of a file.
  { method: 'post', path: '/api/imports', body: () => ({ dataset: 'acled', retractMissing: 'false' }) },
  { method: 'get', path: '/api/imports', query: { limit: '10' } },
  { method: 'get', path: '/api/imports/{import}' },
];

const uuidAnyCase = fc.uuid().chain((id) => fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }).map((up) => [...id].map((c, i) => (up[i] ? c.toUpperCase() : c)).join('')));

const UNSTORABLE = ['\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\udfff\ud800', 'mnla\u0000'];
const DATES = [
  '2014', '2014-05', '2014-W20-3', '2014-W20', '2014-137', '9999-12-31', '0000-01-01', '1959-12-31', '2014-02-30', '2014-05-17T25:00:00Z',
  '2014-05-17T10:00:00', '2014-05-17 10:00:00Z', '+010000-01-01', '-002014-05-17', '2014-05-17T10:00:00.1234567Z', '2014-05-17T10:00:00+24:00',
  'P7D', 'P', 'PT', 'P99999Y', 'P1.5D', 'P1000000W', 'PT1H1H',
];
const ODD = [
  '', ' ', '😀', 'e\u0301', '\u202e', '%00', '../..', "'; DROP TABLE events; --", '__proto__', 'constructor', 'prototype', 'NaN', 'Infinity', '-1', '1e308',
  '2147483648', 'true', 'null', '00000000000000000000-00000000000000000000', '1-1', 'zzz', '0|------------------------------------', 'MjAxNHw=',
  'mnla,fama,,', ',,,', '-1,17,4', '999,999,999,999', 'NaN,NaN,NaN,NaN',
];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...UNSTORABLE) },
  { weight: 3, arbitrary: fc.constantFrom(...DATES) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => Buffer.from(s).toString('base64url')) },
  { weight: 2, arbitrary: uuidAnyCase },
  { weight: 1, arbitrary: fc.constantFrom(201, 2_001, 20_001, 70_000).map((n) => 'x'.repeat(n)) },
);

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1, 1.5, -0, 1e6, 1e6 + 1, 2 ** 31 - 1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e20, 1e308, -1e308, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * `[[[…]]]` or `{"a":{"a":…}}` this deep: a marker here, spliced into the JSON text when the body
 * is written (JSON.stringify itself would overflow the stack at 5,000).
 */
const nested = fc.tuple(fc.constantFrom(20, 200, 5_000), fc.boolean()).map(([depth, arrays]) => `\u0001nest:${depth}:${arrays}`);
const spliceNesting = (json: string) =>
  json.replace(/"\\u0001nest:(\d+):(true|false)"/g, (_m, depth: string, arrays: string) =>
    arrays === 'true' ? `${'['.repeat(Number(depth))}"bottom"${']'.repeat(Number(depth))}` : `${'{"a":'.repeat(Number(depth))}"bottom"${'}'.repeat(Number(depth))}`,
  );

const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom<Json>(true, false, null, [], {}, [null], { killed: 1 }) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) },
  { weight: 1, arbitrary: nested },
);

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];
const unknownKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'extra', 'a\u0000b', '\ud800', ''), fc.string({ maxLength: 10 }));

/** Every path into a JSON value: `[]` is the value itself. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return here;
}

/** Sets (as an own key, even `__proto__`), or with `undefined` drops, the value at a path. */
function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value === undefined ? null : value;
  const [head, ...rest] = path;
  const copy: Json = Array.isArray(root) ? [...root] : root && typeof root === 'object' ? { ...root } : {};
  const target = copy as Record<string | number, Json>;
  const next = rest.length ? setAt(target[head] ?? {}, rest, value) : value;
  if (next === undefined) delete target[head];
  else Object.defineProperty(target, head, { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}

type Mutation =
  | { kind: 'valid' }
  | { kind: 'drop'; pick: number }
  | { kind: 'set'; pick: number; value: Json }
  | { kind: 'add'; pick: number; key: string; value: Json }
  | { kind: 'raw'; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'valid' }) },
  { weight: 3, arbitrary: fc.nat().map<Mutation>((pick) => ({ kind: 'drop', pick })) },
  { weight: 8, arbitrary: fc.record({ pick: fc.nat(), value: nastyValue }).map<Mutation>((m) => ({ kind: 'set', ...m })) },
  { weight: 3, arbitrary: fc.record({ pick: fc.nat(), key: unknownKey, value: nastyValue }).map<Mutation>((m) => ({ kind: 'add', ...m })) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '[]', '"text"', '1e999', '{"a":1,"a":2}', '\u0000').map<Mutation>((text) => ({ kind: 'raw', text })) },
);

function mutateBody(body: Json, m: Mutation): string {
  return spliceNesting(mutatedJson(body, m));
}

function mutatedJson(body: Json, m: Mutation): string {
  if (m.kind === 'raw') return m.text;
  if (m.kind === 'valid') return JSON.stringify(body);
  const paths = pathsOf(body);
  const path = paths[m.pick % paths.length];
  if (m.kind === 'drop') return JSON.stringify(setAt(body, path, undefined) ?? null);
  if (m.kind === 'set') return JSON.stringify(setAt(body, path, m.value));
  const objects = paths.filter((p) => {
    const at = p.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], body);
    return at !== null && typeof at === 'object' && !Array.isArray(at);
  });
  const parent = objects[m.pick % objects.length];
  return JSON.stringify(setAt(body, [...parent, m.key], m.value));
}

/** Percent-encodes as a client would; a lone surrogate has no UTF-8 form, so it goes as U+FFFD's bytes. */
const encode = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');

type QueryMutation = { kind: 'valid' } | { kind: 'set'; pick: number; value: string } | { kind: 'repeat'; pick: number } | { kind: 'add'; key: string; value: string };
const queryMutation: fc.Arbitrary<QueryMutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<QueryMutation>({ kind: 'valid' }) },
  { weight: 8, arbitrary: fc.record({ pick: fc.nat(), value: nastyString }).map<QueryMutation>((m) => ({ kind: 'set', ...m })) },
  { weight: 1, arbitrary: fc.nat().map<QueryMutation>((pick) => ({ kind: 'repeat', pick })) },
  { weight: 2, arbitrary: fc.record({ key: unknownKey, value: nastyString }).map<QueryMutation>((m) => ({ kind: 'add', ...m })) },
);

function queryString(base: Record<string, string>, m: QueryMutation): string {
  const pairs = Object.entries(base).filter(([, v]) => v !== '');
  const names = Object.keys(base);
  if (m.kind === 'set' && names.length) {
    const name = names[m.pick % names.length];
    const at = pairs.findIndex(([k]) => k === name);
    if (at >= 0) pairs[at] = [name, m.value];
    else pairs.push([name, m.value]);
  }
  if (m.kind === 'repeat' && pairs.length) pairs.push(pairs[m.pick % pairs.length]);
  if (m.kind === 'add') pairs.push([m.key, m.value]);
  return pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
}

type IdMutation = { kind: 'same' } | { kind: 'upper' } | { kind: 'other'; text: string };
const idMutation: fc.Arbitrary<IdMutation> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<IdMutation>({ kind: 'same' }) },
  { weight: 2, arbitrary: fc.constant<IdMutation>({ kind: 'upper' }) },
  { weight: 2, arbitrary: nastyString.map<IdMutation>((text) => ({ kind: 'other', text })) },
);

/** Header values a client can send (no CR, LF or NUL: Node refuses those itself). */
const headerValue = fc.oneof(
  fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~\u00a0\u00ff\t'), maxLength: 150 }),
  fc.constantFrom('x'.repeat(101), 'x'.repeat(5_000), ' ', ''),
);
const headers = fc.record(
  { correlationId: headerValue, idempotencyKey: fc.string({ unit: fc.constantFrom(...'abcXYZ019-_ !~\u00e9'), maxLength: 200 }), contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1') },
  { requiredKeys: [] },
);

const requestArbitrary = fc.record({
  endpoint: fc.oneof(...ENDPOINTS.map((endpoint) => ({ weight: endpoint.weight ?? 4, arbitrary: fc.constant(endpoint) }))),
  body: mutation,
  query: queryMutation,
  id: idMutation,
  headers,
});

describe('The boundary, fuzzed', () => {
  let tracker: TestTracker;
  let http: ReturnType<typeof request>;
  let auth: { Authorization: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tracker = await startTestTracker({ demoData: true });
    http = request(tracker.app.getHttpServer());
    auth = await tracker.as(['admin', 'reviewer', 'monitor', 'analyst'], 'fuzzer');
    await tracker.as('monitor', 'fuzz-target');
    const incidents = await http.get('/api/incidents?limit=1').set(auth);
    const incident = await http.get(`/api/incidents/${incidents.body.features[0].id}`).set(auth);
    const reviews = await http.get('/api/reviews?limit=1').set(auth);
    Object.assign(ids, {
      incident: incident.body.id,
      source: incident.body.details.sources[0].id,
      review: reviews.body.reviews[0].id,
      actor: 'mnla',
      coalition: (await http.get('/api/coalitions').set(auth)).body[0]?.id ?? 'cma',
      user: 'fuzz-target',
      import: (await http.post('/api/imports').set(auth).field('dataset', 'acled').attach('file', ACLED_FIXTURE).expect(202)).body.id,
    });
    // The import appends in the background: done before the fuzzing counts events.
    await eventually('the import is done', async () => (await http.get(`/api/imports/${ids.import}`).set(auth)).body.state === 'done');
  });
  afterAll(() => tracker?.close());

  it(`answers ${RUNS} mutated requests without a 5xx, and appends nothing on a 4xx`, async () => {
    const failures: string[] = [];
    const counts = { requests: 0, '2xx': 0, '4xx': 0, '5xx': 0 };
    const started = Date.now();
    let before = await tracker.eventCount();
    for (const r of fc.sample(requestArbitrary, { numRuns: RUNS, seed: SEED })) {
      const idOf = (name: string) => {
        const id = ids[name];
        if (r.id.kind === 'upper') return id.toUpperCase();
        if (r.id.kind === 'other' && name !== 'source') return r.id.text;
        return id;
      };
      const path = r.endpoint.path.replace(/\{(\w+)\}/g, (_m, name: string) => encode(idOf(name)));
      const query = r.endpoint.query ? queryString(Object.fromEntries(Object.entries(r.endpoint.query).map(([k, v]) => [k, v.replace(/\{(\w+)\}/g, (_m, n: string) => ids[n])])), r.query) : '';
      let call = http[r.endpoint.method](query ? `${path}?${query}` : path).set(auth);
      if (r.headers.correlationId !== undefined) call = call.set('X-Correlation-Id', r.headers.correlationId);
      if (r.headers.idempotencyKey !== undefined) call = call.set('Idempotency-Key', r.headers.idempotencyKey);
      const body = r.endpoint.body ? mutateBody(JSON.parse(JSON.stringify(r.endpoint.body()).replace(/\{(\w+)\}/g, (_m, n: string) => ids[n])), r.body) : undefined;
      if (body !== undefined) call = call.set('Content-Type', r.headers.contentType ?? 'application/json').send(body);

      const label = `${r.endpoint.method.toUpperCase()} ${path.slice(0, 120)}${query ? `?${query.slice(0, 200)}` : ''} ${body?.slice(0, 200) ?? ''}`;
      counts.requests++;
      // A connection the server drops is as much a failure as a 5xx, and needs the request named.
      const response = await call.catch((error: Error) => {
        failures.push(`${error.message} ${label} headers=${JSON.stringify(r.headers).slice(0, 300)}`);
        return undefined;
      });
      if (!response) continue;
      if (response.status >= 500) {
        counts['5xx']++;
        failures.push(`${response.status} ${label} → ${response.text.slice(0, 200)}`);
      }
      // Requests go one at a time, so the count moves only with this request.
      const after = await tracker.eventCount();
      if (response.status >= 400 && response.status < 500) {
        counts['4xx']++;
        if (after !== before) failures.push(`${response.status} appended ${after - before} event(s): ${label}`);
      } else if (response.status < 400) counts['2xx']++;
      before = after;
    }
    console.log(`fuzz: ${JSON.stringify(counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s (FUZZ_SEED=${SEED})`);
    expect(failures).toEqual([]);
  }, 900_000);
});

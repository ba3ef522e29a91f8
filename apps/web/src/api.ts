import type { ActorName } from './actor-search.js';
import type { IncidentDetails, Retraction } from '../../../libs/domain/src/incident/incident.js';
import type { IncidentEvidence } from '../../../libs/domain/src/incident/incident.evidence.js';
import type { RetractionReason, VerificationLevel } from '../../../libs/domain/src/incident/incident.taxonomy.js';
import type { HistoryEvent } from './history.js';
import { clearSession, session, type Session } from './session.js';

// The tracker's HTTP API, typed as the web app uses it.

/** An incident as the map draws it (`GET /api/incidents/map`), in the order of the answer's `fields`. */
export type MapIncident = [id: string, lon: number, lat: number, type: string, killed: number, occurredAt: string, place: string, retracted: boolean];

/** Incidents per request: the API's largest page, so a view is one request. */
export const PAGE_SIZE = 50_000;

export interface StatsFigures {
  incidents: number;
  killed: number;
  injured: number;
  abducted: number;
}
export type StatsGroup = StatsFigures & Partial<Record<'day' | 'week' | 'month' | 'year' | 'admin1' | 'type' | 'subType' | 'actor' | 'target', string | null>>;
export interface IncidentStats {
  groupBy: string[];
  total: StatsFigures;
  groups: StatsGroup[];
}

export interface MapIncidents {
  incidents: MapIncident[];
  nextCursor?: string;
  /** Set here, from the API's header: it answered before its read model reached `minPosition`. */
  readModelBehind?: boolean;
}

export interface IncidentView {
  id: string;
  version: number;
  status: 'active' | 'retracted';
  verification: VerificationLevel;
  details: IncidentDetails;
  retraction?: Retraction;
  /** The files attached (a confidential one's caption reads "[confidential]" to roles that may not read it). */
  evidence?: IncidentEvidence[];
  reportedAt: string;
  reportedBy: string;
  lastChangedAt: string;
  lastChangedBy: string;
}

export interface Place {
  name: string;
  lat: number;
  lon: number;
  admin1: string;
}

export interface Agreement {
  id: string;
  name: string;
  shortName?: string;
  signedOn?: string;
  inForceFrom: string;
  inForceTo?: string | null;
  parties: string[];
}

export const VIOLATION_COLUMNS = ['alleged', 'underReview', 'confirmed', 'dismissed', 'inconclusive', 'killedInConfirmed'] as const;
export type ViolationColumn = (typeof VIOLATION_COLUMNS)[number];

export type ViolationsRow = { group: string; groupKind: 'actor' | 'coalition'; groupName: string } & Record<ViolationColumn, number>;

export interface ViolationsByGroup {
  agreement: string | null;
  from: string | null;
  to: string | null;
  rollup: 'actor' | 'coalition';
  rows: ViolationsRow[];
}

export interface Review {
  id: string;
  version: number;
  status: 'open' | 'decided' | 'reopened';
  incidentId: string;
  agreementId: string;
  allegedBy: string;
  allegedParties: string[];
  allegationNote?: string;
  finding: { outcome: string; responsibleParties?: string[]; provisions?: string[]; note?: string } | null;
  flagged: boolean;
}

export interface ReviewHistoryEvent {
  type: string;
  version: number;
  recordedAt: string;
  recordedBy: string;
  reason?: string;
  data: Record<string, unknown>;
}

export interface TimelineEntry {
  id: string;
  incidentId: string;
  reviewId?: string;
  kind: string;
  eventType: string;
  recordedAt: string;
  recordedBy: string;
  occurredAt: string;
  place: string;
  lat: number;
  lon: number;
  type: string;
  fatalities: number;
  actors: { actorId: string; role: string }[];
  status: 'active' | 'retracted';
  summary: { code: string; text: string };
  changedSince?: string[];
}

export interface Timeline {
  asOf: string | null;
  entries: TimelineEntry[];
  nextCursor?: string;
}

/** An import started over HTTP (`POST /api/imports`), as `GET /api/imports/:id` reports it. */
export interface ImportJob {
  id: string;
  dataset: 'acled' | 'ucdp';
  fileName: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { bytesRead: number; totalBytes: number; rows: number; rowsPerSecond: number | null; etaSeconds: number | null };
  summary: {
    read: number;
    new: number;
    amended: number;
    unchanged: number;
    retracted: number;
    rejected: number;
    rejections: { line: number; reason: string }[];
    provisionalActors: string[];
    lastPosition?: string;
  } | null;
  error: string | null;
}

export type ExportFormat = 'geojson' | 'csv' | 'acled' | 'ucdp';

export interface WriteResult {
  id?: string;
  version: number;
  position: string;
}

export interface FieldError {
  field: string;
  messages: string[];
}

/** How the server explains a refusal: an RFC 9457 problem document with our `code` and `errors`. */
interface Problem {
  code?: string;
  detail?: string;
  errors?: FieldError[];
  retryAfter?: number;
}

/** A refusal by the server: `fieldErrors` name the inputs to mark. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

/** 409: the incident changed since the client read it. */
export class ConflictError extends ApiError {}

/** The request never got an answer (no network, timeout): safe to retry with the same key. */
export class NetworkError extends Error {}

/** 401 on a signed-in call: the token expired or was revoked; the app goes back to sign-in. */
export function signedOut(): void {
  clearSession();
  location.reload();
}

/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); a field laptop
 * reaching the server over plain http on a LAN has crypto.getRandomValues only.
 */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Writes carry one; a retry of the same submission must reuse it so it is appended once. */
  idempotencyKey?: string;
}

async function request<T>(method: string, path: string, { body, signal, idempotencyKey }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  // A form's fields and file go as multipart, with the boundary the browser chooses.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  const token = session()?.accessToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (method !== 'GET') {
    headers['Idempotency-Key'] = idempotencyKey ?? uuid();
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body), signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(String(error));
  }
  const payload = await response.json().catch(() => undefined);
  if (response.ok && payload && response.headers.get('X-Read-Model-Behind') === 'true') payload.readModelBehind = true;
  if (response.ok) return payload as T;
  if (response.status === 401 && token) {
    signedOut();
    throw new NetworkError('signed out');
  }
  if (response.status >= 500 || response.status === 408 || response.status === 429 || payload === undefined) {
    // Proxies and overloaded servers: the request may or may not have landed; retrying is safe.
    throw new NetworkError(`HTTP ${response.status}`);
  }
  throw refusal(response, payload as Problem);
}

function refusal(response: Response, { code = 'error', detail = response.statusText, errors = [], retryAfter }: Problem): ApiError {
  const error = new (response.status === 409 ? ConflictError : ApiError)(response.status, code, detail, errors);
  if (retryAfter !== undefined) Object.assign(error, { retryAfter });
  return error;
}

const withMinPosition = (path: string, minPosition?: string) => (minPosition ? `${path}?minPosition=${encodeURIComponent(minPosition)}` : path);

export type LoginResult = Session;

/** Sign-in: 401 wrong credentials, 429 too many attempts (`retryAfter` seconds). */
export async function login(username: string, password: string): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' }, body: JSON.stringify({ username, password }) });
  } catch (error) {
    throw new NetworkError(String(error));
  }
  const payload = (await response.json().catch(() => ({}))) as LoginResult & Problem;
  if (response.ok) return payload;
  if (response.status >= 500) throw new NetworkError(`HTTP ${response.status}`);
  throw refusal(response, payload);
}

export async function logout(): Promise<void> {
  const token = session()?.accessToken;
  clearSession();
  if (token) await fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
}

/** A file from the API (exports, evidence): links cannot carry the token, so it is fetched and saved. */
export async function download(path: string, filename: string): Promise<void> {
  const url = URL.createObjectURL(await fetchBlob(path));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file of the API as a Blob: neither a link nor an image can send the token themselves. */
export async function fetchBlob(path: string): Promise<Blob> {
  const token = session()?.accessToken;
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (response.status === 401 && token) {
    signedOut();
    throw new NetworkError('signed out');
  }
  if (!response.ok) throw new ApiError(response.status, 'error', response.statusText);
  return response.blob();
}

export const evidencePath = (incidentId: string, evidenceId: string, thumbnail = false) =>
  `/api/incidents/${encodeURIComponent(incidentId)}/evidence/${encodeURIComponent(evidenceId)}${thumbnail ? '/thumbnail' : ''}`;

export const api = {
  mapIncidents: (query: URLSearchParams, signal?: AbortSignal) => request<MapIncidents>('GET', `/api/incidents/map?${query}`, { signal }),
  incident: (id: string, minPosition?: string) => request<IncidentView>('GET', withMinPosition(`/api/incidents/${encodeURIComponent(id)}`, minPosition)),
  history: (id: string) => request<{ id: string; events: HistoryEvent[] }>('GET', `/api/incidents/${encodeURIComponent(id)}/history`),
  context: () => request<{ context: string }>('GET', '/api/reference/context'),
  places: () => request<{ places: Place[] }>('GET', '/api/reference/places'),
  report: (body: Partial<IncidentDetails> & { id: string }, idempotencyKey: string) =>
    request<WriteResult>('POST', '/api/incidents', { body, idempotencyKey }),
  amend: (id: string, body: { expectedVersion: number; changes: Partial<IncidentDetails>; reason: string }, idempotencyKey: string) =>
    request<WriteResult>('PATCH', `/api/incidents/${encodeURIComponent(id)}`, { body, idempotencyKey }),
  verify: (id: string, body: { expectedVersion: number; level: VerificationLevel; note: string }, idempotencyKey: string) =>
    request<WriteResult>('POST', `/api/incidents/${encodeURIComponent(id)}/verification`, { body, idempotencyKey }),
  retract: (id: string, body: { expectedVersion: number; reason: RetractionReason; duplicateOf?: string; note: string }, idempotencyKey: string) =>
    request<WriteResult>('POST', `/api/incidents/${encodeURIComponent(id)}/retraction`, { body, idempotencyKey }),
  actors: () => request<{ actors: ActorName[] }>('GET', '/api/actors'),
  registerActor: (body: ActorName & { inter: number }, idempotencyKey: string) => request<WriteResult>('POST', '/api/actors', { body, idempotencyKey }),
  stats: (query: URLSearchParams) => request<IncidentStats>('GET', `/api/stats?${query}`),
  agreements: () => request<{ agreements: Agreement[] }>('GET', '/api/agreements'),
  violationsByGroup: (query: URLSearchParams) => request<ViolationsByGroup>('GET', `/api/violations/by-group?${query}`),
  violationsCell: (query: URLSearchParams) => request<{ incidentIds: string[] }>('GET', `/api/violations/by-group/cell?${query}`),
  reviewsOf: (incidentId: string, minPosition?: string) =>
    request<{ reviews: Review[] }>('GET', `/api/reviews?incident=${encodeURIComponent(incidentId)}${minPosition ? `&minPosition=${encodeURIComponent(minPosition)}` : ''}`),
  review: (id: string) => request<Review & { history: ReviewHistoryEvent[] }>('GET', `/api/reviews/${encodeURIComponent(id)}`),
  allege: (body: { incidentId: string; agreementId: string; allegedBy: string; allegedParties: string[]; note?: string }, idempotencyKey: string) =>
    request<WriteResult>('POST', '/api/reviews', { body, idempotencyKey }),
  finding: (id: string, body: { expectedVersion: number; outcome: string; responsibleParties?: string[]; provisions?: string[]; verificationMission?: string; note: string }, idempotencyKey: string) =>
    request<WriteResult>('POST', `/api/reviews/${encodeURIComponent(id)}/finding`, { body, idempotencyKey }),
  timeline: (query: URLSearchParams) => request<Timeline>('GET', `/api/timeline?${query}`),
  attachEvidence: (incidentId: string, form: FormData, idempotencyKey: string) =>
    request<WriteResult & { evidenceId: string; sha256: string }>('POST', `/api/incidents/${encodeURIComponent(incidentId)}/evidence`, { body: form, idempotencyKey }),
  exportUrl: (format: ExportFormat, query: URLSearchParams) => `/api/incidents/export?format=${format}${format === 'acled' ? '&hxl=true' : ''}&${query}`,
  startImport: (form: FormData) => request<ImportJob>('POST', '/api/imports', { body: form }),
  importJob: (id: string) => request<ImportJob>('GET', `/api/imports/${encodeURIComponent(id)}`),
  provisionalActors: (minPosition?: string) =>
    request<{ actors: (ActorName & { version: number })[] }>('GET', `/api/actors?provisional=true${minPosition ? `&minPosition=${encodeURIComponent(minPosition)}` : ''}`),
  confirmActor: (id: string, body: { expectedVersion: number; reason: string }, idempotencyKey: string) =>
    request<WriteResult>('POST', `/api/actors/${encodeURIComponent(id)}/confirmation`, { body, idempotencyKey }),
  mergeActor: (id: string, body: { expectedVersion: number; into: string; reason: string }, idempotencyKey: string) =>
    request<WriteResult>('POST', `/api/actors/${encodeURIComponent(id)}/merger`, { body, idempotencyKey }),
};

/**
 * One Idempotency-Key per distinct submission: pressing "send" again after a network failure
 * reuses the key (the server appends once), while an edited form gets a new one.
 */
export function idempotencyKeys(): (body: unknown) => string {
  let lastBody = '';
  let key = '';
  return (body) => {
    const text = JSON.stringify(body);
    if (text !== lastBody) [lastBody, key] = [text, uuid()];
    return key;
  };
}

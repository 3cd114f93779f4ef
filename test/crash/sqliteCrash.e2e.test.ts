// Crash safety of @planlog/sqlite (issue 4, item 5): a child process appends in a loop and is killed
// with SIGKILL at random moments; after every kill the file must hold every append the child saw
// resolve, no part of any transaction, a gap-free log whose hash chain verifies, and read models equal
// to a rebuild from the log. The same file is reused across rounds, so each child opens what the last
// one left behind (WAL and all) and must carry on appending.
//
// To keep both cores busy, each round's file is copied as the kill left it (the database and its WAL:
// no process has it open then) and checked while the next child already runs on the original.
// CRASH_ROUNDS and CRASH_SEED override the defaults.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  builtinProjections,
  memoryReadModels,
  ProjectionRunner,
  verifyLog,
  type ReadModels,
} from '@planlog/core';
import { sqliteReadModels, sqliteStore } from '@planlog/sqlite';
import { afterAll, describe, expect, it } from 'vitest';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 30);
const SEED = Number(process.env.CRASH_SEED ?? 20260410);
const CHILD = fileURLToPath(new URL('./appendLoop.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Intent = { commandId: string; streams: Record<string, string[]>; ids?: Record<string, string[]> };
type RawResolved = { commandId: string; results: { streamId: string; version: number; position: number | null; eventIds: string[] }[] };
type EngineResolved = { commandId: string; position: number };
type Resolved = RawResolved | EngineResolved;
type Child = {
  lines: string[];
  /** Let it open the file (it has loaded its modules by then, or will open as soon as it has). */
  go(): void;
  started: Promise<number>;
  exited: Promise<{ code: number | null; signal: string | null; stderr: string }>;
  kill(): void;
};

/** mulberry32: the kill delays of a seed are the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return (min: number, max: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return min + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max - min + 1));
  };
}

/** Spawn the child (it waits for `go()`); `started` resolves with the head it found once its first append has resolved. */
function runChild(file: string, seed: number, iterations?: number): Child {
  const args = ['--import', 'tsx', CHILD, file, String(seed), ...(iterations === undefined ? [] : [String(iterations)])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  let head = -1;
  let onStarted!: (head: number) => void;
  let onFailed!: (error: Error) => void;
  const started = new Promise<number>((resolve, reject) => {
    onStarted = resolve;
    onFailed = reject;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const complete = buffered.split('\n');
    buffered = complete.pop()!;
    for (const line of complete) {
      lines.push(line);
      if (line.startsWith('S ')) head = (JSON.parse(line.slice(2)) as { head: number }).head;
      if (line.startsWith('R ')) onStarted(head);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      // A line cut by the kill is not a line the child finished writing: it is dropped.
      onFailed(new Error(`the child exited (${code ?? signal}) before any append resolved:\n${stderr}`));
      resolve({ code, signal, stderr });
    }),
  );
  return { lines, go: () => child.stdin.end('go\n'), started, exited, kill: () => child.kill('SIGKILL') };
}

/** Everything the children said, across rounds: intents, resolved appends, refusals. */
class Ledger {
  constructor(
    readonly intents = new Map<string, Intent>(),
    readonly resolved = new Map<string, Resolved>(),
    readonly refused = new Set<string>(),
  ) {}
  /** What was said up to now (a round's check must not see what later children said). */
  copy(): Ledger {
    return new Ledger(new Map(this.intents), new Map(this.resolved), new Set(this.refused));
  }
  take(lines: readonly string[]): void {
    for (const line of lines) {
      const body = line.length > 2 ? JSON.parse(line.slice(2)) : null;
      if (line.startsWith('I ')) this.intents.set(body.commandId, body);
      else if (line.startsWith('R ')) this.resolved.set(body.commandId, body);
      else if (line.startsWith('X ')) this.refused.add(body.commandId);
    }
  }
}

type Row = { position: number; id: string; stream_id: string; version: number; type: string; command_id: string };

const tables = builtinProjections.flatMap((projection) => projection.tables.map((table) => table.name));
const dump = async (readModels: ReadModels) => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await readModels.rows(table)] as const)));

/** Open a file the way a crash left it and check it against what the children said. */
async function check(file: string, ledger: Ledger, round: number): Promise<{ head: number; inFlightCommitted: number }> {
  const where = `round ${round} (seed ${SEED})`;
  const store = sqliteStore({ file });
  try {
    const rows = store.database
      .prepare("SELECT position, json_extract(event, '$.id') AS id, stream_id, version, json_extract(event, '$.type') AS type, command_id FROM planlog_events ORDER BY position")
      .all() as Row[];
    const head = await store.headPosition();

    // Positions 1..head without gaps; every stream's versions 1..n in log order.
    expect(rows.map((row) => row.position), `${where}: positions`).toEqual(Array.from({ length: head }, (_, index) => index + 1));
    const versions = new Map<string, number>();
    for (const row of rows) {
      expect(row.version, `${where}: version of ${row.stream_id} at position ${row.position}`).toBe((versions.get(row.stream_id) ?? 0) + 1);
      versions.set(row.stream_id, row.version);
    }

    // No partial transaction: every command found holds exactly the events its call carried.
    const byCommand = new Map<string, Row[]>();
    for (const row of rows) byCommand.set(row.command_id, [...(byCommand.get(row.command_id) ?? []), row]);
    for (const [commandId, events] of byCommand) {
      const intent = ledger.intents.get(commandId);
      expect(intent, `${where}: command ${commandId} in the log was never sent`).toBeDefined();
      expect(ledger.refused.has(commandId), `${where}: refused command ${commandId} left events`).toBe(false);
      const streams: Record<string, string[]> = {};
      const ids: Record<string, string[]> = {};
      for (const event of events) {
        (streams[event.stream_id] ??= []).push(event.type);
        (ids[event.stream_id] ??= []).push(event.id);
      }
      expect(streams, `${where}: events of command ${commandId}`).toEqual(intent!.streams);
      if (intent!.ids) expect(ids, `${where}: event ids of command ${commandId}`).toEqual(intent!.ids);
      const span = store.database.prepare('SELECT first_position, last_position FROM planlog_commands WHERE command_id = ?').get(commandId);
      expect(span, `${where}: command row of ${commandId}`).toEqual({ first_position: events[0]!.position, last_position: events.at(-1)!.position });
    }

    // Every append a child saw resolve is there, at the position and version it was told.
    for (const [commandId, resolved] of ledger.resolved) {
      const events = byCommand.get(commandId);
      expect(events, `${where}: resolved command ${commandId} is missing`).toBeDefined();
      if ('results' in resolved) {
        for (const result of resolved.results) {
          const mine = events!.filter((event) => event.stream_id === result.streamId);
          expect(mine.map((event) => event.id), `${where}: ${commandId} on ${result.streamId}`).toEqual(result.eventIds);
          expect({ version: mine.at(-1)!.version, position: mine.at(-1)!.position }).toEqual({ version: result.version, position: result.position });
        }
      } else {
        expect(events!.at(-1)!.position, `${where}: last position of ${commandId}`).toBe(resolved.position);
      }
    }
    const inFlightCommitted = [...byCommand.keys()].filter((commandId) => !ledger.resolved.has(commandId)).length;

    // The hash chain (and every event's schema) verifies from the first event to the head.
    expect(await verifyLog(store), `${where}: verifyLog`).toEqual(expect.objectContaining({ ok: true, checked: head }));

    // The read models the children left, caught up, equal a rebuild from the log in memory.
    const onDisk = sqliteReadModels(store);
    const caughtUp = await new ProjectionRunner({ store, readModels: onDisk, projections: builtinProjections }).catchUp();
    expect(caughtUp, `${where}: catch-up of the read models on disk`).toEqual({ position: head, failed: [] });
    expect((await onDisk.status()).map((entry) => entry.checkpoint)).toEqual(builtinProjections.map(() => head));
    const rebuilt = memoryReadModels();
    await new ProjectionRunner({ store, readModels: rebuilt, projections: builtinProjections }).catchUp();
    expect(await dump(onDisk), `${where}: read models`).toEqual(await dump(rebuilt));
    return { head, inFlightCommitted };
  } finally {
    await store.close();
  }
}

/** A copy of the database as the kill left it (the WAL holds what was committed but not checkpointed). */
function snapshot(file: string, to: string): string {
  for (const suffix of ['', '-wal']) if (existsSync(file + suffix)) copyFileSync(file + suffix, to + suffix);
  return to;
}

describe('sqliteStore under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'planlog-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every resolved append and nothing partial over ${ROUNDS} kills`, { timeout: 180_000 }, async () => {
    const file = join(dir, 'plans.db');
    const delay = prng(SEED);
    const ledger = new Ledger();
    const stats: { round: number; head: number; resolved: number; inFlightCommitted: number }[] = [];
    let checking: Promise<void> = Promise.resolve();
    let lastHead = 0;

    let next = runChild(file, SEED + 1);
    for (let round = 1; round <= ROUNDS; round++) {
      const child = next;
      child.go();
      const foundHead = await child.started;
      // The child opened what the previous kill left and carried on from its head.
      expect(foundHead, `round ${round}: head found by the child`).toBe(lastHead);
      next = round < ROUNDS ? runChild(file, SEED + round + 1) : runChild(file, SEED, 3);
      await new Promise((resolve) => setTimeout(resolve, delay(0, 400)));
      child.kill();
      const exit = await child.exited;
      expect(exit.signal, `round ${round}: the child died by itself:\n${exit.stderr}`).toBe('SIGKILL');
      ledger.take(child.lines);
      const copy = snapshot(file, join(dir, `round-${round}.db`));
      const resolved = child.lines.filter((line) => line.startsWith('R ')).length;
      // Learn the head now (the next child must find it); check the rest while that child runs.
      const probe = sqliteStore({ file: copy });
      lastHead = await probe.headPosition();
      await probe.close();
      const said = ledger.copy();
      checking = checking.then(async () => {
        const result = await check(copy, said, round);
        stats.push({ round, resolved, ...result });
        for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
      });
      checking.catch(() => undefined); // surfaced by the await below
    }
    await checking;

    // A last child runs to the end without a kill and closes the store cleanly.
    const last = next;
    last.go();
    expect(await last.started).toBe(lastHead);
    const exit = await last.exited;
    expect(exit, exit.stderr).toEqual(expect.objectContaining({ code: 0 }));
    expect(last.lines.at(-1)).toBe('D');
    ledger.take(last.lines);
    const final = await check(file, ledger, ROUNDS + 1);

    expect(stats).toHaveLength(ROUNDS);
    expect(ledger.resolved.size).toBeGreaterThan(ROUNDS);
    console.log(
      `crash: ${ROUNDS} SIGKILL rounds (seed ${SEED}), ${final.head} events, ${ledger.resolved.size} resolved appends checked, ` +
        `${final.inFlightCommitted} appends committed but killed before their result was reported`,
    );
  });
});

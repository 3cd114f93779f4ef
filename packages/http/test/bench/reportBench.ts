// `pnpm bench:http`: POST /tasks/:taskId/report through @planlog/http on SQLite, against a bare Hono
// route doing the same insert with better-sqlite3, in the same run, at 50 connections (autocannon).
// Each server runs in a child process of its own (this script, with --serve), the load from this one.
// Both write to a SQLite file in WAL mode with the same `synchronous`, read back from each connection
// and printed; both get the same warm-up. Prints requests/s, p50 and p99 latency, and the ratio; the
// targets (≥ 0.5 of the bare route's requests/s, p99 < 50 ms) are reported, never asserted. With
// `--runs N` the pairs are run N times, bare and planlog alternating, so a change in the machine's
// load falls on both.
//   node --import tsx packages/http/test/bench/reportBench.ts [--seconds 10] [--connections 50] [--runs 1]
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { createEngine } from '@planlog/core';
import { createPlanlogApp } from '@planlog/http';
import { sqliteStore, type Synchronous } from '@planlog/sqlite';

const TASKS = 200;
const LEAD = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);

/** What a connection reports of its journal and sync settings, as the output prints them. */
function settingsOf(db: Database.Database): string {
  const synchronous = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][db.pragma('synchronous', { simple: true }) as number];
  return `journal_mode=${String(db.pragma('journal_mode', { simple: true }))} synchronous=${synchronous}`;
}

/** The planlog server: an issued plan of TASKS tasks led by LEAD, on a SQLite file in `dir`. */
async function planlogApp(dir: string, synchronous: Synchronous) {
  const store = sqliteStore({ file: join(dir, 'planlog.db'), synchronous });
  const engine = createEngine({ store });
  const actor = { unitId: 'so-tu-phap' };
  const { planId } = await engine.draftPlan({ actor, title: 'Kế hoạch đo tải', issuer: { id: 'so-tu-phap', name: 'Sở Tư pháp' } });
  const taskIds: string[] = [];
  for (let i = 0; i < TASKS; i++) taskIds.push((await engine.addTask({ actor, planId, title: `Nhiệm vụ ${i}`, lead: LEAD, deadline: { kind: 'year', year: 2099 } })).taskId);
  await engine.issuePlan({ actor, planId, number: '1/KH', issuedOn: '2026-01-05' });
  const app = createPlanlogApp({ engineFor: () => engine, authenticate: () => ({ tenantId: 'bench', actor: { unitId: LEAD.id } }) });
  return { app, taskIds, settings: settingsOf(store.database) };
}

/**
 * The bare route: parse the JSON body, insert one row with better-sqlite3 into a WAL file with the
 * same `synchronous` as the store, answer with the row's position. The row holds the event as
 * planlog stores it (the same fields: ids, type, data with its defaults, actor, command ids, time,
 * stream and version), as JSON. No validation, no machine, no hash chain, no idempotency index, no
 * stream version check: the floor of a request that writes the same event.
 */
function bareApp(dir: string, synchronous: Synchronous) {
  const db = new Database(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, type TEXT NOT NULL, event TEXT NOT NULL, recorded_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO events (stream_id, type, event, recorded_at) VALUES (?, ?, ?, ?)');
  const versions = new Map<string, number>();
  const app = new Hono();
  app.post('/tasks/:taskId/report', async (c) => {
    const body = (await c.req.json()) as { text: string; progress?: number };
    const streamId = `task-${c.req.param('taskId')}`;
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    const commandId = randomUUID();
    const recordedAt = new Date().toISOString();
    const event = {
      actor: { unitId: LEAD.id },
      causationId: null,
      commandId,
      correlationId: commandId,
      data: { final: false, period: null, progress: body.progress ?? null, requestId: null, text: body.text },
      id: randomUUID(),
      recordedAt,
      schemaVersion: 1,
      streamId,
      type: 'task.reported',
      version,
    };
    const { lastInsertRowid } = insert.run(streamId, 'task.reported', JSON.stringify(event), recordedAt);
    return c.json({ position: Number(lastInsertRowid), taskId: c.req.param('taskId') });
  });
  return { app, taskIds: Array.from({ length: TASKS }, (_, i) => `task-${i}`), settings: settingsOf(db) };
}

/** Child mode: serve one of the two on a free port and print `<url> <taskIds as JSON>`. */
async function serveOne(kind: string, synchronous: Synchronous): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `planlog-bench-${kind}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  process.on('SIGTERM', () => process.exit(0));
  const { app, taskIds, settings } = kind === 'planlog' ? await planlogApp(dir, synchronous) : bareApp(dir, synchronous);
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
    console.log(`http://127.0.0.1:${info.port} ${JSON.stringify({ taskIds, settings })}`);
  });
}

function startChild(kind: string, synchronous: Synchronous): Promise<{ child: ChildProcess; url: string; taskIds: string[]; settings: string }> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--serve', kind, synchronous], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        const [url, served] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
        resolve({ child, url, ...(JSON.parse(served) as { taskIds: string[]; settings: string }) });
      }
    });
    child.on('exit', (code) => reject(new Error(`the ${kind} server exited (${code}) before it listened`)));
  });
}

type Figures = { kind: string; synchronous: Synchronous; run: number; settings: string; requests: number; rps: number; p50: number; p99: number; non2xx: number; errors: number };

async function load(kind: string, synchronous: Synchronous, run: number, seconds: number, connections: number): Promise<Figures> {
  const { child, url, taskIds, settings } = await startChild(kind, synchronous);
  try {
    let next = 0;
    const cannon = (duration: number) =>
      autocannon({
        url,
        connections,
        duration,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => {
              const taskId = taskIds[next++ % taskIds.length]!;
              return { ...request, path: `/tasks/${encodeURIComponent(taskId)}/report`, body: JSON.stringify({ text: `Báo cáo tiến độ ${next}`, progress: next % 100 }) };
            },
          },
        ],
      });
    await cannon(2); // warm-up, the same for both: JIT, caches, the first WAL growth
    const result = await cannon(seconds);
    return { kind, synchronous, run, settings, requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
}

async function main(): Promise<void> {
  const seconds = option('--seconds', 10);
  const connections = option('--connections', 50);
  const runs = option('--runs', 1);
  console.log(`POST /tasks/:taskId/report, ${connections} connections, ${seconds} s each after a 2 s warm-up, ${runs} run(s) per setting, bare and planlog alternating`);
  console.log("synchronous=FULL is the store's default (a resolved append is on disk); NORMAL shows the cost without a sync per commit.\n");
  const figures: Figures[] = [];
  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    for (let run = 1; run <= runs; run++) {
      figures.push(await load('bare', synchronous, run, seconds, connections));
      figures.push(await load('planlog', synchronous, run, seconds, connections));
    }
  }
  const bareOf = (f: Figures) => figures.find((other) => other.kind === 'bare' && other.synchronous === f.synchronous && other.run === f.run)!;
  console.log('| synchronous | run | route | settings read back | requests/s | p50 ms | p99 ms | requests | non-2xx or errors | ratio to bare |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const f of figures) {
    const name = f.kind === 'bare' ? 'bare Hono + better-sqlite3 insert' : '@planlog/http (engine, sqliteStore)';
    console.log(`| ${f.synchronous} | ${f.run} | ${name} | ${f.settings} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.requests} | ${f.non2xx + f.errors} | ${(f.rps / bareOf(f).rps).toFixed(2)} |`);
  }
  for (const planlog of figures.filter((f) => f.kind === 'planlog')) {
    const ratio = planlog.rps / bareOf(planlog).rps;
    console.log(
      `synchronous=${planlog.synchronous}, run ${planlog.run}: ratio ${ratio.toFixed(2)} (target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); p99 ${planlog.p99} ms (target < 50 ms: ${planlog.p99 < 50 ? 'met' : 'NOT met'})`,
    );
  }
  if (figures.some((f) => f.non2xx + f.errors > 0)) {
    console.error('some requests failed: the figures above are not comparable');
    process.exitCode = 1;
  }
}

if (args[0] === '--serve') await serveOne(args[1]!, args[2] === 'NORMAL' ? 'NORMAL' : 'FULL');
else await main();

// Child of test/crash/sqliteCrash.e2e.test.ts: appends to a SQLite log in a loop until it is killed.
//
//   node --import tsx test/crash/appendLoop.ts <file> <seed> [iterations]
//
// Engine commands and raw store.append / appendMany calls run side by side (several at once, so group
// commit puts them in one transaction), and the SQLite read models are caught up inline now and then.
// It waits for a line on stdin before it opens the file. One line per fact on stdout (writes to a pipe are synchronous on Linux, so a line written is a line
// the parent reads even after SIGKILL):
//   S <json>  started: { head } once the store is open
//   I <json>  intent, written before the call: { commandId, streams: { streamId: eventType[] }, ids? }
//   R <json>  resolved: { commandId, results: [{ streamId, version, position, eventIds? }] } (raw appends)
//             or { commandId, position } (engine commands: the position of the command's last event)
//   X <json>  a raw append refused: { commandId, code } (CONFLICT: another caller took its stream version first)
//   C <json>  read models caught up: { position }
//   D         done (only with an iteration limit)
// Imports by relative source path: a child process does not get vitest's aliases.
import { writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createEngine, manualClock, planStream, taskStream, type EventType, type NewEvent } from '../../packages/core/src/index.js';
import { mulberry32 } from '../../packages/core/src/random.js';
import { sqliteReadModels, sqliteStore } from '../../packages/sqlite/src/index.js';

const [file, seedArg, iterationsArg] = process.argv.slice(2);
if (!file || !seedArg) throw new Error('usage: appendLoop.ts <file> <seed> [iterations]');
const iterations = iterationsArg === undefined ? Infinity : Number(iterationsArg);

const seed = Number(seedArg);
const random = mulberry32(seed); // the same seed gives the same run of choices
/**
 * One line to the parent, in the kernel's pipe buffer before this returns: `process.stdout.write` to a
 * pipe is asynchronous on POSIX, and a line still queued in this process when SIGKILL comes is lost —
 * an intent the parent never saw for an append that did commit.
 */
const say = (tag: string, body?: unknown) => {
  const bytes = Buffer.from(body === undefined ? `${tag}\n` : `${tag} ${JSON.stringify(body)}\n`);
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
};

const STP = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const UNITS = [
  { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' },
  { id: 'phong-pho-bien-giao-duc-phap-luat', name: 'Phòng Phổ biến, giáo dục pháp luật' },
  { id: 'thanh-tra-so', name: 'Thanh tra Sở' },
];

// Modules loaded: wait for the parent's go (it loads the next child while the current one runs).
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
const store = sqliteStore({ file });
const readModels = sqliteReadModels(store);
const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z'), readModels });
say('S', { head: await store.headPosition() });

type Streams = Record<string, EventType[]>;

/** An engine command: intent first, then the call, then the position it resolved to. */
async function command(commandId: string, streams: Streams, call: () => Promise<{ position: number }>): Promise<void> {
  say('I', { commandId, streams });
  const result = await call();
  say('R', { commandId, position: result.position });
}

/** A progress report as the lead unit would send it, written straight to the store. */
function progressReport(commandId: string, unitId: string, text: string): NewEvent {
  return {
    id: randomUUID(),
    type: 'task.reported',
    schemaVersion: 1,
    data: { text, final: false, period: 'Quý II/2026', progress: random.int(0, 100), requestId: null },
    actor: { unitId },
    commandId,
    causationId: null,
    correlationId: commandId,
    recordedAt: '2026-05-20T03:00:00.000Z',
  } as NewEvent;
}

type OpenTask = { taskId: string; lead: string };

/** Raw appends: one stream (`append`) or several (`appendMany`), at the streams' current versions. */
async function rawAppend(tasks: OpenTask[]): Promise<void> {
  const commandId = `raw-${randomUUID()}`;
  const appends = await Promise.all(
    tasks.map(async ({ taskId, lead }) => ({
      streamId: taskStream(taskId),
      expectedVersion: await store.streamVersion(taskStream(taskId)),
      events: Array.from({ length: random.int(1, 3) }, (_, index) => progressReport(commandId, lead, `Tiến độ ${index + 1}: ${commandId}`)),
    })),
  );
  say('I', {
    commandId,
    streams: Object.fromEntries(appends.map((append) => [append.streamId, append.events.map((event) => event.type)])),
    ids: Object.fromEntries(appends.map((append) => [append.streamId, append.events.map((event) => event.id)])),
  });
  let results;
  try {
    results =
      appends.length === 1
        ? [await store.append(appends[0]!.streamId, appends[0]!.events, { expectedVersion: appends[0]!.expectedVersion })]
        : await store.appendMany(appends);
  } catch (error) {
    say('X', { commandId, code: (error as { code?: string }).code });
    throw error;
  }
  say('R', {
    commandId,
    results: results.map((result) => ({ streamId: result.streamId, version: result.version, position: result.position, eventIds: result.events.map((event) => event.id) })),
  });
}

const runId = `${seed.toString(36)}${Date.now().toString(36)}`;
for (let round = 0; round < iterations; round++) {
  const planId = `kh-${runId}-${round}`;
  await command(`draft-${planId}`, { [planStream(planId)]: ['plan.drafted'] }, () =>
    engine.draftPlan({ actor: { unitId: STP.id }, planId, title: `Kế hoạch ${round}`, issuer: STP, commandId: `draft-${planId}` }),
  );
  const tasks: OpenTask[] = Array.from({ length: random.int(3, 8) }, (_, index) => ({
    taskId: `${planId}-t${index}`,
    lead: UNITS[random.int(0, UNITS.length - 1)]!.id,
  }));
  // Tasks added concurrently: one group commit holds several of them.
  await Promise.all(
    tasks.map(({ taskId, lead }, index) =>
      command(`add-${taskId}`, { [taskStream(taskId)]: ['task.added'] }, () =>
        engine.addTask({
          actor: { unitId: STP.id },
          planId,
          taskId,
          ref: `II.${index + 1}`,
          title: `Nhiệm vụ ${index + 1}`,
          lead: UNITS.find((unit) => unit.id === lead)!,
          deadline: { kind: 'quarter', year: 2026, quarter: 2 },
          commandId: `add-${taskId}`,
        }),
      ),
    ),
  );
  // Issuing assigns every task: one appendMany over the plan and all its tasks.
  await command(
    `issue-${planId}`,
    { [planStream(planId)]: ['plan.issued'], ...Object.fromEntries(tasks.map(({ taskId }) => [taskStream(taskId), ['task.assigned'] as EventType[]])) },
    () => engine.issuePlan({ actor: { unitId: STP.id }, planId, number: `${round}/KH-STP`, issuedOn: '2026-04-10', commandId: `issue-${planId}` }),
  );
  // Half the tasks go through engine commands, the other half get raw appends, all at once.
  const split = Math.ceil(tasks.length / 2);
  const byEngine = tasks.slice(0, split);
  const raw = tasks.slice(split);
  const work: Promise<void>[] = byEngine.map(async ({ taskId, lead }) => {
    await command(`ack-${taskId}`, { [taskStream(taskId)]: ['task.acknowledged'] }, () =>
      engine.acknowledgeTask({ actor: { unitId: lead }, taskId, commandId: `ack-${taskId}` }),
    );
    await command(`report-${taskId}`, { [taskStream(taskId)]: ['task.reported'] }, () =>
      engine.reportTask({ actor: { unitId: lead }, taskId, text: 'Đã triển khai', progress: 50, commandId: `report-${taskId}` }),
    );
  });
  for (const task of raw) work.push(rawAppend([task]));
  await Promise.all(work);
  if (raw.length >= 2) {
    const batch = [rawAppend(raw)];
    // Sometimes a second caller takes the same stream at the same expected version: the group commits
    // one of the two and refuses the other alone, which must leave none of its events behind.
    if (random.chance(0.5)) batch.push(rawAppend([raw[0]!]));
    await Promise.allSettled(batch);
  }
  if (random.chance(0.3)) {
    const { position } = await engine.projections.catchUp();
    say('C', { position });
  }
}
await store.close();
say('D');

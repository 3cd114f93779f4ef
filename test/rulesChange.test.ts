/**
 * Issue 22, done when: removing or adding a transition in a new version of the rules leaves every
 * old log loading, verifying and replaying as it did. The test writes a log under the old rules (a
 * plan drafted as planlog wrote it before rules versions existed, with a reassignment of an
 * acknowledged task, which version 2 removes), then changes the rules (the plan is upgraded to
 * version 2, and a version 3 that adds a transition is folded alongside), and reads it all back: on
 * SQLite, through a fresh engine, an export and import, the Python verifier of docs/audit.md, and
 * version 1's own fold.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import {
  compileMachine,
  compiledRules,
  createEngine,
  evolveCompiled,
  exportLog,
  fold,
  importLog,
  loadStream,
  manualClock,
  memorySnapshots,
  planMachine,
  statesTagged,
  taskMachine,
  taskMachineV2,
  timeline,
  upcastEvent,
  type CompiledRules,
  type EventStore,
  type MachineEvent,
  type NewEvent,
  type StoredEvent,
} from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'planlog-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STP = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const XDPL = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };
const PBGD = { id: 'phong-pho-bien-giao-duc-phap-luat', name: 'Phòng Phổ biến, giáo dục pháp luật' };
const owner = { unitId: STP.id };

async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/**
 * The log, written under version 1: plan kh-cu drafted by an older planlog (its plan.drafted has no
 * `rules`), its acknowledged task reassigned; then the rules change mid-year: kh-cu is upgraded to
 * version 2, after which a reassignment of an acknowledged task is refused.
 */
async function writeOldLog(store: EventStore) {
  const clock = manualClock('2026-02-20T09:00:00+07:00');
  // What planlog wrote before rules versions: the same event, without the field.
  await store.append(
    'plan-kh-cu',
    [
      {
        id: '0193a3c0-0000-7000-8000-000000000001',
        type: 'plan.drafted',
        schemaVersion: 1,
        data: { planId: 'kh-cu', title: 'Kế hoạch công tác pháp chế năm 2026', issuer: STP, basis: [], objectives: [], requirements: [], reporting: [], recipients: [], timeZone: 'Asia/Ho_Chi_Minh', parentPlanId: null },
        actor: owner,
        commandId: 'soan-thao-kh-cu',
        causationId: null,
        correlationId: 'soan-thao-kh-cu',
        recordedAt: clock.now().toISOString(),
      } as NewEvent,
    ],
    { expectedVersion: 'no_stream' },
  );
  const engine = createEngine({ store, clock });
  await engine.addTask({ actor: owner, planId: 'kh-cu', taskId: 'rasoat', ref: 'II.1', title: 'Rà soát văn bản', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  await engine.addTask({ actor: owner, planId: 'kh-cu', taskId: 'tuyentruyen', ref: 'II.2', title: 'Tuyên truyền', lead: XDPL, deadline: { kind: 'date', on: '2026-05-25', before: true } });
  clock.set('2026-02-25T09:00:00+07:00');
  await engine.issuePlan({ actor: owner, planId: 'kh-cu', number: '12/KH-STP', issuedOn: '2026-02-25' });
  await engine.acknowledgeTask({ actor: { unitId: XDPL.id }, taskId: 'rasoat' });
  await engine.acknowledgeTask({ actor: { unitId: XDPL.id }, taskId: 'tuyentruyen' });
  clock.set('2026-03-10T09:00:00+07:00');
  // The transition version 2 removes: an acknowledged task handed to another unit.
  await engine.reassignTask({ actor: owner, taskId: 'rasoat', lead: PBGD, reason: 'Điều chỉnh phân công' });
  await engine.reportTask({ actor: { unitId: XDPL.id }, taskId: 'tuyentruyen', text: 'Đã tổ chức 2 hội nghị', progress: 40 });
  clock.set('2026-05-26T09:00:00+07:00');
  await engine.tick(); // tuyentruyen falls overdue
  clock.set('2026-07-01T09:00:00+07:00');
  await engine.upgradeRules({ actor: owner, planId: 'kh-cu', version: 2, note: 'Quyết định 30/QĐ-UBND' });
  await expect(engine.reassignTask({ actor: owner, taskId: 'tuyentruyen', lead: PBGD, reason: 'Điều chỉnh' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  await engine.reportTask({ actor: { unitId: PBGD.id }, taskId: 'rasoat', text: 'Hoàn thành', final: true });
  await engine.acceptReport({ actor: owner, taskId: 'rasoat' });
  return { engine, clock };
}

/** Version 1's own fold of every stream (XState, the machines of version 1 only): what the old planlog read. */
function versionOneFold(events: readonly StoredEvent[]) {
  const streams = new Map<string, MachineEvent[]>();
  for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), upcastEvent(event)]);
  return new Map(
    [...streams].map(([streamId, stream]) => {
      const snapshot = streamId.startsWith('task-') ? fold(taskMachine, stream) : fold(planMachine, stream);
      return [streamId, { value: snapshot.value as string, context: snapshot.context }];
    }),
  );
}

const python = (script: string, ...args: string[]) => spawnSync('python3', [script, ...args], { encoding: 'utf8' });

describe('rules change, logs stay (issue 22)', () => {
  it('a log written under version 1 loads, verifies and replays as it did after the rules changed (SQLite, fresh engine, export/import, Python)', async () => {
    const file = join(dir, 'plans.db');
    const store = sqliteStore({ file });
    const { engine, clock } = await writeOldLog(store);
    const events = await allEvents(store);
    expect(events.find((event) => event.type === 'plan.drafted')!.data).not.toHaveProperty('rules');
    expect(events.filter((event) => event.type === 'task.reassigned')).toHaveLength(1);
    const before = { replay: await engine.replay(), verify: await engine.verify(), timeline: await engine.timeline('kh-cu') };
    await store.close();

    // Read back by a new process on the same file.
    const reopened = sqliteStore({ file });
    const fresh = createEngine({ store: reopened, clock });
    expect(await fresh.verify()).toEqual(before.verify);
    expect(before.verify.ok).toBe(true);
    expect(await fresh.replay()).toEqual(before.replay);
    expect(await fresh.timeline('kh-cu')).toEqual(before.timeline);
    expect(await fresh.getPlan('kh-cu')).toMatchObject({ rules: 2, state: 'issued' });
    expect(await fresh.getTask('rasoat')).toMatchObject({ state: 'completed', lead: PBGD, outcome: 'late' });
    expect(await fresh.getTask('tuyentruyen')).toMatchObject({ state: 'in_progress', overdue: true });

    // Every stream folds to what version 1's own fold gives (no event of this log needed version 2),
    // through the engine, loadStream (with snapshots, twice) and a replay as of before the upgrade.
    const own = versionOneFold(events);
    const snapshots = memorySnapshots();
    for (const [streamId, machineState] of own) {
      for (let round = 0; round < 2; round++) expect((await loadStream(reopened, streamId, { snapshots, every: 1 })).machineState).toEqual(machineState);
    }
    for (const task of (await fresh.replay()).tasks) {
      expect(task.state).toBe(own.get(`task-${task.taskId}`)!.value);
      expect(task.reports).toEqual((own.get(`task-${task.taskId}`)!.context as { reports: unknown }).reports);
    }
    const upgrade = events.find((event) => event.type === 'plan.rules_upgraded')!;
    expect((await fresh.replay({ asOf: upgrade.position - 1 })).plans[0]).toMatchObject({ rules: 1 });
    expect(before.timeline.find((line) => line.type === 'plan.rules_upgraded')!.text).toBe(
      'Sở Tư pháp chuyển kế hoạch từ quy tắc phiên bản 1 sang phiên bản 2: Quyết định 30/QĐ-UBND',
    );

    // An export imported into a new file holds the same bytes, positions and hashes and replays the same.
    const lines: string[] = [];
    for await (const line of exportLog(reopened)) lines.push(line);
    const copy = sqliteStore({ file: join(dir, 'copy.db') });
    expect(await importLog(copy, lines)).toEqual({ imported: events.length });
    expect(await createEngine({ store: copy, clock }).replay()).toEqual(before.replay);
    await copy.close();

    // The auditor's Python script (docs/audit.md) checks the file with no planlog code.
    const page = readFileSync(fileURLToPath(new URL('../docs/audit.md', import.meta.url)), 'utf8');
    const script = join(dir, 'verify_planlog.py');
    writeFileSync(script, /```python\n(# verify_planlog\.py:[\s\S]*?)```/.exec(page)![1]!);
    const checked = python(script, file);
    expect([checked.status, checked.stdout]).toEqual([0, `OK: ${events.length} events, head ${events.length}:${before.verify.headHash}\n`]);
    await reopened.close();
  });

  it('adding a transition in a version 3 leaves every version-1 event folding as version 1 folds it', async () => {
    const store = sqliteStore({ file: join(dir, 'v3.db') });
    await writeOldLog(store);
    const events = (await allEvents(store)).map((event) => upcastEvent(event));
    await store.close();
    // A maintainer's next version, not released: version 2 plus one transition (a submitted task's deadline may be extended).
    const v2config = taskMachineV2.config as { states: Record<string, { on?: Record<string, unknown> }> };
    const v3 = createMachine(
      {
        ...v2config,
        version: '3',
        states: { ...v2config.states, submitted: { ...v2config.states.submitted, on: { ...v2config.states.submitted!.on, 'task.deadline_extended': { guard: 'changesDeadline', actions: ['extend', 'touch'] } } } },
      } as never,
      taskMachine.implementations as never,
    ) as unknown as typeof taskMachine;
    const three: CompiledRules = { version: 3, task: compileMachine(v3), plan: compiledRules(2).plan, chased: statesTagged(v3, 'chased'), obliged: statesTagged(v3, 'obliged') };
    const carried = new Map([[1, compiledRules(1)], [2, compiledRules(2)], [3, three]]);
    const own = versionOneFold(events);
    for (const inForce of [1, 2, 3]) {
      // Every task stream folded with `inForce` as the version in force until the upgrade (3 stands for a plan moved on to it).
      for (const [streamId, expected] of own) {
        if (!streamId.startsWith('task-')) continue;
        let machineState = compiledRules(1).task.initial as { value: string; context: unknown };
        for (const event of events.filter((e) => e.streamId === streamId)) {
          const next = evolveCompiled('task', inForce, machineState as never, event, carried);
          expect(next, `${event.type} under ${inForce}`).not.toBeNull();
          machineState = next!.machineState as never;
        }
        expect(machineState).toEqual(expected);
      }
    }
    // And the new transition is there for the plans that move on to version 3.
    expect(three.task.can({ value: 'submitted', context: { ...(own.get('task-rasoat')!.context as object), dueAt: null } } as never, {
      type: 'task.deadline_extended',
      data: { deadline: { kind: 'year', year: 2026 }, dueAt: '2026-12-31T17:00:00.000Z', reason: 'x' },
      actor: owner,
      recordedAt: '2026-08-01T00:00:00.000Z',
    } as never)).toBe(true);
  });

  it('a plan drafted under version 2 says so in its timeline', async () => {
    const store = sqliteStore({ file: join(dir, 'v2.db') });
    const engine = createEngine({ store, clock: manualClock('2026-03-01T09:00:00+07:00') });
    await engine.draftPlan({ actor: owner, planId: 'kh-moi', title: 'Kế hoạch mới', issuer: STP, rules: 2 });
    const lines = await timeline(store, 'kh-moi');
    expect(lines[0]!.text).toBe('Sở Tư pháp soạn thảo kế hoạch “Kế hoạch mới”, áp dụng quy tắc phiên bản 2');
    expect(lines[0]!.description.en).toBe('Sở Tư pháp drafted the plan “Kế hoạch mới”, under rules version 2');
    await store.close();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compiledRules,
  createEngine,
  DEFAULT_RULES_VERSION,
  evolveCompiled,
  LATEST_RULES_VERSION,
  loadStream,
  machineFingerprint,
  manualClock,
  memorySnapshots,
  memoryStore,
  rulesVersion,
  rulesVersions,
  statesTagged,
  taskMachine,
  taskMachineV2,
  timeline,
  type EventStore,
  type NewEvent,
} from '@planlog/core';
import { createMachine } from 'xstate';
import { allEvents, issuedPlan, LEAD, PBGDPL, STP, XDPL } from './fixtures.js';

const released = JSON.parse(readFileSync(new URL('./fixtures/released-rules.json', import.meta.url), 'utf8')) as {
  versions: Record<string, { task: string; plan: string }>;
};

async function refusal(promise: Promise<unknown>): Promise<{ code?: string; field?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; field?: string };
  }
  throw new Error('expected a refusal');
}

/** Append raw events the way another engine (or an older planlog) would have: straight to the store. */
async function appendRaw(store: EventStore, streamId: string, events: Partial<NewEvent>[]) {
  const version = await store.streamVersion(streamId);
  await store.append(
    streamId,
    events.map((event, i) => ({
      id: `0193a3c0-0000-7000-8000-${String(version * 10 + i + 1).padStart(12, '0')}`,
      schemaVersion: 1,
      actor: STP,
      commandId: `raw-${streamId}-${version + i}`,
      causationId: null,
      correlationId: `raw-${streamId}-${version + i}`,
      recordedAt: '2026-05-02T02:00:00.000Z',
      ...event,
    })) as NewEvent[],
    { expectedVersion: version === 0 ? 'no_stream' : version },
  );
}

describe('released rules versions are never changed in place', () => {
  it.each(rulesVersions.map((rules) => [rules.version, rules] as const))('version %i matches the fingerprints checked in (fixtures/released-rules.json)', (version, rules) => {
    const entry = released.versions[String(version)];
    expect(entry, `version ${version} is not checked in: add its fingerprints to packages/core/test/fixtures/released-rules.json when releasing it`).toBeDefined();
    const now = { task: machineFingerprint(rules.task), plan: machineFingerprint(rules.plan) };
    expect(
      now,
      `rules version ${version} changed in place. A released version is never edited: put the change in a new version (docs/concepts.md, "Rules versions"). ` +
        '(If only the toolchain changed the source text of the machines, check that no machine changed and update the fixture in its own commit.)',
    ).toEqual(entry);
  });

  it('carries every version ever released (none dropped), numbered 1, 2, … without gaps', () => {
    expect(rulesVersions.map((rules) => rules.version)).toEqual(Object.keys(released.versions).map(Number));
    expect(rulesVersions.map((rules) => rules.version)).toEqual(rulesVersions.map((_, i) => i + 1));
    expect(LATEST_RULES_VERSION).toBe(rulesVersions.length);
    expect(DEFAULT_RULES_VERSION).toBe(1);
  });

  it('notices an edit of version 1 in place: taking one transition out of taskMachine changes its fingerprint (and that of version 2, built on it)', () => {
    const edited = createMachine(
      { ...taskMachine.config, states: { ...taskMachine.config.states, assigned: { ...taskMachine.config.states!.assigned, on: {} } } } as never,
      taskMachine.implementations as never,
    );
    expect(machineFingerprint(edited)).not.toBe(released.versions['1']!.task);
    expect(machineFingerprint(taskMachineV2)).not.toBe(machineFingerprint(taskMachine));
  });

  it('tags each version from its own machine (chased, obliged); version 2 keeps version 1 tags', () => {
    for (const rules of rulesVersions) {
      expect(compiledRules(rules.version).chased).toEqual(statesTagged(rules.task, 'chased'));
      expect(compiledRules(rules.version).obliged).toEqual(statesTagged(rules.task, 'obliged'));
    }
    expect(compiledRules(2).chased).toEqual(compiledRules(1).chased);
    expect(compiledRules(2).obliged).toEqual(compiledRules(1).obliged);
  });

  it('refuses a version it does not carry with VALIDATION', () => {
    for (const version of [0, 3, 1.5, Number.NaN]) expect(() => rulesVersion(version)).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'rules' }));
  });
});

describe('version 2 of the task rules: no reassignment once the lead has acknowledged', () => {
  it('a plan on version 1 (the default) reassigns an acknowledged task as before', async () => {
    const { engine, planId, taskId } = await issuedPlan();
    expect((await engine.getPlan(planId)).rules).toBe(1);
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    await engine.reassignTask({ actor: STP, taskId, lead: PBGDPL, reason: 'Điều chỉnh' });
    expect(await engine.getTask(taskId)).toMatchObject({ state: 'assigned', lead: PBGDPL });
  });

  it('a plan drafted under version 2 refuses it (ILLEGAL_TRANSITION, nothing appended) and still reassigns a task not yet acknowledged', async () => {
    const store = memoryStore();
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' }, rules: 2 });
    const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Rà soát', lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    const { taskId: other } = await engine.addTask({ actor: STP, planId, title: 'Tuyên truyền', lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    expect((await allEvents(store))[0]!.data).toMatchObject({ rules: 2 });
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    const head = await store.headPosition();
    expect(await refusal(engine.reassignTask({ actor: STP, taskId, lead: PBGDPL, reason: 'Điều chỉnh' }))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      field: 'taskId',
      details: expect.objectContaining({ state: 'acknowledged', rules: 2 }),
    });
    expect(await store.headPosition()).toBe(head);
    await engine.reassignTask({ actor: STP, taskId: other, lead: PBGDPL, reason: 'Điều chỉnh' });
    expect(await engine.getTask(other)).toMatchObject({ state: 'assigned', lead: PBGDPL });
  });

  it('a plan upgraded mid-year follows version 2 from its upgrade on; its history stays as it was, and the timeline says when the rules changed', async () => {
    const { engine, store, clock, planId, taskId } = await issuedPlan();
    const { taskId: second } = await engine.addTask({ actor: STP, planId, title: 'Tuyên truyền', lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    await engine.reassignTask({ actor: STP, taskId, lead: PBGDPL, reason: 'Điều chỉnh' }); // version 1 allows it
    const before = await engine.getTask(taskId);
    clock.set('2026-07-01T02:00:00Z');
    await engine.upgradeRules({ actor: STP, planId, version: 2, note: 'Quyết định 12/QĐ-UBND' });
    expect(await engine.getPlan(planId)).toMatchObject({ rules: 2 });
    expect(await engine.getTask(taskId)).toEqual(before);
    await engine.acknowledgeTask({ actor: LEAD, taskId: second });
    expect(await refusal(engine.reassignTask({ actor: STP, taskId: second, lead: PBGDPL, reason: 'Điều chỉnh' }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });

    // A fresh engine folds the log the same way: version 1 before the upgrade, 2 after.
    const fresh = createEngine({ store, clock });
    expect(await fresh.replay()).toEqual(await engine.replay());
    expect(await refusal(fresh.reassignTask({ actor: STP, taskId: second, lead: PBGDPL, reason: 'Điều chỉnh' }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });

    const lines = await timeline(store, second);
    const upgrade = lines.find((line) => line.type === 'plan.rules_upgraded')!;
    expect(upgrade).toMatchObject({ task: null, localTime: '2026-07-01 09:00' });
    expect(upgrade.text).toBe('Sở Tư pháp chuyển kế hoạch từ quy tắc phiên bản 1 sang phiên bản 2: Quyết định 12/QĐ-UBND');
    expect(lines.map((line) => line.type)).toEqual(['task.added', 'task.assigned', 'plan.rules_upgraded', 'task.acknowledged']);
    expect((await timeline(store, taskId)).map((line) => line.type)).toContain('plan.rules_upgraded');
  });

  it('upgradeRules: issuer only, to a later version this planlog carries, on a plan not closed; a refusal appends nothing', async () => {
    const { engine, store, planId } = await issuedPlan();
    const head = await store.headPosition();
    expect(await refusal(engine.upgradeRules({ actor: LEAD, planId, version: 2 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(engine.upgradeRules({ actor: STP, planId, version: 3 }))).toMatchObject({ code: 'VALIDATION', field: 'version' });
    expect(await refusal(engine.upgradeRules({ actor: STP, planId, version: 1 }))).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'planId' });
    expect(await refusal(engine.upgradeRules({ actor: STP, planId, version: 0 }))).toMatchObject({ code: 'VALIDATION', field: 'version' });
    expect(await refusal(engine.draftPlan({ actor: STP, title: 'KH', rules: 7 }))).toMatchObject({ code: 'VALIDATION', field: 'rules' });
    expect(await store.headPosition()).toBe(head);
    const result = await engine.upgradeRules({ actor: STP, planId, version: 2, commandId: 'nang-cap' });
    expect(await engine.upgradeRules({ actor: STP, planId, version: 2, commandId: 'nang-cap' })).toEqual(result);
    expect(result).toEqual({ planId, position: head + 1 });
    expect(await refusal(engine.upgradeRules({ actor: STP, planId, version: 2 }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await engine.closePlan({ actor: STP, planId });
    expect((await allEvents(store)).at(-2)).toMatchObject({ type: 'plan.rules_upgraded', data: { from: 1, to: 2, note: null } });
  });
});

describe('folding a recorded event never refuses what a carried version accepted', () => {
  it('a reassignment decided under version 1 that landed just after another engine upgraded the plan is folded as version 1 decided it', async () => {
    const { engine, store, planId, taskId } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    // Engine B upgrades; engine A, still on version 1, had decided a reassignment: the task stream does not see the plan's.
    await appendRaw(store, `plan-${planId}`, [{ type: 'plan.rules_upgraded', data: { from: 1, to: 2, note: null } }]);
    await appendRaw(store, `task-${taskId}`, [{ type: 'task.reassigned', data: { lead: PBGDPL, support: [], reason: 'Điều chỉnh' } }]);
    const fresh = createEngine({ store });
    expect(await fresh.getTask(taskId)).toMatchObject({ state: 'assigned', lead: PBGDPL });
    expect((await fresh.replay({ streamId: `task-${taskId}` })).tasks[0]).toMatchObject({ state: 'assigned', lead: PBGDPL });
    expect((await loadStream(store, `task-${taskId}`)).machineState.value).toBe('assigned');
    expect((await fresh.verify()).ok).toBe(true);
    // Which version took it: the one in force (2) refuses, version 1 accepts.
    const acknowledged = { value: 'acknowledged', context: (await engine.getTask(taskId)) as never };
    const reassigned = { type: 'task.reassigned', data: { lead: XDPL, support: [], reason: 'x' }, actor: STP, recordedAt: '2026-05-02T02:00:00.000Z' } as const;
    expect(compiledRules(2).task.step(acknowledged as never, reassigned as never)).toBeNull();
    expect(evolveCompiled('task', 2, acknowledged as never, reassigned as never)?.by).toBe(1);
  });

  it('an event no carried version accepts is still refused: a log no released rules could have written', async () => {
    const { store, taskId } = await issuedPlan();
    await appendRaw(store, `task-${taskId}`, [{ type: 'task.report_accepted', data: { note: null } }]);
    await expect(createEngine({ store }).getTask(taskId)).rejects.toThrow(/no version of its machine accepts: task.report_accepted/);
  });
});

describe('snapshots are tagged with the rules version and rebuilt when it changes', () => {
  it('a task snapshot taken under version 1 is not used after the upgrade; the one rebuilt under version 2 is', async () => {
    const { engine, store, planId, taskId } = await issuedPlan();
    const streamId = `task-${taskId}`;
    const snapshots = memorySnapshots();
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    const first = await loadStream(store, streamId, { snapshots, every: 1 });
    expect([first.rules, first.fromSnapshot]).toEqual([1, false]);
    expect((await loadStream(store, streamId, { snapshots, every: 1 })).fromSnapshot).toBe(true);
    const taken = (await snapshots.load(streamId))!;

    await engine.upgradeRules({ actor: STP, planId, version: 2 });
    const after = await loadStream(store, streamId, { snapshots, every: 1 });
    expect([after.rules, after.fromSnapshot, after.machineState]).toEqual([2, false, first.machineState]);
    const rebuilt = (await snapshots.load(streamId))!;
    expect(rebuilt.fingerprint).not.toBe(taken.fingerprint);
    expect((await loadStream(store, streamId, { snapshots, every: 1 })).fromSnapshot).toBe(true);

    const planStream = `plan-${planId}`;
    const plan = await loadStream(store, planStream, { snapshots, every: 1 });
    expect([plan.rules, (plan.machineState.context as { rules: number }).rules]).toEqual([2, 2]);
  });
});

describe('docs/concepts.md, "Rules versions"', () => {
  const root = new URL('../../../', import.meta.url);
  const doc = readFileSync(new URL('docs/concepts.md', root), 'utf8');
  const section = doc.split('## Rules versions')[1]!.split('\n## ')[0]!;

  it('gives a maintainer five numbered steps to add version 3', () => {
    expect(section.match(/^\d\. \*\*/gm)).toEqual(['1. **', '2. **', '3. **', '4. **', '5. **']);
  });

  it('names files that exist and the default this planlog has', () => {
    for (const path of section.match(/`((?:packages|test|docs)\/[^`]+\.(?:ts|json|md))`/g)!.map((quoted) => quoted.slice(1, -1))) {
      if (path.includes('V3') || path.includes('-v3')) continue;
      expect(() => readFileSync(new URL(path, root)), path).not.toThrow();
    }
    expect(section).toContain(`New plans run under version ${DEFAULT_RULES_VERSION}**`);
  });
});

import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore, PlanlogError, type StreamAppend, type EventStore, type StoredEvent } from '@planlog/core';
import { allEvents, STP, XDPL } from './fixtures.js';

/**
 * A store whose next append of an event of type `type` waits until `release()`: the engine that
 * makes it has decided on the log as it was, and commits after whatever happens in between.
 */
function heldStore(store: EventStore, type: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const held = new Promise<void>((resolve) => (reached = resolve));
  let holding = true;
  const wrapped: EventStore = {
    ...store,
    append: (streamId, events, options) => wrapped.appendMany([{ streamId, events, expectedVersion: options.expectedVersion }]).then(([result]) => result!),
    async appendMany(appends: readonly StreamAppend[]) {
      if (holding && appends.some((append) => append.events.some((event) => event.type === type))) {
        holding = false;
        reached();
        await gate;
      }
      return store.appendMany(appends);
    },
  };
  return { store: wrapped, held, release };
}

const assignedOf = (events: StoredEvent[], taskId: string) => events.filter((event) => event.type === 'task.assigned' && event.streamId === `task-${taskId}`);

async function draft(store: EventStore) {
  const clock = manualClock('2026-04-10T02:00:00Z');
  const engine = createEngine({ store, clock });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phòng, chống tội phạm năm 2026', planId: 'kh-45' });
  await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', taskId: 'nv-1', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  return { clock, planId };
}

describe('a task added on one engine while another issues the plan', () => {
  it('added first, issued after (the issuer decided without it): the issuing engine assigns it', async () => {
    const base = memoryStore();
    const { clock, planId } = await draft(base);
    const issuing = heldStore(base, 'plan.issued');
    const issuer = createEngine({ store: issuing.store, clock });
    const adder = createEngine({ store: base, clock });
    await issuer.getPlan(planId); // the issuer has caught up: it knows nv-1 only

    const issued = issuer.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    await issuing.held; // decided: assigns nv-1, not nv-2
    await adder.addTask({ actor: STP, planId, title: 'Tuyên truyền', taskId: 'nv-2', lead: XDPL }); // the plan is still a draft here
    issuing.release();
    await issued;

    const events = await allEvents(base);
    expect(assignedOf(events, 'nv-2')).toHaveLength(1);
    expect(assignedOf(events, 'nv-2')[0]).toMatchObject({ actor: { unitId: 'planlog', userId: 'assign' }, commandId: '@planlog:assign:nv-2:v1', data: { lead: XDPL, deadline: { kind: 'ongoing' } } });
    await expect(createEngine({ store: base, clock }).getTask('nv-2')).resolves.toMatchObject({ state: 'assigned' });
    expect(await issuer.tick()).toEqual([]); // nothing left to assign
  });

  it('issued first, added after (the adder decided on the draft): the adding engine assigns it', async () => {
    const base = memoryStore();
    const { clock, planId } = await draft(base);
    const adding = heldStore(base, 'task.added');
    const adder = createEngine({ store: adding.store, clock });
    const issuer = createEngine({ store: base, clock });

    const added = adder.addTask({ actor: STP, planId, title: 'Tuyên truyền', taskId: 'nv-2', lead: XDPL, deadline: { kind: 'half', year: 2026, half: 2 } });
    await adding.held; // decided on the draft: task.added only
    await issuer.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    adding.release();
    await expect(added).resolves.toMatchObject({ taskId: 'nv-2' });

    const events = await allEvents(base);
    expect(assignedOf(events, 'nv-2')).toHaveLength(1);
    expect(assignedOf(events, 'nv-2')[0]).toMatchObject({ data: { deadline: { kind: 'half', year: 2026, half: 2 } } });
    expect(assignedOf(events, 'nv-1')).toHaveLength(1);
  });

  it('a plan closed while the engine assigns such a task: nothing is assigned in the closed plan', async () => {
    const base = memoryStore();
    const { clock, planId } = await draft(base);
    const repairing = heldStore(base, 'task.assigned'); // holds the adder's repair
    const adding = heldStore(repairing.store, 'task.added');
    const adder = createEngine({ store: adding.store, clock });
    const other = createEngine({ store: base, clock });

    const added = adder.addTask({ actor: STP, planId, title: 'Tuyên truyền', taskId: 'nv-2', lead: XDPL });
    await adding.held; // decided on the draft
    await other.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    adding.release();
    await repairing.held; // the adder has seen nv-2 left unassigned and is appending its assignment
    await other.closePlan({ actor: STP, planId });
    repairing.release();
    await added;

    expect(assignedOf(await allEvents(base), 'nv-2')).toEqual([]);
    await expect(createEngine({ store: base, clock }).getTask('nv-2')).resolves.toMatchObject({ state: 'added' });
    await expect(other.getPlan(planId)).resolves.toMatchObject({ state: 'closed' });
  });

  it('a log left with such a task (the repairing engine stopped first): the next tick assigns it, once', async () => {
    const store = memoryStore();
    const { clock, planId } = await draft(store);
    // What an engine that died between its command and the repair leaves: the plan issued, nv-2 added after.
    const engine = createEngine({ store, clock });
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    await store.append('task-nv-2', [addedByHand(planId, '2026-04-16T02:00:00.000Z')], { expectedVersion: 'no_stream' });
    clock.set('2026-04-17T02:00:00Z');
    const fresh = createEngine({ store, clock });
    const [first, second] = [fresh.tick(), createEngine({ store, clock }).tick()];
    const ticked = [...(await first), ...(await second)];
    expect(ticked.map((event) => [event.type, event.streamId])).toEqual([['task.assigned', 'task-nv-2']]);
    expect(assignedOf(await allEvents(store), 'nv-2')).toHaveLength(1);
    expect(await fresh.tick()).toEqual([]);
  });

  it('a tick whose first append conflicts still assigns it beside the same plan\'s report request (one group at a time, assignments first)', async () => {
    const base = memoryStore();
    const clock = manualClock('2026-04-10T02:00:00Z');
    const engine = createEngine({ store: base, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch', planId: 'kh-45', reporting: [{ period: 'month' }] });
    await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', taskId: 'nv-1', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 4 } });
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    await base.append('task-nv-2', [addedByHand(planId, '2026-04-16T02:00:00.000Z')], { expectedVersion: 'no_stream' });
    clock.set('2026-06-20T02:00:00Z');
    let refuseFirst = true;
    const conflicting: EventStore = {
      ...base,
      async appendMany(appends) {
        if (refuseFirst) {
          refuseFirst = false;
          throw new PlanlogError('CONFLICT', 'another engine appended first');
        }
        return base.appendMany(appends);
      },
    };
    const ticked = await createEngine({ store: conflicting, clock, maxRetries: 0 }).tick();
    expect(ticked.filter((event) => event.type === 'task.assigned').map((event) => event.streamId)).toEqual(['task-nv-2']);
    expect(ticked.some((event) => event.type === 'report.requested')).toBe(true);
  });

  it('system command ids stay within the 200 characters of a command id, however long the task id', async () => {
    const store = memoryStore();
    const clock = manualClock('2026-04-10T02:00:00Z');
    const engine = createEngine({ store, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch', planId: 'p'.repeat(200) });
    const taskId = 't'.repeat(200);
    await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', taskId, lead: XDPL, deadline: { kind: 'date', on: '2026-05-01' } });
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    clock.set('2026-05-05T02:00:00Z');
    const [overdue] = await engine.tick();
    expect(overdue).toMatchObject({ type: 'task.overdue', streamId: `task-${taskId}`, commandId: expect.stringMatching(/^@planlog:overdue:#[0-9a-f]{64}:v2$/) });
  });
});

/** A task.added with a lead written straight to the store, as a log another engine or an import left. */
function addedByHand(planId: string, at: string) {
  return {
    id: '0192f1c2-3b4a-7c5d-8e6f-0a1b2c3d4e5f',
    type: 'task.added' as const,
    schemaVersion: 1,
    data: { taskId: 'nv-2', planId, ref: null, title: 'Tuyên truyền', lead: XDPL, support: [], deadline: null, dueAt: null },
    actor: STP,
    commandId: 'them-nv-2',
    causationId: null,
    correlationId: 'them-nv-2',
    recordedAt: at,
  };
}

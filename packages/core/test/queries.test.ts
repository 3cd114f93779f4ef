import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryReadModels, memoryStore, type ReadModels } from '@planlog/core';
import { type RowQuery } from '@planlog/core/store';

const STP = { unitId: 'so-tu-phap' };
const XDPL = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };

/** Memory read models that record what the queries ask of them. */
function watched() {
  const inner = memoryReadModels();
  const asked: { table: string; query: RowQuery }[] = [];
  const whole: string[] = [];
  const readModels: ReadModels = {
    ...inner,
    async rows(table, where) {
      whole.push(table);
      return inner.rows(table, where);
    },
    async select(table, query) {
      asked.push({ table, query });
      return inner.select(table, query);
    },
  };
  return { readModels, asked, whole };
}

describe('queries', () => {
  it('page in the store: each list query asks the read models for one row more than the page, with its filters, never for a whole table', async () => {
    const { readModels, asked, whole } = watched();
    const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-10T02:00:00Z'), readModels });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch' });
    for (let i = 0; i < 5; i++) await engine.addTask({ actor: STP, planId, title: `Việc ${i}`, lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.issuePlan({ actor: STP, planId, number: '1/KH', issuedOn: '2026-04-10' });

    const first = await engine.queries.tasks({ planId, unitId: XDPL.id, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(asked.at(-1)).toEqual({
      table: 'task_register',
      query: { where: [{ op: 'eq', column: 'plan_id', value: planId }, { op: 'eq', column: 'lead_id', value: XDPL.id }], orderBy: ['plan_id', 'task_id'], limit: 3 },
    });
    await engine.queries.tasks({ planId, unitId: XDPL.id, limit: 2, cursor: first.nextCursor! });
    expect(asked.at(-1)!.query.after).toEqual([planId, first.items[1]!.taskId]);
    await engine.queries.dueWithin({ days: 300, limit: 4 });
    expect(asked.at(-1)!.query).toMatchObject({ orderBy: ['due_at', 'task_id'], limit: 5 });
    await engine.queries.overdueTasks();
    await engine.queries.unitWorkload({ limit: 1 });
    await engine.queries.reportRequests({ planId });
    expect(asked.map((call) => call.query.limit)).toEqual([3, 3, 5, 51, 2, 51]);
    expect(whole).toEqual([]);
  });

  it('listPlans orders plan ids by code point, as the read-model stores order text, and pages without gaps', async () => {
    const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-10T02:00:00Z') });
    // U+FFFD before U+1F600 by code point; JavaScript's < on UTF-16 units says otherwise.
    const ids = ['kh-\u{1F600}', 'kh-\uFFFD', 'kh-a', 'KH-B', 'kh-b'];
    for (const planId of ids) await engine.draftPlan({ actor: STP, planId, title: `Kế hoạch ${planId}` });
    await engine.issuePlan({ actor: STP, planId: 'kh-a', number: '1/KH', issuedOn: '2026-04-10' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await engine.listPlans({ limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((plan) => plan.planId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(['KH-B', 'kh-a', 'kh-b', 'kh-\uFFFD', 'kh-\u{1F600}']);
    expect((await engine.listPlans({ state: 'issued' })).items.map((plan) => [plan.planId, plan.state, plan.number])).toEqual([['kh-a', 'issued', '1/KH']]);
    expect((await engine.listPlans({ state: 'draft', limit: 10 })).items).toHaveLength(4);
    expect((await engine.listPlans({ issuerId: 'nobody' })).items).toEqual([]);
  });
});

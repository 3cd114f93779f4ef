import { createEngine, manualClock, memoryStore, type StoredEvent, type UnitRef } from '@planlog/core';
import { createPlanFromDraft, importPlan, type PlanDraft, type TaskDraft } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';
import { unitsInLog } from '../src/unitsInLog.js';

// Issue 14, item 10: unit ids derived from names collide ("Phòng Tư pháp", "Phòng Tự pháp" and
// "Phòng Tứ pháp" are all `phong-tu-phap`). Within a log, two different names never get one id.

const TU = 'Phòng Tư pháp';
const TU_HEAVY = 'Phòng Tự pháp';
const TU_SHARP = 'Phòng Tứ pháp';
const issuer: UnitRef = { id: 'ubnd-tinh', name: 'UBND tỉnh' };
const actor = { unitId: issuer.id };

function task(ref: string, line: number, lead: UnitRef | undefined, support: UnitRef[] = []): TaskDraft {
  return {
    ref,
    title: `Nhiệm vụ ${ref}`,
    ...(lead ? { lead } : {}),
    support,
    headings: [],
    details: [],
    line,
    source: { lines: [line, line] },
    reasons: {},
  };
}

/** A draft as the importer gives it, every unit with the id derived from its name (`phong-tu-phap`). */
function draft(title: string, tasks: TaskDraft[], more: Partial<PlanDraft> = {}): PlanDraft {
  return {
    title,
    draft: true,
    issuer,
    basis: [],
    objectives: [],
    requirements: [],
    tasks,
    reporting: [],
    recipients: [],
    footnotes: [],
    funding: [],
    ...more,
  };
}

const unit = (name: string, id = 'phong-tu-phap'): UnitRef => ({ id, name });
const sonv = unit('Sở Nội vụ', 'so-noi-vu');

function setup() {
  const store = memoryStore();
  const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
  const events = async () => {
    const all: StoredEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    return all;
  };
  return { store, engine, events };
}

const leadsOf = async (engine: ReturnType<typeof setup>['engine'], planId: string) =>
  (await engine.getTasks(planId)).map((view) => [view.ref, view.lead?.id ?? null, view.lead?.name ?? null, view.support.map((ref) => ref.id)]);

describe('issue 14 item 10: unit ids from names collide in a log', () => {
  it('a second import naming "Phòng Tự pháp" where the log has "Phòng Tư pháp" gets phong-tu-phap-2 and a warning; the first plan is untouched', async () => {
    const { engine, events } = setup();
    const first = await createPlanFromDraft(engine, draft('Kế hoạch A', [task('I.1', 10, unit(TU), [sonv])]), { actor });
    expect(first.warnings).toEqual([]);
    const before = await events();

    const second = await createPlanFromDraft(
      engine,
      // The same unit as lead, as support and as recipient: one id for every occurrence.
      draft('Kế hoạch B', [task('I.1', 12, unit(TU_HEAVY), [sonv]), task('I.2', 14, sonv, [unit(TU_HEAVY)])], { recipients: [unit(TU_HEAVY)] }),
      { actor },
    );
    expect(await leadsOf(engine, second.planId)).toEqual([
      ['I.1', 'phong-tu-phap-2', TU_HEAVY, ['so-noi-vu']],
      ['I.2', 'so-noi-vu', 'Sở Nội vụ', ['phong-tu-phap-2']],
    ]);
    expect((await engine.getPlan(second.planId)).recipients).toEqual([unit(TU_HEAVY, 'phong-tu-phap-2')]);
    expect(second.warnings).toHaveLength(1);
    const [warning] = second.warnings;
    expect(warning).toMatchObject({ line: 12, unit: { id: 'phong-tu-phap-2', name: TU_HEAVY }, taken: { id: 'phong-tu-phap', name: TU } });
    for (const part of [TU, TU_HEAVY, '"phong-tu-phap"', '"phong-tu-phap-2"']) expect(warning!.message).toContain(part);

    // The first plan: its events as they were, its tasks still led by phong-tu-phap.
    expect((await events()).slice(0, before.length)).toEqual(before);
    expect(await leadsOf(engine, first.planId)).toEqual([['I.1', 'phong-tu-phap', TU, ['so-noi-vu']]]);
  });

  it('a name that is the same (NFD, tone mark placed elsewhere) keeps the id, with no warning', async () => {
    const { engine } = setup();
    const ubndXa = unit('Ủy ban nhân dân xã', 'uy-ban-nhan-dan-xa');
    await createPlanFromDraft(engine, draft('Kế hoạch A', [task('I.1', 10, unit(TU), [ubndXa])]), { actor });
    const again = await createPlanFromDraft(
      engine,
      draft('Kế hoạch B', [task('I.1', 10, unit(TU.normalize('NFD')), [unit('Uỷ ban nhân dân xã', 'uy-ban-nhan-dan-xa')])]),
      { actor },
    );
    expect(again.warnings).toEqual([]);
    expect(await leadsOf(engine, again.planId)).toEqual([['I.1', 'phong-tu-phap', TU, ['uy-ban-nhan-dan-xa']]]);
  });

  it('re-running the import appends nothing and gives the same ids and warnings', async () => {
    const { engine, events } = setup();
    await createPlanFromDraft(engine, draft('Kế hoạch A', [task('I.1', 10, unit(TU))]), { actor });
    const plan = draft('Kế hoạch B', [task('I.1', 12, unit(TU_HEAVY)), task('I.2', 14, unit(TU))]);
    const second = await createPlanFromDraft(engine, plan, { actor });
    const count = (await events()).length;

    const again = await createPlanFromDraft(engine, plan, { actor });
    expect(again).toEqual(second);
    expect((await events()).length).toBe(count);
    expect(await leadsOf(engine, second.planId)).toEqual([
      ['I.1', 'phong-tu-phap-2', TU_HEAVY, []],
      ['I.2', 'phong-tu-phap', TU, []],
    ]);
    // The first plan re-run too: its name still owns the id.
    const first = await createPlanFromDraft(engine, draft('Kế hoạch A', [task('I.1', 10, unit(TU))]), { actor });
    expect(first.warnings).toEqual([]);
    expect((await events()).length).toBe(count);
  });

  it('a third name gets the next free suffix; a later import of the second name reuses its id', async () => {
    const { engine } = setup();
    await createPlanFromDraft(engine, draft('A', [task('I.1', 10, unit(TU))]), { actor });
    await createPlanFromDraft(engine, draft('B', [task('I.1', 10, unit(TU_HEAVY))]), { actor });
    const third = await createPlanFromDraft(engine, draft('C', [task('I.1', 10, unit(TU_SHARP))]), { actor });
    expect(await leadsOf(engine, third.planId)).toEqual([['I.1', 'phong-tu-phap-3', TU_SHARP, []]]);
    const fourth = await createPlanFromDraft(engine, draft('D', [task('I.1', 10, unit(TU_SHARP)), task('I.2', 11, unit(TU_HEAVY))]), { actor });
    expect(await leadsOf(engine, fourth.planId)).toEqual([
      ['I.1', 'phong-tu-phap-3', TU_SHARP, []],
      ['I.2', 'phong-tu-phap-2', TU_HEAVY, []],
    ]);
    expect(fourth.warnings.map((warning) => warning.unit.id)).toEqual(['phong-tu-phap-3', 'phong-tu-phap-2']);
  });

  it('a suffix the draft itself uses for another name is not taken', async () => {
    const { engine } = setup();
    await createPlanFromDraft(engine, draft('A', [task('I.1', 10, unit(TU_SHARP))]), { actor });
    // The importer's own collision rule gave "Phòng Tư pháp" phong-tu-phap-2 inside the draft.
    const result = await createPlanFromDraft(engine, draft('B', [task('I.1', 10, unit(TU_HEAVY)), task('I.2', 11, unit(TU, 'phong-tu-phap-2'))]), { actor });
    expect(await leadsOf(engine, result.planId)).toEqual([
      ['I.1', 'phong-tu-phap-3', TU_HEAVY, []],
      ['I.2', 'phong-tu-phap-2', TU, []],
    ]);
  });

  it('units named by later commands count: a lead reassigned by hand and a report request', async () => {
    const { engine } = setup();
    const { planId, tasks } = await createPlanFromDraft(engine, draft('A', [task('I.1', 10, sonv)]), { actor });
    await engine.issuePlan({ actor, planId, number: '1/KH-UBND', issuedOn: '2026-04-10' });
    await engine.reassignTask({ actor, taskId: tasks[0]!.taskId, lead: unit(TU), reason: 'đổi đơn vị' });
    await engine.requestReport({ actor, planId, units: [unit('Phòng Tài chính', 'phong-tai-chinh')], subject: 'Báo cáo', dueAt: '2026-05-01T00:00:00Z' });
    const result = await createPlanFromDraft(engine, draft('B', [task('I.1', 10, unit(TU_HEAVY), [unit('Phòng Tài chính kế hoạch', 'phong-tai-chinh')])]), { actor });
    expect(await leadsOf(engine, result.planId)).toEqual([['I.1', 'phong-tu-phap-2', TU_HEAVY, ['phong-tai-chinh-2']]]);
  });

  it('an issuer the log knows under another name gets the suffix, and drafts as itself by default', async () => {
    const { engine, events } = setup();
    const stp = unit('Sở Tư pháp', 'so-tu-phap');
    await createPlanFromDraft(engine, draft('A', [task('I.1', 10, sonv)], { issuer: stp }), { actor: { unitId: 'so-tu-phap' } });
    const other = draft('B', [task('I.1', 10, sonv)], { issuer: unit('Sở Tự pháp', 'so-tu-phap') });
    const count = (await events()).length;
    // Acting as so-tu-phap (Sở Tư pháp) for a plan of Sở Tự pháp is refused, and appends nothing.
    await expect(createPlanFromDraft(engine, other, { actor: { unitId: 'so-tu-phap' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await events()).length).toBe(count);
    const result = await createPlanFromDraft(engine, other);
    expect(result.actor).toEqual({ unitId: 'so-tu-phap-2' });
    expect((await engine.getPlan(result.planId)).issuer).toEqual(unit('Sở Tự pháp', 'so-tu-phap-2'));
    expect(result.warnings).toMatchObject([{ unit: { id: 'so-tu-phap-2' }, taken: { id: 'so-tu-phap', name: 'Sở Tư pháp' } }]);
    expect(result.warnings[0]).not.toHaveProperty('line');
  });

  it("the issuer's own units move with it when it gets a suffix", async () => {
    const { engine } = setup();
    const office = (agency: string) => unit('Văn phòng', `${agency}/van-phong`);
    await createPlanFromDraft(engine, draft('A', [task('I.1', 10, office('ubnd-tinh'))], { issuer: unit('UBND tỉnh Hà Giang', 'ubnd-tinh') }));
    const result = await createPlanFromDraft(engine, draft('B', [task('I.1', 10, office('ubnd-tinh'), [sonv])], { recipients: [office('ubnd-tinh')] }));
    expect((await engine.getPlan(result.planId)).issuer).toEqual(unit('UBND tỉnh', 'ubnd-tinh-2'));
    expect((await engine.getPlan(result.planId)).recipients).toEqual([office('ubnd-tinh-2')]);
    expect(await leadsOf(engine, result.planId)).toEqual([['I.1', 'ubnd-tinh-2/van-phong', 'Văn phòng', ['so-noi-vu']]]);
    expect(result.warnings.map((warning) => warning.unit.id)).toEqual(['ubnd-tinh-2']);
  });

  it("the engine's own commands take unit ids as given (docs/import.md, unit identity)", async () => {
    const { engine } = setup();
    const { planId } = await createPlanFromDraft(engine, draft('A', [task('I.1', 10, unit(TU))]));
    const byName = await engine.addTask({ actor, planId, title: 'Việc 1', lead: { name: TU_HEAVY } });
    const { taskId } = await engine.addTask({ actor, planId, title: 'Việc 2' });
    await engine.issuePlan({ actor, planId, number: '1/KH-UBND', issuedOn: '2026-04-10' });
    await engine.assignTask({ actor, taskId, lead: unit(TU_SHARP), deadline: { kind: 'date', on: '2026-12-31' } });
    expect((await engine.getTask(byName.taskId)).lead).toEqual(unit(TU_HEAVY, 'phong-tu-phap'));
    expect((await engine.getTask(taskId)).lead).toEqual(unit(TU_SHARP, 'phong-tu-phap'));
    // An import after them counts the first name the log gave the id.
    const later = await createPlanFromDraft(engine, draft('B', [task('I.1', 10, unit(TU_HEAVY))]));
    expect(later.warnings).toMatchObject([{ unit: { id: 'phong-tu-phap-2' }, taken: { name: TU } }]);
  });

  it('without an actor and without an issuer, it refuses before appending', async () => {
    const { engine, events } = setup();
    const { issuer: _, ...bare } = draft('A', [task('I.1', 10, sonv)]);
    await expect(createPlanFromDraft(engine, bare)).rejects.toMatchObject({ code: 'VALIDATION', field: 'actor' });
    expect(await events()).toEqual([]);
  });

  it('imports of plan texts: the agency\'s "Phòng Tự pháp" is ubnd-tinh/phong-tu-phap-2 after its "Phòng Tư pháp"', async () => {
    const { engine } = setup();
    const text = (number: number, name: string) =>
      [
        'ỦY BAN NHÂN DÂN',
        'TỈNH HÀ TĨNH',
        '',
        `Số: ${number}/KH-UBND`,
        '',
        'Hà Tĩnh, ngày 6 tháng 4 năm 2026',
        '',
        'KẾ HOẠCH',
        '',
        `Rà soát văn bản năm 2026 (đợt ${number})`,
        '',
        'I. NHIỆM VỤ',
        '',
        `1. Rà soát văn bản quy phạm pháp luật (${name} chủ trì, phối hợp với Sở Nội vụ thực hiện; hoàn thành trước ngày 30/6/2026).`,
        '',
      ].join('\n');
    const a = importPlan(text(1, TU)).plan;
    const b = importPlan(text(2, TU_HEAVY)).plan;
    expect([a.tasks[0]!.lead, b.tasks[0]!.lead]).toEqual([unit(TU, 'ubnd-tinh/phong-tu-phap'), unit(TU_HEAVY, 'ubnd-tinh/phong-tu-phap')]);
    const first = await createPlanFromDraft(engine, a);
    const second = await createPlanFromDraft(engine, b);
    expect((await leadsOf(engine, first.planId))[0]).toEqual(['I.1', 'ubnd-tinh/phong-tu-phap', TU, ['so-noi-vu']]);
    expect((await leadsOf(engine, second.planId))[0]).toEqual(['I.1', 'ubnd-tinh/phong-tu-phap-2', TU_HEAVY, ['so-noi-vu']]);
    expect(second.warnings).toMatchObject([{ line: 14 }]);
  });
});

describe('unitsInLog', () => {
  it('collects every unit the log names, each id with the first name it gets, in one pass', async () => {
    const store = memoryStore();
    const clock = manualClock('2026-04-10T02:00:00Z');
    const engine = createEngine({ store, clock });
    const { planId } = await engine.draftPlan({
      actor,
      planId: 'p',
      title: 'Kế hoạch',
      issuer,
      recipients: [unit('Sở Y tế', 'so-y-te')],
      reporting: [{ period: 'year', to: unit('Văn phòng UBND tỉnh', 'van-phong-ubnd-tinh') }],
    });
    await engine.addTask({ actor, planId, taskId: 't1', title: 'Việc 1', lead: sonv, support: [unit(TU)] });
    await engine.addTask({ actor, planId, taskId: 't2', title: 'Việc 2' });
    await engine.issuePlan({ actor, planId, number: '1/KH-UBND', issuedOn: '2026-04-10' });
    await engine.assignTask({ actor, taskId: 't2', lead: unit('Sở Tài chính', 'so-tai-chinh'), support: [unit('Công an tỉnh', 'cong-an-tinh')], deadline: { kind: 'date', on: '2026-12-31' } });
    // The engine takes caller-given ids as given: a later event may name phong-tu-phap otherwise.
    await engine.reassignTask({ actor, taskId: 't1', lead: unit(TU_HEAVY), support: [unit('Sở Xây dựng', 'so-xay-dung')], reason: 'đổi' });
    await engine.requestReport({ actor, planId, requestId: 'r1', units: [unit('Sở Công Thương', 'so-cong-thuong')], subject: 'Báo cáo', dueAt: '2026-04-11T00:00:00Z' });
    clock.set('2026-04-12T00:00:00Z');
    const overdue = await engine.tick();
    expect(overdue.map((event) => event.type)).toContain('report.overdue');

    expect([...(await unitsInLog(store))]).toEqual([
      [issuer.id, issuer.name],
      ['so-y-te', 'Sở Y tế'],
      ['van-phong-ubnd-tinh', 'Văn phòng UBND tỉnh'],
      ['so-noi-vu', 'Sở Nội vụ'],
      ['phong-tu-phap', TU],
      ['so-tai-chinh', 'Sở Tài chính'],
      ['cong-an-tinh', 'Công an tỉnh'],
      ['so-xay-dung', 'Sở Xây dựng'],
      ['so-cong-thuong', 'Sở Công Thương'],
    ]);
  });
});

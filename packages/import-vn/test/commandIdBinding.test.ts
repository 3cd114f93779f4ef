/**
 * Issue 14, item 6: the importer's command ids are predictable (`<planId>:draft`), so another unit
 * can claim one first. A command id bound to its actor, command and input means the issuer then gets
 * CONFLICT on `commandId`, never the other unit's result, and its plan is not taken over.
 */
import { createEngine, manualClock, memoryStore, type Engine, type StoredEvent } from '@planlog/core';
import { createPlanFromDraft, importPlan } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';

const TEXT = `UỶ BAN NHÂN DÂN TỈNH Y
SỞ TƯ PHÁP
Số: 12/KH-STP

KẾ HOẠCH
Tuyên truyền pháp luật về phòng, chống ma tuý năm 2026

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức pháp luật của người dân.

II. NỘI DUNG
1. Tổ chức hội nghị tuyên truyền
Đơn vị chủ trì: Phòng Phổ biến, giáo dục pháp luật.
Thời gian thực hiện: Quý II/2026.
`;

async function events(engine: Engine): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const event of engine.store.readAll()) all.push(event);
  return all;
}

describe('item 6: a pre-claimed importer command id does not hijack the issuer', () => {
  it.each([
    ['a plan of its own', (planId: string) => ({ planId: 'kh-ke-gian', title: 'Kế hoạch giả', commandId: `${planId}:draft` })],
    ['the same plan id, as its issuer', (planId: string) => ({ planId, title: 'Kế hoạch giả', commandId: `${planId}:draft` })],
  ])('another unit drafting %s under <planId>:draft: the issuer gets CONFLICT on commandId', async (_what, claim) => {
    const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-10T02:00:00Z') });
    const { plan } = importPlan(TEXT);
    // The plan id the import derives (the same on every machine): found on a scratch engine.
    const { planId } = await createPlanFromDraft(createEngine({ store: memoryStore(), clock: manualClock('2026-04-10T02:00:00Z') }), plan, { actor: { unitId: plan.issuer?.id ?? 'so-tu-phap' } });
    const issuer = { unitId: plan.issuer?.id ?? 'so-tu-phap' };
    const attacker = { unitId: 'don-vi-khac' };
    await engine.draftPlan({ actor: attacker, ...claim(planId) });
    const before = await events(engine);

    await expect(createPlanFromDraft(engine, plan, { actor: issuer })).rejects.toMatchObject({ code: 'CONFLICT', field: 'commandId' });
    // Nothing appended in the issuer's name, and no result of the other unit's taken for its own.
    expect(await events(engine)).toEqual(before);
    // Under another plan id the issuer's import goes through, as its own.
    const { planId: own } = await createPlanFromDraft(engine, plan, { actor: issuer, planId: `${planId}-2` });
    expect((await engine.getPlan(own)).issuer?.id).toBe(plan.issuer?.id ?? issuer.unitId);
  });
});

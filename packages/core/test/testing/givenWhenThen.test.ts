// The given/when/then helpers of @planlog/core/testing (src/testing/givenWhenThen.ts).
import { describe, expect, it } from 'vitest';
import { unitRef } from '@planlog/core';
import { given, type GivenEvent } from '@planlog/core/testing';

const ISSUER = unitRef('Sở Tư pháp');
const OUTSIDER = unitRef('Đài Phát thanh - Truyền hình tỉnh');

describe('given/when/then helpers', () => {
  const lead = unitRef('Công an tỉnh');
  const deadline = { kind: 'quarter', year: 2026, quarter: 2 } as const;
  const facts: GivenEvent[] = [
    { type: 'plan.drafted', data: { planId: 'kh-1', title: 'Kế hoạch', issuer: ISSUER } },
    { type: 'task.added', data: { taskId: 'nv-1', title: 'Rà soát', lead: { name: 'Công an tỉnh'.normalize('NFD') }, deadline } },
    { type: 'plan.issued', data: { number: '88/KH-UBND', issuedOn: '2026-02-25' } },
    { type: 'task.assigned', data: { lead, deadline } },
  ];

  it('then / thenThrows / run', async () => {
    await given(facts).when({ name: 'acknowledgeTask', input: { actor: { unitId: lead.id }, taskId: 'nv-1' } }).then(['task.acknowledged']);
    await given(facts).when({ name: 'acknowledgeTask', input: { actor: { unitId: OUTSIDER.id }, taskId: 'nv-1' } }).thenThrows('FORBIDDEN', 'actor.unitId');
    await given(facts).when({ name: 'acknowledgeTask', input: { actor: { unitId: lead.id }, taskId: 'khong-co' } }).thenThrows('NOT_FOUND');
    const outcome = await given(facts, { at: '2026-07-02T00:00:00Z' }).when({ name: 'tick' }).run();
    expect(outcome.events.map((event) => event.type)).toEqual(['task.overdue']);
    await expect(
      given(facts).when({ name: 'acknowledgeTask', input: { actor: { unitId: OUTSIDER.id }, taskId: 'nv-1' } }).then(['task.acknowledged']),
    ).rejects.toThrow(/refused: FORBIDDEN/);
    await expect(given([{ type: 'task.acknowledged', taskId: 'nv-9' }]).when({ name: 'tick' }).run()).rejects.toThrow(/given/);
  });
});

/**
 * Issue 14's authorization matrix: every command × every kind of actor, the expected outcome written
 * once in the table below, run against the engine (each cell on a fresh log where the command is
 * legal for the right actor) and held against `defaultPolicy` itself. A command added to
 * `commandSchemas` without a row fails the first test.
 */
import { describe, expect, it } from 'vitest';
import {
  commandSchemas,
  createEngine,
  defaultPolicy,
  ISSUER_COMMANDS,
  manualClock,
  memoryStore,
  type Actor,
  type CommandName,
  type Engine,
  type ErrorCode,
} from '@planlog/core';

const ISSUER = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const LEAD = { id: 'phong-pho-bien', name: 'Phòng Phổ biến, giáo dục pháp luật' };
const SUPPORT = { id: 'phong-hanh-chinh', name: 'Phòng Hành chính tư pháp' };
const OTHER = { id: 'so-y-te', name: 'Sở Y tế' };

const ROLES = ['issuer', 'lead', 'support', 'unrelated', 'system', 'missing'] as const;
type Role = (typeof ROLES)[number];
type Expected = 'ok' | ErrorCode;

/** The actor each role sends (missing: no actor at all). */
function actorOf(role: Role, units: { issuer: string; lead: string }): Actor | undefined {
  switch (role) {
    case 'issuer':
      return { unitId: units.issuer };
    case 'lead':
      return { unitId: units.lead };
    case 'support':
      return { unitId: SUPPORT.id };
    case 'unrelated':
      return { unitId: OTHER.id };
    case 'system':
      return { unitId: 'planlog', userId: 'tick' }; // planlog's own actor: reserved
    case 'missing':
      return undefined;
  }
}

// prettier-ignore
/** The matrix: rows are commands (reportTask twice: progress and final), columns the roles of `ROLES`. */
const MATRIX: Record<string, { command: CommandName; expected: Record<Role, Expected> }> = {
  //                                                       issuer        lead          support       unrelated     system        missing
  draftPlan:        { command: 'draftPlan',       expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  addTask:          { command: 'addTask',         expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  issuePlan:        { command: 'issuePlan',       expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  assignTask:       { command: 'assignTask',      expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  acknowledgeTask:  { command: 'acknowledgeTask', expected: row('FORBIDDEN', 'ok',        'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  'reportTask (progress)': { command: 'reportTask', expected: row('FORBIDDEN', 'ok',     'ok',        'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  'reportTask (final)':    { command: 'reportTask', expected: row('FORBIDDEN', 'ok',     'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  acceptReport:     { command: 'acceptReport',    expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  returnReport:     { command: 'returnReport',    expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  extendDeadline:   { command: 'extendDeadline',  expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  reassignTask:     { command: 'reassignTask',    expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  cancelTask:       { command: 'cancelTask',      expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  requestReport:    { command: 'requestReport',   expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  closePlan:        { command: 'closePlan',       expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  upgradeRules:     { command: 'upgradeRules',    expected: row('ok',        'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  // Separation of duties: the issuer leads the task itself ("lead" is then the issuer's unit too).
  'reportTask (final, issuer leads)': { command: 'reportTask', expected: row('ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  'acceptReport (issuer leads)':      { command: 'acceptReport', expected: row('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
  'returnReport (issuer leads)':      { command: 'returnReport', expected: row('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'VALIDATION', 'VALIDATION') },
};

function row(...outcomes: Expected[]): Record<Role, Expected> {
  return Object.fromEntries(ROLES.map((role, i) => [role, outcomes[i]!])) as Record<Role, Expected>;
}

/** The state each row starts from, and the input its command sends (without the actor). */
type Stage = 'fresh' | 'drafted' | 'unassigned' | 'assigned' | 'acknowledged' | 'submitted';
const CASES: Record<keyof typeof MATRIX, { stage: Stage; input: Record<string, unknown>; issuerLeads?: boolean }> = {
  draftPlan: { stage: 'fresh', input: { planId: 'kh-2', title: 'Kế hoạch mới', issuer: ISSUER } },
  addTask: { stage: 'drafted', input: { planId: 'kh-1', taskId: 'T2', title: 'Nhiệm vụ thêm', lead: LEAD } },
  issuePlan: { stage: 'drafted', input: { planId: 'kh-1', number: '12/KH-STP', issuedOn: '2026-04-01' } },
  assignTask: { stage: 'unassigned', input: { taskId: 'U', lead: LEAD, support: [SUPPORT], deadline: { kind: 'quarter', year: 2026, quarter: 3 } } },
  acknowledgeTask: { stage: 'assigned', input: { taskId: 'T' } },
  'reportTask (progress)': { stage: 'acknowledged', input: { taskId: 'T', text: 'Đã triển khai 50%', progress: 50 } },
  'reportTask (final)': { stage: 'acknowledged', input: { taskId: 'T', text: 'Đã hoàn thành', final: true } },
  acceptReport: { stage: 'submitted', input: { taskId: 'T' } },
  returnReport: { stage: 'submitted', input: { taskId: 'T', reason: 'Bổ sung số liệu' } },
  extendDeadline: { stage: 'assigned', input: { taskId: 'T', deadline: { kind: 'quarter', year: 2026, quarter: 4 }, reason: 'Theo chỉ đạo' } },
  reassignTask: { stage: 'assigned', input: { taskId: 'T', lead: OTHER, reason: 'Điều chỉnh' } },
  cancelTask: { stage: 'assigned', input: { taskId: 'T', reason: 'Không còn phù hợp' } },
  requestReport: { stage: 'assigned', input: { planId: 'kh-1', units: [LEAD], subject: 'Báo cáo đột xuất', dueAt: '2026-05-01T00:00:00+07:00' } },
  closePlan: { stage: 'assigned', input: { planId: 'kh-1' } },
  upgradeRules: { stage: 'assigned', input: { planId: 'kh-1', version: 2 } },
  'reportTask (final, issuer leads)': { stage: 'acknowledged', issuerLeads: true, input: { taskId: 'T', text: 'Đã hoàn thành', final: true } },
  'acceptReport (issuer leads)': { stage: 'submitted', issuerLeads: true, input: { taskId: 'T' } },
  'returnReport (issuer leads)': { stage: 'submitted', issuerLeads: true, input: { taskId: 'T', reason: 'Bổ sung số liệu' } },
};

/** A fresh log at `stage`: plan kh-1 (issuer ISSUER) with task T (lead, one support unit) and, once issued, task U without a lead. */
async function engineAt(stage: Stage, lead: { id: string; name: string }): Promise<Engine> {
  const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-10T02:00:00Z') });
  if (stage === 'fresh') return engine;
  const issuer = { unitId: ISSUER.id };
  await engine.draftPlan({ actor: issuer, planId: 'kh-1', title: 'Kế hoạch phổ biến pháp luật năm 2026', issuer: ISSUER });
  await engine.addTask({ actor: issuer, planId: 'kh-1', taskId: 'T', title: 'Nhiệm vụ', lead, support: [SUPPORT], deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  if (stage === 'drafted') return engine;
  await engine.addTask({ actor: issuer, planId: 'kh-1', taskId: 'U', title: 'Nhiệm vụ chưa giao' });
  await engine.issuePlan({ actor: issuer, planId: 'kh-1', number: '12/KH-STP', issuedOn: '2026-04-01' });
  if (stage === 'unassigned' || stage === 'assigned') return engine;
  await engine.acknowledgeTask({ actor: { unitId: lead.id }, taskId: 'T' });
  if (stage === 'acknowledged') return engine;
  await engine.reportTask({ actor: { unitId: lead.id }, taskId: 'T', text: 'Đã hoàn thành', final: true });
  return engine;
}

const cells = Object.entries(MATRIX).flatMap(([name, { command, expected }]) => ROLES.map((role) => ({ name, command, role, expected: expected[role] })));

describe(`authorization matrix: ${Object.keys(MATRIX).length} rows × ${ROLES.length} actors = ${cells.length} cells`, () => {
  it('has a row for every command', () => {
    expect(new Set(Object.values(MATRIX).map((entry) => entry.command))).toEqual(new Set(Object.keys(commandSchemas)));
  });

  it('agrees with the policy: issuer commands are the issuer\'s alone, the others the lead\'s (and support\'s progress reports)', () => {
    for (const { command, expected } of Object.values(MATRIX)) {
      if (ISSUER_COMMANDS.has(command)) expect(['lead', 'support', 'unrelated'].map((role) => expected[role as Role])).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      else expect(expected.unrelated).toBe('FORBIDDEN');
    }
  });

  it.each(cells)('$name by $role: $expected', async ({ name, command, role, expected }) => {
    const { stage, input, issuerLeads } = CASES[name]!;
    const lead = issuerLeads ? ISSUER : LEAD;
    const engine = await engineAt(stage, lead);
    const actor = actorOf(role, { issuer: ISSUER.id, lead: lead.id });
    const before = await engine.store.headPosition();
    const run = (engine[command] as (input: unknown) => Promise<unknown>)({ ...input, ...(actor ? { actor } : {}) });
    if (expected === 'ok') {
      await run;
      expect(await engine.store.headPosition()).toBeGreaterThan(before);
    } else {
      await expect(run).rejects.toMatchObject({ code: expected, field: role === 'missing' ? 'actor' : 'actor.unitId' });
      expect(await engine.store.headPosition()).toBe(before);
    }
    // The same verdict from the policy alone, for the cells the policy is asked about.
    if (actor && role !== 'system' && stage !== 'fresh') {
      const plan = await engine.getPlan('kh-1');
      const taskId = input.taskId as string | undefined;
      const task = taskId && command !== 'addTask' ? await engine.getTask(taskId) : undefined;
      const verdict = defaultPolicy({ command, actor, plan, ...(task ? { task } : {}), ...(command === 'reportTask' ? { final: input.final === true } : {}) });
      expect(verdict === true ? 'ok' : 'FORBIDDEN').toBe(expected);
    }
  });
});

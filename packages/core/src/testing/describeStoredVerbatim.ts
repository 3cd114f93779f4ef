import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../base/clock.js';
import { createEngine, type Engine } from '../engine/createEngine.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';

/**
 * Texts a command takes and a store must give back exactly as sent (design §3.2: no normalisation,
 * no trimming): NFD, bidi controls, ANSI escapes, line breaks, prototype names, astral characters,
 * long texts. (Unit names are the exception the design makes: NFC, white space folded.)
 */
export const VERBATIM_TEXTS: readonly string[] = [
  'Kế hoạch phòng, chống tội phạm năm 2026',
  'Kế hoạch phòng, chống tội phạm năm 2026'.normalize('NFD'),
  '  lề trước và sau  ',
  'dòng 1\ndòng 2\r\ndòng 3\ttab',
  '\u202eđảo chiều\u202c và \u2067cách ly\u2069 \u200f',
  '\u001b[31mđỏ\u001b[0m \u001b]0;tiêu đề\u0007',
  'constructor',
  '__proto__',
  'toString',
  'Nhiệm vụ 👩‍💻 𝕏 🇻🇳',
  'e\u0301\u0301\u0323 a\u0308',
  '\ufeffBOM ở đầu',
  'khoảng\u200btrắng\u00a0không\u2028ngắt\u0085',
  '中文 한국어 ภาษาไทย العربية',
  '"ngoặc" \\ gạch \' <script>alert(1)</script> &amp;',
  "'; DROP TABLE planlog_events; --",
  '{"$ne":null}',
  'x'.repeat(2_000),
];

/** Ids a command takes (NFC, trimmed, at most 200 characters) and a store gives back as sent. */
export const VERBATIM_IDS: readonly string[] = [
  'kh-1',
  'constructor',
  '__proto__',
  'toString',
  'Kế-hoạch-số-12',
  'nhiệm vụ có khoảng trắng',
  'Nhiệm-vụ-👩‍💻',
  '中文',
  '\u202eid',
  'quote"and\\backslash',
  'x'.repeat(200),
];

export type VerbatimFixture = {
  store: EventStore;
  /** The same log opened anew (another connection, or the file reopened); default: the same store. */
  reopen?: () => Promise<EventStore>;
  close?: () => Promise<void>;
};

const ISSUER = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const LEAD = { id: 'phong-pho-bien', name: 'Phòng Phổ biến, giáo dục pháp luật' };

/** What each text went into, for one plan and its one task. */
type Written = { planId: string; taskId: string; userId: string; text: string; short: string };

const shortOf = (text: string) => (text.length <= 200 ? text : text.slice(0, 200));

/** Write every text into every free-text field of a plan and its task, through the engine. */
async function writeAll(engine: Engine): Promise<Written[]> {
  const written: Written[] = [];
  for (const [i, text] of VERBATIM_TEXTS.entries()) {
    const id = VERBATIM_IDS[i % VERBATIM_IDS.length]!;
    const planId = i < VERBATIM_IDS.length ? id : `${id.slice(0, 190)}-${i}`;
    const taskId = `${planId.slice(0, 190)}/task`;
    const userId = VERBATIM_IDS[(i + 3) % VERBATIM_IDS.length]!;
    const short = shortOf(text);
    const issuer = { unitId: ISSUER.id, userId };
    const lead = { unitId: LEAD.id, userId };
    await engine.draftPlan({ actor: issuer, planId, title: text, issuer: ISSUER, basis: [text], objectives: [text], requirements: [text] });
    await engine.addTask({ actor: issuer, planId, taskId, title: text, ref: short, lead: LEAD, deadline: { kind: 'quarter', year: 2026, quarter: 4 } });
    await engine.issuePlan({ actor: issuer, planId, number: short, issuedOn: '2026-04-01' });
    await engine.acknowledgeTask({ actor: lead, taskId });
    await engine.reportTask({ actor: lead, taskId, text, period: short, progress: 50 });
    await engine.reportTask({ actor: lead, taskId, text, final: true });
    await engine.returnReport({ actor: issuer, taskId, reason: text });
    await engine.reportTask({ actor: lead, taskId, text, final: true });
    await engine.acceptReport({ actor: issuer, taskId, note: text });
    await engine.requestReport({ actor: issuer, planId, units: [LEAD], subject: text, dueAt: '2026-12-01T00:00:00+07:00', requestId: userId });
    await engine.closePlan({ actor: issuer, planId, note: text });
    written.push({ planId, taskId, userId, text, short });
  }
  return written;
}

/** Strings equal code unit for code unit (what `===` compares), reported with their code points when not. */
function expectSame(actual: unknown, expected: string, where: string): void {
  if (actual !== expected) {
    const points = (value: unknown) => (typeof value === 'string' ? [...value].slice(0, 40).map((c) => c.codePointAt(0)!.toString(16)).join(' ') : String(value));
    expect.fail(`${where}: read back ${points(actual)} (length ${String((actual as string)?.length)}), sent ${points(expected)} (length ${expected.length})`);
  }
}

/** Check one engine's reads and the store's events against what was written. */
async function checkAll(engine: Engine, written: readonly Written[]): Promise<void> {
  for (const { planId, taskId, userId, text, short } of written) {
    const plan = await engine.getPlan(planId);
    expectSame(plan.planId, planId, 'plan.planId');
    for (const [field, value] of [['title', plan.title], ['basis', plan.basis[0]], ['objectives', plan.objectives[0]], ['requirements', plan.requirements[0]]] as const) {
      expectSame(value, text, `plan ${field}`);
    }
    expectSame(plan.number, short, 'plan.number');
    expectSame(plan.requests[0]?.subject, text, 'request subject');
    expectSame(plan.requests[0]?.requestId, userId, 'request id');
    expectSame(plan.drafter?.userId, userId, 'plan drafter userId');
    const task = await engine.getTask(taskId);
    expectSame(task.taskId, taskId, 'task.taskId');
    expectSame(task.title, text, 'task.title');
    expectSame(task.ref, short, 'task.ref');
    expect(task.reports).toHaveLength(3);
    for (const report of task.reports) expectSame(report.text, text, 'report text');
    expectSame(task.reports[0]!.period, short, 'report period');
    expectSame(task.reports[1]!.reviewNote, text, 'return reason');
    expectSame(task.reports[2]!.reviewNote, text, 'accept note');
    const events: StoredEvent[] = [...(await engine.store.readStream(`plan-${planId}`)), ...(await engine.store.readStream(`task-${taskId}`))];
    for (const event of events) {
      expectSame(event.actor.userId, userId, `${event.type} actor.userId`);
      const data = event.data as Record<string, unknown>;
      for (const field of ['title', 'text', 'reason', 'note', 'subject']) if (field in data) expectSame(data[field], text, `${event.type} data.${field}`);
      for (const field of ['basis', 'objectives', 'requirements']) if (field in data) expectSame((data[field] as string[])[0], text, `${event.type} data.${field}`);
    }
  }
}

/**
 * The stored-verbatim suite (issue 14): every text of `VERBATIM_TEXTS` and every id of `VERBATIM_IDS`,
 * accepted by the commands, reads back identical — through the engine that wrote it, and through a
 * fresh engine on the log opened anew.
 */
export function describeStoredVerbatim(name: string, open: () => Promise<VerbatimFixture>): void {
  describe(`${name}: what was accepted reads back exactly as sent`, () => {
    let fixture: VerbatimFixture | undefined;
    afterEach(async () => {
      await fixture?.close?.();
      fixture = undefined;
    });

    it(`${VERBATIM_TEXTS.length} texts and ${VERBATIM_IDS.length} ids in every field, read back by the engine, the store and a fresh engine`, async () => {
      fixture = await open();
      const engine = createEngine({ store: fixture.store, clock: manualClock('2026-04-10T02:00:00Z') });
      const written = await writeAll(engine);
      await checkAll(engine, written);
      expect((await engine.verify()).ok).toBe(true);
      const reopened = fixture.reopen ? await fixture.reopen() : fixture.store;
      const fresh = createEngine({ store: reopened, clock: manualClock('2026-04-11T02:00:00Z') });
      await checkAll(fresh, written);
      expect((await fresh.verify()).ok).toBe(true);
    }, 120_000);
  });
}

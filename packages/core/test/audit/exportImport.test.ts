import { describe, expect, it } from 'vitest';
import { createEngine, exportLog, importLog, manualClock, memoryStore, verifyLog, type EventStore, type StoredEvent } from '@planlog/core';
import { eventBytes, GENESIS_HASH, hashBytes } from '@planlog/core/store';
import { allEvents, issuedPlan, LEAD, PBGDPL, STP, XDPL } from '../fixtures.js';

/** An export line as the stored event it holds. */
const fromLine = (line: string) => {
  const { position, hash, event } = JSON.parse(line) as { position: number; hash: string; event: StoredEvent };
  return { ...event, position, hash } as StoredEvent;
};

const collect = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

/** Two plans of Sở Tư pháp, worked, chased by ticks (several commands in one append), one ad-hoc request. */
async function twoPlans() {
  const { store, clock, engine, planId, taskId } = await issuedPlan();
  const other = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phổ biến, giáo dục pháp luật năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  const otherTask = await engine.addTask({ actor: STP, planId: other.planId, title: 'Tổ chức Ngày Pháp luật', lead: PBGDPL, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  await engine.issuePlan({ actor: STP, planId: other.planId, number: '46/KH-STP', issuedOn: '2026-04-16' });
  await engine.acknowledgeTask({ actor: LEAD, taskId });
  await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát 40%', progress: 40, period: '6 tháng đầu năm' });
  await engine.requestReport({ actor: STP, planId, units: [XDPL], subject: 'Báo cáo nhanh kết quả rà soát', dueAt: '2026-06-01T01:00:00Z' });
  clock.set('2026-07-01T00:00:00Z');
  const ticked = await engine.tick();
  expect(new Set(ticked.map((event) => event.commandId)).size).toBeGreaterThan(1);
  await engine.reportTask({ actor: LEAD, taskId, text: 'Hoàn thành rà soát', final: true });
  await engine.acceptReport({ actor: STP, taskId, note: 'Đạt yêu cầu' });
  return { store, clock, engine, planId, taskId, otherPlanId: other.planId, otherTaskId: otherTask.taskId };
}

async function expectUntouched(store: EventStore, attempt: Promise<unknown>, error: Record<string, unknown>) {
  const head = await store.headPosition();
  await expect(attempt).rejects.toMatchObject(error);
  expect(await store.headPosition()).toBe(head);
}

describe('exportLog', () => {
  it('writes a header, then each event as its stored bytes verbatim with position, previous hash and hash, in global order', async () => {
    const { store } = await twoPlans();
    const lines = await collect(exportLog(store));
    const events = await allEvents(store);
    expect(JSON.parse(lines[0]!)).toEqual({ format: 'planlog-events', version: 2, planId: null, count: events.length });
    let prevHash = GENESIS_HASH;
    lines.slice(1).forEach((line, index) => {
      const event = events[index]!;
      expect(line).toBe(`{"position":${event.position},"prevHash":"${prevHash}","hash":"${event.hash}","event":${eventBytes(event)}}`);
      prevHash = event.hash;
    });
    const { position: _p, hash: _h, ...stored } = events[3]!;
    expect(JSON.parse(lines[4]!).event).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('exports one plan: its stream and its tasks, not the other plan', async () => {
    const { store, planId, taskId } = await twoPlans();
    const lines = await collect(exportLog(store, { planId }));
    const events = lines.slice(1).map(fromLine);
    expect(JSON.parse(lines[0]!)).toMatchObject({ planId, count: events.length });
    expect(new Set(events.map((event) => event.streamId))).toEqual(new Set([`plan-${planId}`, `task-${taskId}`]));
    const expected = (await allEvents(store)).filter((event) => [`plan-${planId}`, `task-${taskId}`].includes(event.streamId));
    expect(events).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('refuses an unknown plan with NOT_FOUND naming planId', async () => {
    const { store } = await twoPlans();
    await expect(collect(exportLog(store, { planId: 'no-such-plan' }))).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'planId' });
  });
});

describe('importLog', () => {
  it('reproduces the whole log in an empty store: every field, positions and hashes included', async () => {
    const { store: a } = await twoPlans();
    const b = memoryStore();
    const lines = await collect(exportLog(a));
    expect(await importLog(b, lines)).toEqual({ imported: lines.length - 1 });
    expect(await allEvents(b)).toEqual(await allEvents(a));
    const [verifyA, verifyB] = [await verifyLog(a), await verifyLog(b)];
    expect(verifyB).toEqual(verifyA);
    expect(verifyB.ok).toBe(true);
    expect(await collect(exportLog(b))).toEqual(lines);
  });

  it('takes an async iterable of lines with their line ends, and skips blank lines', async () => {
    const { store: a } = await twoPlans();
    const lines = await collect(exportLog(a));
    async function* file() {
      for (const line of lines) yield `${line}\n`;
      yield '\n';
    }
    const b = memoryStore();
    await importLog(b, file());
    expect(await allEvents(b)).toEqual(await allEvents(a));
  });

  it('imports one plan into an empty store with new positions and hashes, and an engine can run on it', async () => {
    const { store: a, engine: engineA, planId, taskId } = await twoPlans();
    const lines = await collect(exportLog(a, { planId }));
    const b = memoryStore();
    expect(await importLog(b, lines)).toEqual({ imported: lines.length - 1 });
    const [from, to] = [lines.slice(1).map(fromLine), await allEvents(b)];
    expect(to.map((event) => event.position)).toEqual(from.map((_, index) => index + 1));
    const strip = ({ position: _p, hash: _h, ...event }: StoredEvent) => event;
    expect(to.map(strip)).toEqual(from.map(strip)); // ids, stream versions, command ids, times: all kept
    expect(to.at(-1)!.hash).not.toBe(from.at(-1)!.hash);
    expect((await verifyLog(b)).ok).toBe(true);
    const engineB = createEngine({ store: b, clock: manualClock('2026-07-02T00:00:00Z') });
    expect(await engineB.getTask(taskId)).toEqual(await engineA.getTask(taskId));
    expect(await engineB.getPlan(planId)).toEqual(await engineA.getPlan(planId));
  });

  it('keeps hashes and the exact text when a title was sent in NFD (stored, exported and imported as sent)', async () => {
    const store = memoryStore();
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    await engine.draftPlan({ actor: STP, title: 'Kế hoạch năm 2026'.normalize('NFD') });
    const b = memoryStore();
    await importLog(b, await collect(exportLog(store)));
    const [before, after] = [(await allEvents(store))[0]!, (await allEvents(b))[0]!];
    expect(after.hash).toBe(before.hash);
    expect((after as StoredEvent<'plan.drafted'>).data.title).toBe('Kế hoạch năm 2026'.normalize('NFD'));
  });

  it('refuses a store that is not empty with CONFLICT, appending nothing', async () => {
    const { store: a } = await twoPlans();
    const { store: b } = await issuedPlan();
    const lines = await collect(exportLog(a));
    await expectUntouched(b, importLog(b, lines), { code: 'CONFLICT', field: 'target', message: expect.stringContaining('not empty') });
  });

  /** The export with the event of line `index` edited and every later line's hashes recomputed (a tamperer who knows the rule). */
  const rechained = (lines: string[], index: number, edit: (bytes: string) => string) => {
    let prev = '';
    return lines.map((line, at) => {
      if (at < index) return line;
      const [, position, prevHash, , bytes] = /^\{"position":(\d+),"prevHash":"([0-9a-f]{64})","hash":"([0-9a-f]{64})","event":(.*)\}$/.exec(line)!;
      const next = at === index ? edit(bytes!) : bytes!;
      const before = at === index ? prevHash! : prev;
      prev = hashBytes(before, next);
      return `{"position":${position},"prevHash":"${before}","hash":"${prev}","event":${next}}`;
    });
  };

  it('issue 14 item 4: a crafted file whose own chain is intact but whose bytes a store would not keep is refused whole, before anything is appended', async () => {
    const { store: a } = await twoPlans();
    const lines = await collect(exportLog(a));
    const crafted: [string, (bytes: string) => string][] = [
      ['an extra key', (bytes) => bytes.replace('{"actor":{', '{"actor":{"extra":1,')],
      // A unit name is NFC by its schema (a title is kept as sent): an NFD name is not what a store keeps.
      ['NFD unit name', (bytes) => bytes.replace('"name":"Sở Tư pháp"', `"name":"${'Sở Tư pháp'.normalize('NFD')}"`)],
      ['an escape JSON.stringify would not write', (bytes) => bytes.replace('Kế hoạch', 'K\\u1ebf hoạch')],
      ['white space', (bytes) => bytes.replace('","', '", "')],
      ['reformatted JSON', (bytes) => JSON.stringify(JSON.parse(bytes), null, 1).replace(/\n/g, '')],
    ];
    for (const [name, edit] of crafted) {
      const b = memoryStore();
      const index = lines.findIndex((line) => line.includes('Kế hoạch'));
      expect(edit(lines[index]!), name).not.toBe(lines[index]);
      await expectUntouched(b, importLog(b, rechained(lines, index, edit)), { code: 'VALIDATION', details: { line: index + 1 }, message: expect.stringMatching(/not canonical|invalid event/) });
      expect(await b.headPosition(), name).toBe(0);
    }
  });

  it("issue 14 item 12: setting the header's planId does not turn the chain check off", async () => {
    const { store: a, planId } = await twoPlans();
    const lines = await collect(exportLog(a));
    const relabelled = lines.with(0, lines[0]!.replace('"planId":null', `"planId":"${planId}"`));
    const b = memoryStore();
    // An edited byte in a one-plan export is a hash mismatch, as in a whole-log one.
    const planLines = await collect(exportLog(a, { planId }));
    const index = planLines.findIndex((line) => line.includes('rà soát 40%'));
    await expectUntouched(b, importLog(b, planLines.with(index, planLines[index]!.replace('rà soát 40%', 'rà soát 90%'))), {
      code: 'VALIDATION',
      details: { line: index + 1 },
      message: expect.stringMatching(/hash mismatch at position/),
    });
    // The chain is checked across consecutive positions whatever the header says, and a one-plan
    // export holds only that plan's streams: this whole-log file, relabelled, holds another plan's.
    const swapped = relabelled.with(5, relabelled[6]!).with(6, relabelled[5]!);
    await expectUntouched(b, importLog(b, swapped), { code: 'VALIDATION' });
    const otherPlan = lines.findIndex((line, at) => at > 0 && !line.includes(planId) && line.includes('"type":"plan.drafted"'));
    await expectUntouched(b, importLog(b, relabelled), { code: 'VALIDATION', details: { line: otherPlan + 1 }, message: expect.stringMatching(/is not of plan/) });
  });

  describe('refuses a broken file with VALIDATION naming the line, appending nothing', () => {
    /** The file with the first line that contains `from` changed to `to` (which must change it). */
    const edit = (lines: string[], from: string, to: string) => {
      const index = lines.findIndex((line) => line.includes(from));
      expect(index).toBeGreaterThan(0);
      return lines.with(index, lines[index]!.replace(from, to));
    };
    const cases: [string, (lines: string[]) => string[], number, RegExp][] = [
      ['a line that is not JSON', (lines) => lines.with(4, lines[4]!.slice(0, -10)), 5, /not an event line/],
      ['an event that breaks the schema', (lines) => edit(lines, '"type":"task.added"', '"type":"task.invented"'), 3, /hash mismatch at position 2/],
      ['one byte of one event changed', (lines) => edit(lines, 'rà soát 40%', 'rà soát 90%'), 11, /hash mismatch at position 10/],
      ['a deleted event', (lines) => lines.toSpliced(5, 1), 6, /position 6 does not follow 4/],
      ['two swapped events', (lines) => lines.with(5, lines[6]!).with(6, lines[5]!), 6, /position/],
      ['a truncated file', (lines) => lines.slice(0, -2), 15, /the header counts 16 events, the file has 14/],
      ['no header', (lines) => lines.slice(1), 1, /not a planlog export/],
      ['an unknown format version', (lines) => lines.with(0, lines[0]!.replace('"version":2', '"version":9')), 1, /version 9 is not supported/],
      ['an empty file', () => [], 1, /empty file/],
    ];
    it.each(cases)('%s', async (_name, breakFile, line, message) => {
      const { store: a } = await twoPlans();
      const lines = await collect(exportLog(a));
      expect(lines).toHaveLength(17);
      const b = memoryStore();
      await expectUntouched(b, importLog(b, breakFile(lines)), { code: 'VALIDATION', field: 'lines', details: { line }, message: expect.stringMatching(message) });
      expect(await b.headPosition()).toBe(0);
    });

    it('a one-plan export with an event missing (a stream version gap)', async () => {
      const { store: a, planId } = await twoPlans();
      const lines = await collect(exportLog(a, { planId }));
      const index = lines.findIndex((line) => line.includes('"type":"task.acknowledged"'));
      const b = memoryStore();
      await expectUntouched(b, importLog(b, lines.toSpliced(index, 1)), { code: 'VALIDATION', details: { line: index + 1 }, message: expect.stringMatching(/version \d+ does not follow/) });
    });
  });
});

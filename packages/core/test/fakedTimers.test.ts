// The engine defers its catch-up with setImmediate (LiveFold: commands that arrive together share one
// read of the log). A user's test that fakes the timers must not stall every command: neither
// vitest's (the global setImmediate) nor sinon's (`sinon.useFakeTimers()`, which also replaces the
// `timers` module's setImmediate, where the CommonJS build looks it up at each call).
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, manualClock, memoryStore } from '@planlog/core';
import { STP } from './fixtures.js';

const timersModule = createRequire(import.meta.url)('node:timers') as { setImmediate: (callback: () => void) => unknown };

async function draftAndRead(): Promise<string> {
  const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-10T02:00:00Z') });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  return (await engine.getPlan(planId)).state;
}

describe('commands under faked timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('run when the global timers are faked (vi.useFakeTimers)', async () => {
    vi.useFakeTimers();
    expect(await draftAndRead()).toBe('draft');
  }, 5_000);

  // Regression: the catch-up looked up the timers module's setImmediate at each call (in the CommonJS
  // build, `(0, import_node_timers.setImmediate)(…)`), so under sinon's fake timers every command hung.
  it("run when a fake clock replaces the timers module's setImmediate after load (sinon.useFakeTimers)", async () => {
    const real = timersModule.setImmediate;
    timersModule.setImmediate = () => ({}); // a fake clock's: it runs the callback only when the test ticks
    syncBuiltinESMExports(); // as the CommonJS build sees the module: its property, read at the call
    try {
      expect(await draftAndRead()).toBe('draft');
    } finally {
      timersModule.setImmediate = real;
      syncBuiltinESMExports();
    }
  }, 5_000);
});

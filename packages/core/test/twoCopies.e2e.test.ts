import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// An app can end up with two copies of @planlog/core in one process: two versions installed side by
// side (an adapter pinned to another minor), or the ESM build beside the CommonJS one (the dual
// package hazard: `import` and `require` load different files). `instanceof` knows only its own
// copy's class; `isPlanlogError` must recognise a PlanlogError of any copy. Needs the build.

type Core = typeof import('@planlog/core');

const coreDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(coreDir, 'dist');

describe('isPlanlogError across copies of @planlog/core (the built package)', () => {
  let scratch: string;
  let copyA: Core;
  let copyB: Core;
  let cjs: Core;

  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.js'))) throw new Error('@planlog/core is not built: run `npx -y pnpm@10 build` first');
    // The second copy sits under core's node_modules, so its own imports (xstate, zod) resolve as the first's do.
    mkdirSync(join(coreDir, 'node_modules'), { recursive: true });
    scratch = mkdtempSync(join(coreDir, 'node_modules', '.planlog-second-copy-'));
    cpSync(dist, join(scratch, 'dist'), { recursive: true });
    cpSync(join(coreDir, 'package.json'), join(scratch, 'package.json'));
    copyA = (await import(pathToFileURL(join(dist, 'index.js')).href)) as Core;
    copyB = (await import(pathToFileURL(join(scratch, 'dist', 'index.js')).href)) as Core;
    cjs = createRequire(import.meta.url)(join(dist, 'index.cjs')) as Core;
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('the copies are distinct: an error of one is no instance of the other', () => {
    const error = new copyA.PlanlogError('NOT_FOUND', 'no such task', { field: 'taskId' });
    expect(copyA.PlanlogError).not.toBe(copyB.PlanlogError);
    expect(error instanceof copyB.PlanlogError).toBe(false);
    expect(error instanceof cjs.PlanlogError).toBe(false);
  });

  it("a PlanlogError of copy A is one for copy B's isPlanlogError, with its code and field", () => {
    const error = new copyA.PlanlogError('NOT_FOUND', 'no such task', { field: 'taskId', details: { taskId: 'task-x' } });
    expect(copyB.isPlanlogError(error)).toBe(true);
    expect(copyB.isPlanlogError(error, 'NOT_FOUND')).toBe(true);
    expect(copyB.isPlanlogError(error, 'CONFLICT')).toBe(false);
    if (!copyB.isPlanlogError(error)) throw new Error('unreachable');
    expect({ code: error.code, field: error.field, details: error.details }).toEqual({ code: 'NOT_FOUND', field: 'taskId', details: { taskId: 'task-x' } });
  });

  it('so does one thrown by an engine of the other copy, and one of the CommonJS build', async () => {
    const engine = copyA.createEngine({ store: copyA.memoryStore(), clock: copyA.manualClock('2026-03-01T00:00:00Z') });
    const refused = await engine.getTask('task-unknown').then(
      () => null,
      (error: unknown) => error,
    );
    expect(copyB.isPlanlogError(refused, 'NOT_FOUND')).toBe(true);
    expect(cjs.isPlanlogError(refused, 'NOT_FOUND')).toBe(true);
    expect(copyA.isPlanlogError(new cjs.PlanlogError('STORE', 'disk full'), 'STORE')).toBe(true);
  });

  it('an error that only looks like one is not', () => {
    const lookalike = Object.assign(new Error('no such task'), { name: 'PlanlogError', code: 'NOT_FOUND', field: 'taskId' });
    expect(copyB.isPlanlogError(lookalike)).toBe(false);
    expect(copyB.isPlanlogError({ code: 'NOT_FOUND' })).toBe(false);
    expect(copyB.isPlanlogError(null)).toBe(false);
  });
});

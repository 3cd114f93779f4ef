import { isPlanlogError, type PlanlogError } from '@planlog/core';

/** The PlanlogError a synchronous open throws; fails the test when it throws something else or nothing. */
export function openError(open: () => unknown): PlanlogError {
  try {
    open();
  } catch (error) {
    if (isPlanlogError(error)) return error;
    throw new Error(`expected a PlanlogError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected opening to fail');
}

import { PlanlogError, isPlanlogError } from '@planlog/core';
import { commandConflict } from '@planlog/core/store';

type PgError = Error & { code?: string; constraint?: string; detail?: string };

/**
 * A driver error as planlog's typed error. A unique violation is a lost race (`CONFLICT`; on the
 * command ids with `details.commandId`); an unstorable string (a NUL in JSON text) is `VALIDATION`;
 * everything else (connection refused or lost, server shutting down, timeouts) is `STORE`.
 */
export function storeError(error: unknown, doing: string): PlanlogError {
  if (isPlanlogError(error)) return error;
  const pgError = error as PgError;
  if (pgError?.code === '23505') {
    if (pgError.constraint === 'commands_pkey') {
      const commandId = /\(command_id\)=\((.*)\) already exists/.exec(pgError.detail ?? '')?.[1];
      if (commandId !== undefined) return commandConflict(commandId);
    }
    return new PlanlogError('CONFLICT', `${doing}: another writer got there first (${pgError.constraint ?? 'unique violation'})`, {
      details: { constraint: pgError.constraint },
      cause: error,
    });
  }
  if (pgError?.code === '22P05' || pgError?.code === '22021') {
    return new PlanlogError('VALIDATION', `${doing}: PostgreSQL cannot store this text (${pgError.message})`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PlanlogError('STORE', `${doing}: ${message}`, {
    details: pgError?.code === undefined ? {} : { pgCode: pgError.code },
    cause: error,
  });
}

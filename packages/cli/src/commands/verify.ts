import { isPlanlogError, verifyLog, type ChainBreak, type EventStore, type StoredEvent } from '@planlog/core';
import type { Command } from 'commander';
import { EXIT } from '../exitCodes.js';
import { writeJson, writeLine, type Context } from '../io.js';
import { withStore } from '../openStore.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';
import { progressBar } from '../progress.js';

/** The event found at a bad position, if the store can still read it. */
async function eventAt(store: EventStore, position: number): Promise<StoredEvent | null> {
  try {
    for await (const event of store.readAll({ fromPosition: position })) return event.position === position ? event : null;
  } catch {
    // An event the store cannot read is what the reason already says.
  }
  return null;
}

/**
 * A row the store itself refuses to read (malformed JSON, a field outside its schema) is a change to
 * the log too: the store names its position, and verification fails there.
 */
function unreadable(error: unknown): ChainBreak | null {
  if (!isPlanlogError(error, 'STORE')) return null;
  const position = error.details?.position;
  return typeof position === 'number' ? { position, reason: `unreadable event: ${error.message.replace(/^.*?the event at position \d+ /, '')}` } : null;
}

export function verifyCommand(program: Command, context: Context): void {
  program
    .command('verify')
    .summary('check the hash chain of the whole log')
    .description('walk the hash chain of the whole log; exit 3 naming the first position that is not what was appended')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nChecks every event in log order: its hash (SHA-256 of the previous hash and the event), gap-free\npositions and stream versions, and its schema. Exit 0 when intact, 3 when not.')
    .action(async (options: CommonOptions) => {
      await withStore(context, options.db, { create: false }, async ({ store, location }) => {
        const bar = progressBar(context, 'verify', options);
        let checked = 0;
        let result;
        try {
          result = await verifyLog(store, {
            progressEvery: 1_000,
            onProgress: (progress) => {
              checked = progress.checked;
              bar.update(progress.checked, progress.total);
            },
          });
        } catch (error) {
          const broken = unreadable(error);
          if (!broken) throw error;
          result = { ok: false, checked: Math.max(checked, broken.position - 1), headHash: null, firstBad: broken };
        } finally {
          bar.end();
        }
        const bad = result.firstBad ? await eventAt(store, result.firstBad.position) : null;
        const event = bad && { position: bad.position, streamId: bad.streamId, version: bad.version, type: bad.type, recordedAt: bad.recordedAt, actor: bad.actor };
        if (options.json) writeJson(context.stdout, { db: location, ...result, event });
        else if (result.ok) {
          writeLine(context.stdout, `OK: ${location}: ${result.checked} events, hash chain intact.`);
          writeLine(context.stdout, `Head hash: ${result.headHash} (write it down: a later verify that ends on another hash means the log was rewritten)`);
        } else {
          const { position, reason } = result.firstBad!;
          writeLine(context.stdout, `TAMPERED: ${location}: the log breaks at position ${position}: ${reason}.`);
          if (event) writeLine(context.stdout, `  event ${position}: ${event.type} on ${event.streamId} v${event.version}, recorded ${event.recordedAt} by ${event.actor.unitId}`);
          writeLine(context.stdout, `  ${result.checked} events before it are intact${result.headHash ? `; last intact hash ${result.headHash}` : ''}.`);
        }
        context.setExit(result.ok ? EXIT.OK : EXIT.TAMPERED);
      });
    });
}

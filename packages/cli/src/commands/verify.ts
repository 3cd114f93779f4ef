import { PlanlogError, isPlanlogError, verifyLog, type ChainBreak, type EventStore, type StoredEvent } from '@planlog/core';
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

type Anchor = { position: number; hash: string };

function parseAnchor(text: string): Anchor {
  const match = /^(\d+):([0-9a-f]{64})$/i.exec(text.trim());
  if (!match || Number(match[1]) < 1) {
    throw new PlanlogError('VALIDATION', `--anchor: "${text}" is not <position>:<hash> (as an earlier verify printed it: 222:83805ca9…, 64 hex digits)`, { field: 'anchor' });
  }
  return { position: Number(match[1]), hash: match[2]!.toLowerCase() };
}

/**
 * An intact chain can still have lost its tail, or had it rewritten with fresh hashes: an anchor
 * written down earlier (position and hash of the head then) must still be in the log as it was.
 */
async function checkAnchor(store: EventStore, anchor: Anchor, checked: number): Promise<ChainBreak | null> {
  if (anchor.position > checked) {
    return { position: anchor.position, reason: `anchor: the intact log ends at position ${checked}, before the anchored position ${anchor.position} (events were removed)` };
  }
  const event = await eventAt(store, anchor.position);
  if (event?.hash !== anchor.hash) return { position: anchor.position, reason: `anchor: the event at position ${anchor.position} has hash ${event?.hash ?? '(none)'}, not the anchored ${anchor.hash} (the log was rewritten)` };
  return null;
}

export function verifyCommand(program: Command, context: Context): void {
  program
    .command('verify')
    .summary('check the hash chain of the whole log')
    .description('walk the hash chain of the whole log; exit 3 naming the first position that is not what was appended')
    .option('--anchor <position:hash>', 'the anchor an earlier verify printed: that event must still be in the log, unchanged')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Checks every event in log order: its hash (SHA-256 of the previous hash and the event), gap-free
positions and stream versions, and its schema. Exit 0 when intact, 3 when not.

A chain that is intact can still have lost its newest events, or have had them rewritten with
fresh hashes. Keep the anchor a verify prints (position:hash of the head) and give it with
--anchor next time: the events up to it must still be there, unchanged.`,
    )
    .action(async (options: CommonOptions & { anchor?: string }) => {
      const anchor = options.anchor === undefined ? null : parseAnchor(options.anchor);
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
        if (result.ok && anchor) {
          const broken = await checkAnchor(store, anchor, result.checked);
          if (broken) result = { ok: false, checked: result.checked, headHash: result.headHash, firstBad: broken };
        }
        const bad = result.firstBad ? await eventAt(store, result.firstBad.position) : null;
        const event = bad && { position: bad.position, streamId: bad.streamId, version: bad.version, type: bad.type, recordedAt: bad.recordedAt, actor: bad.actor };
        if (options.json) writeJson(context.stdout, { db: location, ...result, anchor: result.ok && result.checked > 0 ? `${result.checked}:${result.headHash}` : null, event });
        else if (result.ok) {
          writeLine(context.stdout, `OK: ${location}: ${result.checked} events, hash chain intact.`);
          if (anchor) writeLine(context.stdout, `The anchor ${anchor.position}:${anchor.hash.slice(0, 12)}… is in the log, unchanged.`);
          if (result.checked > 0) writeLine(context.stdout, `Anchor: ${result.checked}:${result.headHash} (keep it; give it to a later verify as --anchor)`);
        } else {
          const { position, reason } = result.firstBad!;
          writeLine(context.stdout, `TAMPERED: ${location}: the log breaks at position ${position}: ${reason}.`);
          if (event) writeLine(context.stdout, `  event ${position}: ${event.type} on ${event.streamId} v${event.version}, recorded ${event.recordedAt} by ${event.actor.unitId}`);
          const intact = result.checked >= position ? `the hash chain itself is intact (${result.checked} events)` : `${result.checked} events before it are intact`;
          writeLine(context.stdout, `  ${intact}${result.headHash ? `; last intact hash ${result.headHash}` : ''}.`);
        }
        context.setExit(result.ok ? EXIT.OK : EXIT.TAMPERED);
      });
    });
}

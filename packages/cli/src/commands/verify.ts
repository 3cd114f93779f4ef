import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlanlogError, verifyLog, type ChainBreak, type EventStore, type StoredEvent, type VerifyAnchor } from '@planlog/core';
import type { Command } from 'commander';
import { EXIT } from '../exitCodes.js';
import { writeJson, writeLine, type Context } from '../io.js';
import { withStore } from '../openStore.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';
import { progressBar } from '../progress.js';
import { readSignedAnchor } from '../readSignedAnchor.js';

/** The event found at a bad position, if the store can still read it. */
async function eventAt(store: EventStore, position: number): Promise<StoredEvent | null> {
  try {
    for await (const event of store.readAll({ fromPosition: position })) return event.position === position ? event : null;
  } catch {
    // An event the store cannot read is what the reason already says.
  }
  return null;
}

function parseAnchor(text: string, context: Context, publicKey: string | undefined): VerifyAnchor & { signedBy?: string } {
  const match = /^(\d+):([0-9a-f]{64})$/i.exec(text.trim());
  if (!match && existsSync(resolve(context.cwd, text))) return readSignedAnchor(context, text, publicKey);
  if (!match || Number(match[1]) < 1) {
    throw new PlanlogError('VALIDATION', `--anchor: "${text}" is not <position>:<hash> (as an earlier verify printed it: 222:83805ca9…, 64 hex digits) nor a signed anchor file`, { field: 'anchor' });
  }
  return { position: Number(match[1]), hash: match[2]!.toLowerCase() };
}

/** A break that only the anchor reveals, in the words of the anchor. */
function anchorBreak(broken: ChainBreak, anchor: VerifyAnchor, checked: number, bad: StoredEvent | null): ChainBreak {
  const { position } = anchor;
  if (broken.reason === 'missing events' && position > checked) {
    return { position: broken.position, reason: `anchor: the intact log ends at position ${checked}, before the anchored position ${position} (events were removed)` };
  }
  if (broken.reason === 'anchor mismatch') {
    return { position, reason: `anchor: the event at position ${position} has hash ${bad?.hash ?? '(none)'}, not the anchored ${anchor.hash} (the log was rewritten)` };
  }
  return broken;
}

export function verifyCommand(program: Command, context: Context): void {
  program
    .command('verify')
    .summary('check the hash chain of the whole log')
    .description('walk the hash chain of the whole log; exit 3 naming the first position that is not what was appended')
    .option('--anchor <position:hash|file>', 'the anchor an earlier verify printed, or a signed anchor file (planlog anchor): that event must still be in the log, unchanged')
    .option('--public-key <pem>', 'with a signed anchor file: the Ed25519 public key (PEM) it must be signed by')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Checks every event in log order: its hash (SHA-256 of the previous hash and the exact bytes
stored for the event), that those bytes are planlog's canonical form and a valid event, gap-free
positions and stream versions, and that the store's indexes (stream, version and command-id
columns, the table of command ids) agree with the events. Exit 0 when intact, 3 when not.

A chain that is intact can still have lost its newest events, or have had them rewritten with
fresh hashes. Keep the anchor a verify prints (position:hash of the head) and give it with
--anchor next time: the events up to it must still be there, unchanged. A signed anchor file
(planlog anchor --sign KEY) is checked too: its Ed25519 signature, by the key --public-key gives
(else the key in the file, whose fingerprint is printed: compare it with the published one).`,
    )
    .action(async (options: CommonOptions & { anchor?: string; publicKey?: string }) => {
      const anchor = options.anchor === undefined ? null : parseAnchor(options.anchor, context, options.publicKey);
      await withStore(context, options.db, { create: false, readonly: true }, async ({ store, location }) => {
        const bar = progressBar(context, 'verify', options);
        let result;
        try {
          result = await verifyLog(store, {
            progressEvery: 1_000,
            onProgress: (progress) => bar.update(progress.checked, progress.total),
            ...(anchor && { expect: anchor }),
          });
        } finally {
          bar.end();
        }
        const bad = result.firstBad ? await eventAt(store, result.firstBad.position) : null;
        if (result.firstBad && anchor) result = { ...result, firstBad: anchorBreak(result.firstBad, anchor, result.checked, bad) };
        const event = bad && { position: bad.position, streamId: bad.streamId, version: bad.version, type: bad.type, recordedAt: bad.recordedAt, actor: bad.actor };
        const signedBy = anchor?.signedBy === undefined ? {} : { signedBy: anchor.signedBy };
        if (options.json) writeJson(context.stdout, { db: location, ...result, anchor: result.ok && result.checked > 0 ? `${result.checked}:${result.headHash}` : null, ...signedBy, event });
        else if (result.ok) {
          writeLine(context.stdout, `OK: ${location}: ${result.checked} events, hash chain intact.`);
          if (anchor) writeLine(context.stdout, `The anchor ${anchor.position}:${anchor.hash.slice(0, 12)}… is in the log, unchanged.`);
          if (anchor?.signedBy) writeLine(context.stdout, `Its signature checks with Ed25519 key ${anchor.signedBy}.`);
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

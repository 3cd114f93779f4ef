import { PlanlogError } from '../base/errors.js';
import { planStream } from '../state/streams.js';
import type { NewEvent, StoredEvent } from '../schemas/events.js';
import { upcastEvent } from '../schemas/upcast.js';
import { validateAppend } from '../store/appendRules.js';
import type { StreamAppend, EventStore } from '../store/EventStore.js';
import { GENESIS_HASH, hashBytes } from '../store/hashEvent.js';
import { readStoredBytes } from './chainCheck.js';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportHeader } from './exportLog.js';

export type ImportResult = { imported: number };

/** A line of the file in error: `VALIDATION`, naming the line (1-based). */
function badLine(line: number, message: string): PlanlogError {
  return new PlanlogError('VALIDATION', `line ${line}: ${message}`, { field: 'lines', details: { line } });
}

async function requireEmpty(target: EventStore): Promise<void> {
  const head = await target.headPosition();
  if (head !== 0) {
    throw new PlanlogError('CONFLICT', `the target store is not empty (head position ${head}): import only into an empty store`, {
      field: 'target',
      details: { head },
    });
  }
}

function readHeader(text: string): ExportHeader {
  let header: Partial<ExportHeader>;
  try {
    header = JSON.parse(text);
  } catch {
    throw badLine(1, 'not valid JSON');
  }
  if (header?.format !== EXPORT_FORMAT) throw badLine(1, `not a planlog export: the first line must be the header { "format": "${EXPORT_FORMAT}", … }`);
  if (header.version !== EXPORT_FORMAT_VERSION) throw badLine(1, `export format version ${String(header.version)} is not supported (expected ${EXPORT_FORMAT_VERSION})`);
  if (!(header.planId === null || typeof header.planId === 'string') || !Number.isInteger(header.count)) {
    throw badLine(1, 'the header needs planId (string or null) and count (a whole number)');
  }
  return header as ExportHeader;
}

/** An event line exactly as `exportLine` writes it; the bytes are taken verbatim from the line. */
const EVENT_LINE = /^\{"position":([1-9][0-9]{0,15}),"prevHash":"([0-9a-f]{64})","hash":"([0-9a-f]{64})","event":(\{.*\})\}$/;

type Line = { line: number; position: number; hash: string; bytes: string; event: StoredEvent };

/** An export read and checked whole: what `importLog` appends. */
export type CheckedExport = { readonly header: ExportHeader; readonly events: readonly Line[]; readonly batches: readonly { first: Line; appends: StreamAppend[] }[] };

/** Consecutive events of one command, as the stream appends that reproduce them. */
function commandBatches(events: Line[]): { first: Line; appends: StreamAppend[] }[] {
  const batches: { first: Line; appends: StreamAppend[] }[] = [];
  let index = 0;
  while (index < events.length) {
    const first = events[index]!;
    const appends: (StreamAppend & { events: NewEvent[] })[] = [];
    for (; index < events.length && events[index]!.event.commandId === first.event.commandId; index++) {
      const { streamId, version, position: _position, hash: _hash, ...event } = events[index]!.event as StoredEvent & Record<string, unknown>;
      const current = appends.at(-1);
      if (current?.streamId === streamId) current.events.push(event as NewEvent);
      else appends.push({ streamId, expectedVersion: version - 1, events: [event as NewEvent] });
    }
    batches.push({ first, appends });
  }
  return batches;
}

/**
 * Read and check an export (`exportLog`'s lines) whole, appending nothing: the header; every event
 * line in the exact form `exportLine` writes; each line's hash = SHA-256(prevHash ‖ the event's bytes
 * as they are in the line); lines of consecutive positions chained (a whole-log export: positions 1,
 * 2, 3 … from GENESIS_HASH; a one-plan export: rising positions, and only the plan's streams); the bytes valid and in canonical
 * form, so they are exactly the bytes the target store will keep and hash; stream versions, event ids
 * and command runs; and every command's stream appends as the store will validate them. A broken file
 * is refused with `VALIDATION` naming its line. The file is held in memory.
 */
export async function checkExport(lines: AsyncIterable<string> | Iterable<string>): Promise<CheckedExport> {
  let header: ExportHeader | null = null;
  const events: Line[] = [];
  const versions = new Map<string, number>();
  const ids = new Set<string>();
  const commandsDone = new Set<string>();
  const commandStreams = new Set<string>();
  let lineNumber = 0;
  let last: Line | null = null;
  /** For a one-plan export: the plan's stream and those of the tasks added to it so far. */
  const planStreams = new Set<string>();
  for await (const raw of lines) {
    lineNumber++;
    let text = raw.replace(/\r?\n$/, '');
    if (lineNumber === 1) text = text.replace(/^\uFEFF/, ''); // a BOM before the header
    if (text.trim() === '') continue;
    if (!header) {
      if (lineNumber !== 1) throw badLine(lineNumber, 'the header must be the first line');
      header = readHeader(text);
      if (header.planId !== null) planStreams.add(planStream(header.planId));
      continue;
    }
    const match = EVENT_LINE.exec(text);
    if (!match) throw badLine(lineNumber, 'not an event line as planlog export writes it: {"position":…,"prevHash":"…","hash":"…","event":{…}}');
    const position = Number(match[1]);
    const [, , prevHash, hash, bytes] = match as unknown as [string, string, string, string, string];
    if (hashBytes(prevHash, bytes) !== hash) throw badLine(lineNumber, `hash mismatch at position ${position}`);
    const lastPosition: number = last === null ? 0 : last.position;
    if (header.planId === null && position !== lastPosition + 1) {
      throw badLine(lineNumber, `position ${position} does not follow ${lastPosition} (a whole-log export has every position)`);
    }
    if (last && position <= last.position) throw badLine(lineNumber, `position ${position} does not follow ${last.position}`);
    const before = position === 1 ? GENESIS_HASH : last && position === last.position + 1 ? last.hash : null;
    if (before !== null && prevHash !== before) throw badLine(lineNumber, `the chain breaks at position ${position}: its previous hash is not the hash before it`);
    const read = readStoredBytes(bytes, position, hash);
    if ('reason' in read) throw badLine(lineNumber, `${read.reason} at position ${position}`);
    const { event } = read;
    if (header.planId !== null) {
      // A one-plan export holds the plan's stream and its tasks' streams, nothing else.
      if (event.type === 'task.added' && (upcastEvent(event) as StoredEvent<'task.added'>).data.planId === header.planId) planStreams.add(event.streamId);
      if (!planStreams.has(event.streamId)) throw badLine(lineNumber, `stream ${event.streamId} is not of plan ${header.planId}, the plan the header names`);
    }
    const version = versions.get(event.streamId) ?? 0;
    if (event.version !== version + 1) throw badLine(lineNumber, `stream ${event.streamId}: version ${event.version} does not follow ${version}`);
    versions.set(event.streamId, event.version);
    if (ids.has(event.id)) throw badLine(lineNumber, `event id ${event.id} appears twice`);
    ids.add(event.id);
    // One command's events were appended together: they must be contiguous, one run per stream.
    if (last?.event.commandId !== event.commandId) {
      if (last) commandsDone.add(last.event.commandId);
      if (commandsDone.has(event.commandId)) throw badLine(lineNumber, `command ${event.commandId} has events apart from each other`);
      commandStreams.clear();
    }
    if (last?.event.commandId !== event.commandId || last.event.streamId !== event.streamId) {
      if (commandStreams.has(event.streamId)) throw badLine(lineNumber, `command ${event.commandId} names stream ${event.streamId} twice`);
      commandStreams.add(event.streamId);
    }
    last = { line: lineNumber, position, hash, bytes, event };
    events.push(last);
  }
  if (!header) throw badLine(1, 'empty file: no header');
  if (events.length !== header.count) throw badLine(lineNumber, `the header counts ${header.count} events, the file has ${events.length}`);
  const batches = commandBatches(events);
  for (const { first, appends } of batches) {
    try {
      validateAppend(appends); // what the store will check: refused here, nothing is appended
    } catch (error) {
      throw badLine(first.line, `the store would refuse command ${first.event.commandId}: ${(error as Error).message}`);
    }
  }
  return { header, events, batches };
}

/**
 * Import an export (`exportLog`'s lines, or an export already read by `checkExport`) into an EMPTY
 * store, keeping every event's bytes — id, command id, actor, times and data — as stored. The whole
 * file is checked first (`checkExport`): a broken file is refused with `VALIDATION` naming its line,
 * and a store that is not empty with `CONFLICT`; either way nothing is appended. The events of each
 * command go in one `appendMany`, in log order.
 *
 * Every event the store appends must hash as the file's bytes do (SHA-256 of the store's previous
 * hash and the same bytes): a whole-log import reproduces every position and hash; a one-plan export
 * gets new positions and hashes over the same bytes. A store that keeps other bytes fails with `STORE`.
 */
export async function importLog(target: EventStore, source: AsyncIterable<string> | Iterable<string> | CheckedExport): Promise<ImportResult> {
  await requireEmpty(target);
  const { header, events, batches } = 'batches' in source ? source : await checkExport(source);
  await requireEmpty(target);
  let imported = 0;
  let prevHash = GENESIS_HASH;
  for (const { first, appends } of batches) {
    let results;
    try {
      results = await target.appendMany(appends);
    } catch (error) {
      throw new PlanlogError('STORE', `line ${first.line}: the target store refused command ${first.event.commandId} after ${imported} events were imported: ${(error as Error).message}`, {
        details: { line: first.line, imported },
        cause: error,
      });
    }
    for (const stored of results.flatMap((result) => result.events)) {
      const original = events[imported]!;
      const sameBytes = stored.hash === hashBytes(prevHash, original.bytes);
      if (!sameBytes || (header.planId === null && (stored.position !== original.position || stored.hash !== original.hash))) {
        throw new PlanlogError('STORE', `position ${original.position}: the target store did not keep the event's bytes, position and hash`, {
          details: { position: original.position, imported },
        });
      }
      prevHash = stored.hash;
      imported++;
    }
  }
  return { imported };
}

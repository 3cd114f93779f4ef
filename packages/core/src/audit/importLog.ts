import { PlanlogError } from '../errors.js';
import { StoredEventSchema, type NewEvent, type StoredEvent } from '../schemas/events.js';
import { upcastEvent } from '../schemas/upcast.js';
import type { AppendRequest, EventStore } from '../store/EventStore.js';
import { chainCheck } from './chainCheck.js';
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

type Line = { line: number; event: StoredEvent };

/** Every line parsed and checked, before anything is appended. */
async function readExport(lines: AsyncIterable<string> | Iterable<string>): Promise<{ header: ExportHeader; events: Line[] }> {
  let header: ExportHeader | null = null;
  const events: Line[] = [];
  const chain = chainCheck();
  const versions = new Map<string, number>();
  const ids = new Set<string>();
  const commandsDone = new Set<string>();
  const commandStreams = new Set<string>();
  let lineNumber = 0;
  let last: StoredEvent | null = null;
  for await (const raw of lines) {
    lineNumber++;
    const text = raw.replace(/\r?\n$/, '');
    if (text.trim() === '') continue;
    if (!header) {
      if (lineNumber !== 1) throw badLine(lineNumber, 'the header must be the first line');
      header = readHeader(text);
      continue;
    }
    let event: StoredEvent;
    try {
      event = JSON.parse(text);
    } catch {
      throw badLine(lineNumber, 'not valid JSON');
    }
    let parsed;
    try {
      parsed = StoredEventSchema.safeParse(upcastEvent(event));
    } catch (error) {
      throw badLine(lineNumber, (error as Error).message);
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw badLine(lineNumber, `${issue.path.map(String).join('.') || 'event'}: ${issue.message}`);
    }
    if (header.planId === null) {
      // The whole log: the file must be an intact chain, which the import then reproduces.
      const broken = chain.next(event);
      if (broken) throw badLine(lineNumber, `${broken.reason} at position ${broken.position}`);
    } else if (last && event.position <= last.position) {
      throw badLine(lineNumber, `position ${event.position} does not follow ${last.position}`);
    }
    const version = versions.get(event.streamId) ?? 0;
    if (event.version !== version + 1) throw badLine(lineNumber, `stream ${event.streamId}: version ${event.version} does not follow ${version}`);
    versions.set(event.streamId, event.version);
    if (ids.has(event.id)) throw badLine(lineNumber, `event id ${event.id} appears twice`);
    ids.add(event.id);
    // One command's events were appended together: they must be contiguous, one run per stream.
    if (last?.commandId !== event.commandId) {
      if (last) commandsDone.add(last.commandId);
      if (commandsDone.has(event.commandId)) throw badLine(lineNumber, `command ${event.commandId} has events apart from each other`);
      commandStreams.clear();
    }
    if (last?.commandId !== event.commandId || last.streamId !== event.streamId) {
      if (commandStreams.has(event.streamId)) throw badLine(lineNumber, `command ${event.commandId} names stream ${event.streamId} twice`);
      commandStreams.add(event.streamId);
    }
    events.push({ line: lineNumber, event });
    last = event;
  }
  if (!header) throw badLine(1, 'empty file: no header');
  if (events.length !== header.count) throw badLine(lineNumber, `the header counts ${header.count} events, the file has ${events.length}`);
  return { header, events };
}

/** Consecutive events of one command, as the append requests that reproduce them. */
function* commandBatches(events: Line[]): Generator<{ first: Line; requests: AppendRequest[] }> {
  let index = 0;
  while (index < events.length) {
    const first = events[index]!;
    const requests: (AppendRequest & { events: NewEvent[] })[] = [];
    for (; index < events.length && events[index]!.event.commandId === first.event.commandId; index++) {
      const { streamId, version, position: _position, hash: _hash, ...event } = events[index]!.event;
      const current = requests.at(-1);
      if (current?.streamId === streamId) current.events.push(event as NewEvent);
      else requests.push({ streamId, expectedVersion: version - 1, events: [event as NewEvent] });
    }
    yield { first, requests };
  }
}

/**
 * Import an export (`exportLog`'s lines) into an EMPTY store, keeping every event's id, command id,
 * actor, times and data as stored. Every line is read and checked first (JSON, schema, header count,
 * positions, stream versions, command runs, and for a whole-log export the hash chain): a broken file
 * is refused with `VALIDATION` naming its line, and a store that is not empty with `CONFLICT`; either
 * way nothing is appended. The events of each command go in one `appendMany`, in log order.
 *
 * A whole-log import reproduces every position and hash (checked as it goes: a store that hashes
 * differently fails with `STORE`). A one-plan export gets new positions and hashes in its new store;
 * stream versions, ids and everything else are kept. The file is held in memory while it is checked.
 */
export async function importLog(target: EventStore, lines: AsyncIterable<string> | Iterable<string>): Promise<ImportResult> {
  await requireEmpty(target);
  const { header, events } = await readExport(lines);
  await requireEmpty(target);
  let imported = 0;
  for (const { first, requests } of commandBatches(events)) {
    let results;
    try {
      results = await target.appendMany(requests);
    } catch (error) {
      throw new PlanlogError('STORE', `line ${first.line}: the target store refused command ${first.event.commandId} after ${imported} events were imported: ${(error as Error).message}`, {
        details: { line: first.line, imported },
        cause: error,
      });
    }
    for (const stored of results.flatMap((result) => result.events)) {
      const original = events[imported]!.event;
      if (header.planId === null && (stored.position !== original.position || stored.hash !== original.hash)) {
        throw new PlanlogError('STORE', `position ${original.position}: the target store did not reproduce the event's position and hash`, {
          details: { position: original.position, imported },
        });
      }
      imported++;
    }
  }
  return { imported };
}

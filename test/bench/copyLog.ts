// Copy a log into an empty store in big appends (for seeding benchmarks): events keep their order,
// ids, command ids, actors and times, and every append is validated by the target store as usual.
// `importLog` does the same one command per append (and checks an export's hashes); this groups
// whole commands into appends of about `batch` events, which is what makes seeding millions of
// events on PostgreSQL take minutes, not hours. The events of a stream keep their order: a batch
// names a stream once, so a command that comes back to a stream the batch holds behind another starts
// the next batch.
import { PlanlogError, type StreamAppend, type EventStore, type NewEvent, type StoredEvent } from '../../packages/core/src/index.js';

/** Copy every event of `source` into `target` (which must be empty); resolves to the number copied. */
export async function copyLog(source: EventStore, target: EventStore, batch = 2_000): Promise<number> {
  const head = await target.headPosition();
  if (head !== 0) throw new PlanlogError('CONFLICT', `copyLog: the target is not empty (head ${head})`);
  let requests: (StreamAppend & { events: NewEvent[] })[] = [];
  let streams = new Set<string>();
  let size = 0;
  let copied = 0;
  const flush = async () => {
    if (requests.length > 0) await target.appendMany(requests);
    copied += size;
    requests = [];
    streams = new Set();
    size = 0;
  };
  /** Add one command's events (a command id belongs to one append), flushing first when the batch is full or would name a stream twice. */
  const add = async (command: StoredEvent[]) => {
    const last = requests.at(-1)?.streamId;
    const clash = command.some((event, i) => streams.has(event.streamId) && !(event.streamId === last && command.slice(0, i).every((e) => e.streamId === last)));
    if (size >= batch || clash) await flush();
    for (const { streamId, version, position: _position, hash: _hash, ...event } of command) {
      const current = requests.at(-1);
      if (current?.streamId === streamId) current.events.push(event as NewEvent);
      else {
        if (streams.has(streamId)) throw new PlanlogError('STORE', `copyLog: command ${event.commandId} returns to stream ${streamId}`);
        requests.push({ streamId, expectedVersion: version - 1, events: [event as NewEvent] });
        streams.add(streamId);
      }
      size++;
    }
  };
  let command: StoredEvent[] = [];
  for await (const stored of source.readAll()) {
    if (command.length > 0 && stored.commandId !== command[0]!.commandId) {
      await add(command);
      command = [];
    }
    command.push(stored);
  }
  await add(command);
  await flush();
  return copied;
}

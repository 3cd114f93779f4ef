import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStore } from '@planlog/sqlite';
import { describeTamperSuite, type RawLog } from './tamperSuite.js';

const COLUMN = { streamId: 'stream_id', version: 'version', commandId: 'command_id' } as const;

// The log in a SQLite file, changed with plain SQL, as anyone holding the file could.
describeTamperSuite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'planlog-tamper-'));
  const file = join(dir, 'plans.db');
  const store = sqliteStore({ file });
  const db = store.database; // the same file through the same connection: plain SQL, no planlog
  const raw: RawLog = {
    async setEvent(position, bytes, hash) {
      db.prepare('UPDATE planlog_events SET event = ?, hash = ? WHERE position = ?').run(bytes, hash, position);
    },
    async setColumn(position, column, value) {
      db.prepare(`UPDATE planlog_events SET ${COLUMN[column]} = ? WHERE position = ?`).run(value, position);
    },
    async truncateFrom(position) {
      db.prepare('DELETE FROM planlog_events WHERE position >= ?').run(position);
    },
    async deleteCommand(commandId) {
      db.prepare('DELETE FROM planlog_commands WHERE command_id = ?').run(commandId);
    },
    async insertCommand(entry) {
      db.prepare('INSERT INTO planlog_commands (command_id, first_position, last_position) VALUES (?, ?, ?)').run(entry.commandId, entry.firstPosition, entry.lastPosition);
    },
  };
  return {
    store,
    raw,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

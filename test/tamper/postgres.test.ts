import { postgresStore, schemaNames } from '@planlog/postgres';
import { usePostgres } from '../../packages/postgres/test/usePostgres.js';
import { describeTamperSuite, type RawLog } from './tamperSuite.js';

const COLUMN = { streamId: 'stream_id', version: 'version', commandId: 'command_id' } as const;

// One embedded server for the file; each attack gets the sample log in a fresh schema and changes it
// with plain SQL, as someone with the database password could (moving the head row back too).
const { server, admin } = usePostgres();

describeTamperSuite('PostgreSQL', async () => {
  const schema = server().freshSchema('tamper');
  const names = schemaNames(schema);
  const store = postgresStore({ connectionString: server().url, max: 2 }, { schema });
  await store.ready();
  const query = (text: string, values: unknown[]) => admin().query(text, values);
  const raw: RawLog = {
    async setEvent(position, bytes, hash) {
      await query(`UPDATE ${names.events} SET event = $1, hash = $2 WHERE position = $3`, [bytes, hash, position]);
      await query(`UPDATE ${names.head} SET hash = $1 WHERE position = $2`, [hash, position]);
    },
    async setColumn(position, column, value) {
      await query(`UPDATE ${names.events} SET ${COLUMN[column]} = $1 WHERE position = $2`, [value, position]);
    },
    async truncateFrom(position) {
      await query(`DELETE FROM ${names.events} WHERE position >= $1`, [position]);
      await query(`UPDATE ${names.head} SET position = $1 - 1, hash = (SELECT hash FROM ${names.events} WHERE position = $1 - 1)`, [position]);
    },
    async deleteCommand(commandId) {
      await query(`DELETE FROM ${names.commands} WHERE command_id = $1`, [commandId]);
    },
    async insertCommand(entry) {
      await query(`INSERT INTO ${names.commands} (command_id, first_position, last_position) VALUES ($1, $2, $3)`, [entry.commandId, entry.firstPosition, entry.lastPosition]);
    },
  };
  return { store, raw, close: () => store.close() };
});

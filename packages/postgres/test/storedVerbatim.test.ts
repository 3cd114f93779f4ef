import { describeStoredVerbatim } from '@planlog/core/testing';
import { postgresStore, type PostgresEventStore } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

const { server } = usePostgres();

describeStoredVerbatim('postgresStore', async () => {
  const schema = server().freshSchema();
  const opened: PostgresEventStore[] = [postgresStore({ connectionString: server().url, max: 4 }, { schema })];
  return {
    store: opened[0]!,
    // Another store (pool) on the same schema: what is read comes from the server.
    reopen: async () => {
      opened.push(postgresStore({ connectionString: server().url, max: 2 }, { schema }));
      return opened.at(-1)!;
    },
    close: async () => {
      for (const store of opened) await store.close();
    },
  };
});

import { describeLiveCheckpoints } from '@planlog/core/testing';
import { postgresStore, type PostgresEventStore } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

const { server } = usePostgres();

describeLiveCheckpoints('postgresStore', {
  store: () => postgresStore({ connectionString: server().url, max: 2 }, { schema: server().freshSchema() }),
  reopen: (store) => postgresStore({ connectionString: server().url, max: 2 }, { schema: (store as PostgresEventStore).schema }),
});

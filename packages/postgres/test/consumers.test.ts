import { describeConsumers } from '@planlog/core/testing';
import { postgresStore } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

const { server } = usePostgres();

describeConsumers('postgresStore', {
  store: async () => {
    const store = postgresStore({ connectionString: server().url, max: 6 }, { schema: server().freshSchema() });
    await store.ready();
    return store;
  },
});

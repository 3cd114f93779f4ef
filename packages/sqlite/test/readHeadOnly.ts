// Run by openReadonly.test.ts in a child process (as `nobody` under root): open the log read-only
// and print what it holds, or the refusal.
import { sqliteStore } from '../src/index.js';

try {
  const store = sqliteStore({ file: process.argv[2]!, readonly: true });
  let events = 0;
  for await (const _ of store.readAll()) events++;
  console.log(JSON.stringify({ events, head: await store.headPosition() }));
  await store.close();
} catch (error) {
  console.log(JSON.stringify({ error: { code: (error as { code?: string }).code, message: (error as Error).message } }));
}

import type { Pool, PoolClient } from 'pg';

const ignore = () => undefined;

/**
 * Run `work` on a client of the pool. While we hold it, a dropped connection makes the client emit
 * 'error' with nobody listening (the pool only listens to idle clients), which would end the process:
 * we listen, and let the failed query report it. A client that failed is destroyed, not returned.
 */
export async function withClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  client.on('error', ignore);
  try {
    const result = await work(client);
    client.off('error', ignore);
    client.release();
    return result;
  } catch (error) {
    // The transaction may still be open (a refused statement): roll back what we can, then drop the
    // connection rather than hand a doubtful one back to the pool.
    await client.query('ROLLBACK').catch(ignore);
    client.release(error instanceof Error ? error : new Error(String(error)));
    return Promise.reject(error);
  }
}

import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` on one pooled connection between BEGIN and COMMIT (READ COMMITTED), rolling back when it throws.
 * A connection that cannot even roll back is destroyed rather than returned to the pool.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch (rollbackError) {
      client.release(rollbackError instanceof Error ? rollbackError : true);
    }
    throw err;
  }
}

import { sql } from 'kysely';
import type { Store } from '../store/db.ts';

/** Whether the database answers (for GET /api/health and load balancers). */
export async function checkHealth(store: Store): Promise<{ database: 'ok' | 'unavailable' }> {
  try {
    await sql`select 1`.execute(store.db);
    return { database: 'ok' };
  } catch {
    return { database: 'unavailable' };
  }
}

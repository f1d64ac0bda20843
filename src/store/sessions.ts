import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { UsersTable } from './users.ts';

/**
 * Login sessions. `id` is the sha256 of the token held in the cookie and `csrf_hash` the sha256
 * of the CSRF token: a copy of this table lets nobody log in.
 */
export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_hash: string;
  created_at: string;
  expires_at: string;
}

export type Session = SessionsTable;

function sessionsDb(db: Kysely<Database>) {
  return db.withTables<{ sessions: SessionsTable; users: UsersTable }>();
}

/** Inserts a session and drops the user's expired ones. */
export async function insertSession(
  db: Kysely<Database>,
  session: Session,
  now: Date,
): Promise<void> {
  const sdb = sessionsDb(db);
  await sdb
    .deleteFrom('sessions')
    .where('user_id', '=', session.user_id)
    .where('expires_at', '<=', now.toISOString())
    .execute();
  await sdb.insertInto('sessions').values(session).execute();
}

/** The live (unexpired) session with this token hash, with its user. */
export async function findLiveSession(db: Kysely<Database>, id: string, now: Date) {
  return sessionsDb(db)
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_hash',
      'sessions.expires_at',
      'users.id',
      'users.email',
      'users.name',
      'users.is_admin',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await sessionsDb(db).deleteFrom('sessions').where('id', '=', id).execute();
}

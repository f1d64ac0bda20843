import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A person who logs in. The email is stored lowercased; the password only as a scrypt hash. */
export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  is_admin: number;
  created_at: string;
}

export type User = UsersTable;

export function usersDb(db: Kysely<Database>) {
  return db.withTables<{ users: UsersTable }>();
}

/** Inserts a user; undefined when the email is already taken. */
export async function insertUser(db: Kysely<Database>, user: User): Promise<User | undefined> {
  const result = await usersDb(db)
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? user : undefined;
}

export async function findUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<User | undefined> {
  return usersDb(db).selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<User | undefined> {
  return usersDb(db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

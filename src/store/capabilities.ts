/**
 * What differs between the two engines, as flags and small values. Store code asks these,
 * never the dialect name.
 */
export interface Capabilities {
  readonly dialect: 'sqlite' | 'postgres';
  /** `FOR UPDATE SKIP LOCKED` exists (PostgreSQL): workers can claim rows concurrently. */
  readonly skipLocked: boolean;
  /** Bulk load through COPY FROM STDIN (PostgreSQL). */
  readonly copyFrom: boolean;
  /** Column type of an auto-incremented primary key. */
  readonly autoIdType: 'integer' | 'bigserial';
  /** The engine wants AUTOINCREMENT on that key (SQLite; PostgreSQL uses a serial type). */
  readonly autoIncrement: boolean;
  /** Most bound parameters one statement may carry. */
  readonly maxParameters: number;
  /** Transactions may run concurrently on several connections (PostgreSQL pool). */
  readonly concurrentWriters: boolean;
}

export const sqliteCapabilities: Capabilities = Object.freeze({
  dialect: 'sqlite',
  skipLocked: false,
  copyFrom: false,
  autoIdType: 'integer',
  autoIncrement: true,
  maxParameters: 32_000,
  concurrentWriters: false,
});

export const postgresCapabilities: Capabilities = Object.freeze({
  dialect: 'postgres',
  skipLocked: true,
  copyFrom: true,
  autoIdType: 'bigserial',
  autoIncrement: false,
  maxParameters: 65_000,
  concurrentWriters: true,
});

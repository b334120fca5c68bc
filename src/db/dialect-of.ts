import { PostgresAdapter } from 'kysely';
import type { DialectName } from './connect.js';

/** Which SQL dialect a Kysely instance (or transaction) speaks. */
export function dialectOf(db: { getExecutor(): { readonly adapter: object } }): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

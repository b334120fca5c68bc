import { type Kysely, sql } from 'kysely';
import { MIGRATIONS } from '../../../db/migrate.js';

/** How long /readyz waits for the database before calling it unreachable. */
const DATABASE_TIMEOUT_MS = 2000;

/**
 * Why this instance should not get traffic, in Russian, or null when it should: the database
 * does not answer in time, or its schema is not the one this version expects.
 */
export async function readinessProblem(db: Kysely<unknown>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`нет ответа за ${DATABASE_TIMEOUT_MS / 1000} с`)),
      DATABASE_TIMEOUT_MS,
    );
  });
  let applied: string[];
  try {
    const query = sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(
      db,
    );
    applied = (await Promise.race([query, timeout])).rows.map((r) => r.name);
  } catch (error) {
    return `база данных недоступна: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
  const known = Object.keys(MIGRATIONS);
  const missing = known.filter((m) => !applied.includes(m));
  if (missing.length > 0)
    return `не применены миграции: ${missing.join(', ')} (выполните munirank migrate)`;
  const unknown = applied.filter((m) => !known.includes(m));
  if (unknown.length > 0)
    return `схема базы новее этой версии munirank (миграции ${unknown.join(', ')}): обновите munirank`;
  return null;
}

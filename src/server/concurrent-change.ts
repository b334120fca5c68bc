/**
 * Codes with which the databases refuse a write that collided with another one: a unique key
 * taken a moment earlier (PostgreSQL 23505, SQLite's UNIQUE constraint), a serialisation
 * failure or a deadlock (40001, 40P01), SQLite busy past its timeout.
 */
const COLLISIONS = new Set([
  '23505',
  '40001',
  '40P01',
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_BUSY',
]);

/**
 * The answer to a write that lost a race the service does not settle itself: nothing of it
 * was stored (its transaction rolled back), so the user reloads and repeats. Writes that two
 * people make at once on purpose take a lock instead and never end here.
 */
export function concurrentChangeOf(error: unknown): { error: string; message: string } | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !COLLISIONS.has(code)) return null;
  return {
    error: 'concurrent_change',
    message:
      'Эти данные одновременно изменил другой пользователь, ваше изменение не сохранено. ' +
      'Обновите страницу и повторите.',
  };
}

import pg from 'pg';

/** The server tests create their databases on; override with MUNIRANK_TEST_POSTGRES_URL. */
export const DEFAULT_TEST_POSTGRES_URL = 'postgres://munirank:munirank@127.0.0.1:5432/postgres';

export function testPostgresUrl(): string {
  return process.env.MUNIRANK_TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
}

/** Whether a missing system component must fail the run instead of being skipped (set by CI). */
export function systemComponentsRequired(): boolean {
  return process.env.MUNIRANK_REQUIRE_SYSTEM === '1';
}

export async function postgresReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, startCli } from '../support/run-cli.js';

beforeAll(assertCliBuilt);

/** `munirank serve` on a free port; resolves with its address once it listens. */
function serve(env: Record<string, string>) {
  const child = startCli(['serve', '--port', '0'], env);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  const address = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const m = output.match(/munirank работает: (http:\/\/localhost:\d+)\//);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve ended with ${code}: ${output}`)));
  });
  return { child, address, output: () => output };
}

/** The journal's JSON lines (the banner lines are plain text). */
const journal = (output: string) =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe.each(testDatabases())('the server journal on $name', (kind) => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('writes every server error with its stack under the id the user is shown, and no secrets', async () => {
    const instance = await createDemoDatabase(kind);
    const server = serve({ ...instance.env, MUNIRANK_LOG_LEVEL: 'info' });
    child = server.child;
    try {
      const base = await server.address;
      const login = await fetch(`${base}/api/session/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'pa55-secret-word' }),
      });
      expect(login.status).toBe(401);

      // A table gone from under the running server: the registry cannot be read.
      await sql`ALTER TABLE municipality RENAME TO municipality_away`.execute(instance.handle.db);
      const res = await fetch(`${base}/api/municipalities`, {
        headers: { cookie: 'munirank_session=topsecret-cookie-value' },
      });
      await sql`ALTER TABLE municipality_away RENAME TO municipality`.execute(instance.handle.db);
      expect(res.status).toBe(500);
      const body = (await res.json()) as { requestId: string; message: string };
      expect(body.requestId).toMatch(/^[0-9a-f]{12}$/);
      expect(res.headers.get('x-request-id')).toBe(body.requestId);
      expect(body.message).toBe(
        `Внутренняя ошибка сервера. Подробности записаны в журнал под номером ${body.requestId}: сообщите его администратору.`,
      );

      await expect
        .poll(() => journal(server.output()).find((e) => e.requestId === body.requestId))
        .toBeDefined();
      const entry = journal(server.output()).find((e) => e.requestId === body.requestId);
      expect(entry).toMatchObject({
        level: 50,
        msg: 'внутренняя ошибка сервера',
        route: '/api/municipalities',
      });
      expect((entry?.err as { stack?: string } | undefined)?.stack).toContain('municipality');
      // each answer is journalled with its id and status
      await expect
        .poll(() =>
          journal(server.output()).some(
            (e) =>
              e.reqId === body.requestId && (e.res as { statusCode?: number })?.statusCode === 500,
          ),
        )
        .toBe(true);
      expect(server.output()).not.toContain('topsecret-cookie-value');
      expect(server.output()).not.toContain('pa55-secret-word');
    } finally {
      child?.kill('SIGTERM');
      await new Promise((r) => child?.once('exit', r));
      child = undefined;
      await instance.dispose();
    }
  });
});

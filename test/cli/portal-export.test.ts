import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/** A plain static file server, as any web server serves a folder: a directory by its index.html. */
function serveFolder(root: string): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe.each(testDatabases())('munirank portal export on $name', (kind) => {
  let dir: string;
  beforeAll(() => {
    assertCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'munirank-portal-export-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the public portal as files that a plain static server serves', async () => {
    const instance = await createDemoDatabase(kind);
    const out = join(dir, kind.name);
    const { server, base } = await serveFolder(out);
    try {
      // The region's own licence line, set from the command line, is in every exported page.
      const licence = 'Данные министерства — CC BY 4.0.';
      const set = await runCli(['portal', 'licence', licence], instance.env);
      expect(set.code, set.stderr).toBe(0);
      expect(set.stdout.trim()).toBe(`Строка о лицензии сохранена: ${licence}`);
      const shown = await runCli(['portal', 'licence'], instance.env);
      expect(shown.stdout.trim()).toBe(licence);
      const audited = await instance.handle.db
        .selectFrom('audit_event')
        .select(['actor_label', 'after_json'])
        .where('action', '=', 'portal.licence')
        .execute();
      expect(audited).toHaveLength(1);
      expect(audited[0]?.actor_label).toMatch(/^CLI/);
      expect(JSON.parse(audited[0]?.after_json ?? '{}')).toEqual({ licence });

      const run = await runCli(['portal', 'export', out], instance.env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Портал выгружен в .*: страниц \d+, файлов \d+/);

      const get = async (path: string) => {
        const res = await fetch(base + path);
        return { status: res.status, text: await res.text() };
      };
      // The landing page and a league table, by their addresses as the portal links them.
      const landing = await get('/');
      expect(landing.status).toBe(200);
      expect(landing.text).toContain(`<p data-testid="portal-licence">${licence} <a`);
      const table = await get('/rating/orenburg-2016-03-table1');
      expect(table.status).toBe(200);
      expect(table.text).toContain('Соль-Илецкий городской округ');
      expect(table.text).toContain('Грачёвский район');
      // A profile, reached from the table's link.
      expect(table.text).toContain('href="/municipalities/buzuluk-city"');
      const profile = await get('/municipalities/buzuluk-city');
      expect(profile.status).toBe(200);
      expect(profile.text).toContain('г.Бузулук');
      // The downloads: the same bytes as the application serves.
      const app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
      try {
        const bundle = await fetch(`${base}/open-data/orenburg-2016-03-table1.json`);
        expect(bundle.status).toBe(200);
        const served = await app.inject({
          method: 'GET',
          url: '/api/snapshots/orenburg-2016-03-table1/download',
        });
        expect(Buffer.from(await bundle.arrayBuffer()).equals(served.rawPayload)).toBe(true);
        const csv = await fetch(`${base}/open-data/orenburg-2016-03-table1.csv`);
        const fromApp = await app.inject({
          method: 'GET',
          url: '/open-data/orenburg-2016-03-table1.csv',
        });
        expect(Buffer.from(await csv.arrayBuffer()).equals(fromApp.rawPayload)).toBe(true);
      } finally {
        await app.close();
      }
      // Nothing of the staff side: no sign-in page, no API answer.
      expect(readdirSync(out).sort()).not.toContain('login');
      expect(readdirSync(out)).not.toContain('api');

      const again = await runCli(['portal', 'export', out], instance.env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('не пуст: выгрузка портала пишется в пустой каталог');
    } finally {
      server.close();
      await instance.dispose();
    }
  });
});

// `npm run bench portal`: requests/s and p99 of the public portal's league table (HTML), its
// JSON and a profile, 50 connections on loopback, beside a plain node:http server answering a
// body of the league table's size, measured in the same run; then the bytes (gzip) a first
// visit to the landing page downloads. Bounded: 5 s per target. Nothing here asserts a time.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { openSqlite } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/load-demo.js';
import { readDemoDataset } from '../src/demo/read-demo-dataset.js';
import { buildApp } from '../src/server/app.js';
import { readPortalAssets } from '../src/server/features/portal/portal-assets.js';
import { DEFAULT_WEB_ROOT } from '../src/server/web-assets.js';

const SECONDS = 5;
const TABLE = 'orenburg-2016-03-table1';

async function measure(url: string) {
  const r = await autocannon({
    url,
    connections: 50,
    duration: SECONDS,
    pipelining: 1,
    workers: 1,
  });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${url}: ${r.non2xx} не 2xx, ${r.errors} ошибок`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

const handle = openSqlite(join(mkdtempSync(join(tmpdir(), 'munirank-portal-bench-')), 'db.sqlite'));
await migrateToLatest(handle.db);
await loadDemo(handle.db, readDemoDataset());
const app = await buildApp({ db: handle.db, regionCode: 'orenburg' });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const page = Buffer.from(await (await fetch(`${base}/rating/${TABLE}`)).arrayBuffer());
const plain = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
});
await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;

const baseline = await measure(plainUrl);
console.log(
  `node:http, тело ${page.length} байт: ${baseline.rps.toFixed(0)} запросов/с, p99 ${baseline.p99} мс`,
);
for (const [label, path] of [
  ['Таблица рейтинга (HTML)', `/rating/${TABLE}`],
  ['Её JSON (выгрузка снимка)', `/open-data/${TABLE}.json`],
  ['JSON API /api/snapshots/{код}', `/api/snapshots/${TABLE}`],
  ['Профиль ОМСУ', '/municipalities/grachevskiy-district'],
] as const) {
  const m = await measure(`${base}${path}`);
  console.log(
    `${label}: ${m.rps.toFixed(0)} запросов/с (${((100 * m.rps) / baseline.rps).toFixed(0)} % от node:http), p99 ${m.p99} мс`,
  );
}

// The landing page's first visit: the HTML, the portal bundle's script and stylesheets.
const landing = Buffer.from(await (await fetch(`${base}/`)).arrayBuffer());
const assets = readPortalAssets(DEFAULT_WEB_ROOT);
const gz = (path: string) => gzipSync(readFileSync(join(DEFAULT_WEB_ROOT, path))).length;
const js = assets.script ? gz(assets.script) : 0;
const css = assets.styles.reduce((s, f) => s + gz(f), 0);
const html = gzipSync(landing).length;
console.log(
  `Первый визит на главную (gzip): JavaScript ${(js / 1024).toFixed(1)} КБ, CSS ${(css / 1024).toFixed(1)} КБ, HTML ${(html / 1024).toFixed(1)} КБ, всего ${((js + css + html) / 1024).toFixed(1)} КБ`,
);
const map = await fetch(`${base}/map/boundaries.json`);
if (map.ok)
  console.log(
    `Границы для карты (gzip): ${(gzipSync(Buffer.from(await map.arrayBuffer())).length / 1024).toFixed(1)} КБ`,
  );

plain.close();
await app.close();
await handle.close?.();

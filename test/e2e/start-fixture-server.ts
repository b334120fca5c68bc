// Serves the real application for browser tests: a fresh SQLite database with the demo,
// plus one snapshot whose names carry markup, to prove that data is shown as text.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/db/connect.js';
import { contentHash } from '../../src/db/content-hash.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { insertMunicipality } from '../../src/db/repositories/municipality-repository.js';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import {
  insertPublication,
  insertSnapshot,
} from '../../src/db/repositories/snapshot-repository.js';
import { ensureDemoAccounts } from '../../src/demo/demo-accounts.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import { canonicalJson } from '../../src/domain/canonical-json.js';
import type { RatingSnapshotContent } from '../../src/domain/rating-snapshot.js';
import { buildApp } from '../../src/server/app.js';
import { storeDemoBoundaries } from '../../src/server/features/boundaries/demo-boundaries.js';

export const HOSTILE_NAME =
  '<b>Жирный</b> <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned=2"> район';

const port = Number(process.argv[2] ?? 3199);
// Writes pause after each chunk, so that a browser test sees a commit's progress bar move.
process.env.MUNIRANK_IMPORT_CHUNK_DELAY_MS ??= '300';
const handle = openSqlite(join(mkdtempSync(join(tmpdir(), 'munirank-e2e-')), 'munirank.sqlite'));
await migrateToLatest(handle.db);
await loadDemo(handle.db, readDemoDataset());
const regionId = (await findRegionId(handle.db, 'orenburg')) ?? -1;
// As `munirank demo load` does: the shared OSM boundaries, where the file exists.
await storeDemoBoundaries(handle.db, regionId, {
  actor: { kind: 'system', label: 'браузерные тесты' },
  ip: null,
  userAgent: null,
  at: new Date(),
});
await insertMunicipality(handle.db, {
  region_id: regionId,
  code: 'markup-test',
  name: HOSTILE_NAME,
  kind: 'municipal_district',
  oktmo: null,
  valid_from: null,
  valid_to: null,
  successor_id: null,
});
const content: RatingSnapshotContent = {
  columns: [{ key: 'x', title: '<i>Курсив</i>', unit: null, decimals: 1 }],
  rows: [{ place: 1, placeLabel: '1', municipalityCode: 'markup-test', values: { x: 1.5 } }],
  notes: ['<a href="javascript:alert(1)">ссылка</a>'],
};
const text = canonicalJson(content);
const id = await insertSnapshot(handle.db, {
  region_id: regionId,
  code: 'markup-test',
  title: 'Проверка <u>разметки</u>',
  period: '2000',
  as_of: '2000-01-01',
  methodology_id: null,
  source_document: '<b>документ</b>',
  source_table: null,
  source_note: null,
  content: text,
  content_hash: contentHash(text),
  created_at: new Date().toISOString(),
  supersedes_id: null,
  errata_note: null,
});
await insertPublication(handle.db, id, 'тест', null);
// The documented demo accounts (README, «Демо-доступ»), for the sign-in tests.
await ensureDemoAccounts(
  handle.db,
  regionId,
  { demo: true },
  { actor: { kind: 'system', label: 'e2e' }, ip: null, userAgent: null, at: new Date() },
);
const app = await buildApp({ db: handle.db, regionCode: 'orenburg' });
await app.listen({ port, host: '127.0.0.1' });

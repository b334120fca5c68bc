// Migration 0170: the snapshot's content becomes the last column of rating_snapshot on SQLite
// (a column after it was read through its overflow pages); PostgreSQL's table stays as it was.
import { readFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import type { Database } from '../../src/db/schema/index.js';
import type { RatingData } from '../../src/engine/compute-rating.js';
import { validateMethodology } from '../../src/engine/validate-methodology.js';
import {
  computeSnapshot,
  getSnapshotDownload,
  publishSnapshot,
} from '../../src/server/features/rating/snapshot-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { demoDatabaseAt } from '../support/migration-fixture.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

const BEFORE = '2026-12-06-0160-snapshot-places';
const AFTER = '2026-12-07-0170-snapshot-content-last';

const checked = validateMethodology(
  JSON.parse(
    readFileSync(new URL('../../methodologies/orenburg-annual-2022.json', import.meta.url), 'utf8'),
  ),
);
if (!checked.ok) throw new Error('the shipped 2022 methodology is invalid');
const methodology = checked.methodology;

const data = (pos: number): RatingData => ({
  units: [
    { code: 'buzulukskiy-district', name: 'Бузулукский район' },
    { code: 'komarovsky-zato', name: 'ЗАТО Комаровский' },
  ],
  values: {
    sed_signed_share: [80, 99.1],
    sed_active_staff_share: [70, 98.4],
    pos_level: [pos, 60],
    epgu_mass_services_share: [93.7, 70],
  },
});
const source = { document: 'Тест', table: null, note: null };

async function columnsOf(db: Kysely<Database>, dialect: string): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
          WHERE table_name = 'rating_snapshot' AND table_schema = current_schema()
          ORDER BY ordinal_position`.execute(db)
      : await sql<{ name: string }>`SELECT name FROM pragma_table_info('rating_snapshot')`.execute(
          db,
        );
  return rows.rows.map((r) => r.name);
}

describe.each(testDatabases())('the content last in rating_snapshot on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let regionId: number;
  let fingerprint: Record<string, string>;
  let places: unknown[];
  let columnsBefore: string[];
  let lastId: number;
  const db = () => instance.handle.db;

  beforeAll(async () => {
    let migrateTo: (name: string) => Promise<void>;
    ({ instance, migrateTo } = await demoDatabaseAt(kind, BEFORE));
    regionId = (await findRegionId(db(), 'orenburg')) as number;
    // Beside the demo's published ratings: a computed one with its kept places, published,
    // and its correction, which links to it.
    const common = { regionId, title: 'Тест', period: '2022', asOf: '2023-02-16', methodology };
    await computeSnapshot(db(), { ...common, code: 'computed', data: data(94.1), source });
    await publishSnapshot(db(), regionId, 'computed', 'аналитик');
    const correction = await computeSnapshot(db(), {
      ...common,
      code: 'computed-fix',
      data: data(95),
      source,
      supersedes: { code: 'computed', errataNote: 'исправлен ПОС' },
    });
    lastId = correction.id;
    fingerprint = await fingerprintTables(db(), ['rating_snapshot', 'snapshot_publication']);
    places = (
      await db().selectFrom('snapshot_places').selectAll().orderBy('snapshot_id').execute()
    ).map((p) => [p.snapshot_id, p.places]);
    columnsBefore = await columnsOf(db(), instance.handle.dialect);
    await migrateTo(AFTER);
  });
  afterAll(async () => {
    await instance?.dispose();
  });

  it('keeps every snapshot, its id, bytes, publication and places', async () => {
    expect(fingerprint.rating_snapshot).toMatch(/^\d+:/);
    expect(Number(fingerprint.rating_snapshot?.split(':')[0])).toBeGreaterThan(2);
    expect(await fingerprintTables(db(), ['rating_snapshot', 'snapshot_publication'])).toEqual(
      fingerprint,
    );
    expect(
      (await db().selectFrom('snapshot_places').selectAll().orderBy('snapshot_id').execute()).map(
        (p) => [p.snapshot_id, p.places],
      ),
    ).toEqual(places);
    expect(places).toHaveLength(2);
  });

  it('puts the content last on SQLite and leaves PostgreSQL as it was', async () => {
    const after = await columnsOf(db(), instance.handle.dialect);
    expect([...after].sort()).toEqual([...columnsBefore].sort());
    if (instance.handle.dialect === 'postgres') expect(after).toEqual(columnsBefore);
    else {
      expect(columnsBefore.at(-1)).toBe('errata_note');
      expect(after.at(-1)).toBe('content');
      expect(after.slice(0, -1)).toEqual(columnsBefore.filter((c) => c !== 'content'));
      expect((await sql`PRAGMA foreign_key_check`.execute(db())).rows).toEqual([]);
    }
  });

  it('still refuses to change or delete a snapshot', async () => {
    await expect(
      db()
        .updateTable('rating_snapshot')
        .set({ title: 'другое' })
        .where('code', '=', 'computed')
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db().deleteFrom('rating_snapshot').where('code', '=', 'computed-fix').execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db()
        .insertInto('rating_snapshot')
        .values({
          region_id: regionId,
          code: 'computed',
          title: 'дубль',
          period: '2022',
          as_of: '2023-02-16',
          methodology_id: null,
          source_document: 'Тест',
          source_table: null,
          source_note: null,
          content: '{}',
          content_hash: 'x',
          created_at: '2026-12-07T00:00:00.000Z',
          supersedes_id: null,
          errata_note: null,
        })
        .execute(),
    ).rejects.toThrow(/unique|UNIQUE|duplicate/);
  });

  it('goes on numbering after the last snapshot, and the correction still links', async () => {
    await publishSnapshot(db(), regionId, 'computed-fix', 'аналитик');
    const download = await getSnapshotDownload(db(), regionId, 'computed-fix');
    expect(download.supersedes).toBe('computed');
    expect(download.errataNote).toBe('исправлен ПОС');
    const next = await computeSnapshot(db(), {
      regionId,
      code: 'after-migration',
      title: 'После',
      period: '2023',
      asOf: '2024-02-16',
      methodology,
      data: data(90),
      source,
    });
    // (PostgreSQL's sequence also counts the refused duplicate above.)
    expect(next.id).toBeGreaterThan(lastId);
  });
});

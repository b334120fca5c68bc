import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJsonBytesHashed } from '../../src/db/canonical-json-bytes.js';
import { contentHash } from '../../src/db/content-hash.js';
import { unpackColumn } from '../../src/db/packed-column.js';
import { storeMethodology } from '../../src/db/repositories/methodology-repository.js';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import {
  findSnapshotContent,
  findSnapshotPlaces,
  insertSnapshot,
} from '../../src/db/repositories/snapshot-repository.js';
import { canonicalJson, PlainJsonString } from '../../src/domain/canonical-json.js';
import type { ExplanationColumns, RatingComputation } from '../../src/domain/rating-computation.js';
import type { RatingSnapshotContent } from '../../src/domain/rating-snapshot.js';
import type { RatingData } from '../../src/engine/compute-rating.js';
import { verifyComputation } from '../../src/engine/rating-computation.js';
import { validateMethodology } from '../../src/engine/validate-methodology.js';
import { buildApp } from '../../src/server/app.js';
import { PUBLIC_CONTEXT } from '../../src/server/features/portal/profile-model.js';
import { listPlaceHistory } from '../../src/server/features/rating/place-history-service.js';
import { loadRatingData } from '../../src/server/features/rating/rating-inputs.js';
import { getSnapshot, listSnapshots } from '../../src/server/features/rating/rating-service.js';
import {
  computeSnapshot,
  getSnapshotDownload,
  publishSnapshot,
} from '../../src/server/features/rating/snapshot-service.js';
import {
  readSnapshotContent,
  unpackComputation,
} from '../../src/server/features/rating/stored-snapshot-content.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const checked = validateMethodology(
  JSON.parse(
    readFileSync(new URL('../../methodologies/orenburg-annual-2022.json', import.meta.url), 'utf8'),
  ),
);
if (!checked.ok) throw new Error('the shipped 2022 methodology is invalid');
const methodology = checked.methodology;

// Illustrative values; Бузулукский район's ЕПГУ and ПОС figures are the published ones.
const data: RatingData = {
  units: [
    { code: 'buzulukskiy-district', name: 'Бузулукский район' },
    { code: 'komarovsky-zato', name: 'ЗАТО Комаровский' },
    { code: 'saraktashskiy-district', name: 'Саракташский район' },
    { code: 'ilekskiy-district', name: 'Илекский район' },
  ],
  values: {
    sed_signed_share: [80, 99.1, 96.5, 70],
    sed_active_staff_share: [70, 98.4, 80, 60],
    pos_level: [94.1, 60, 75, null],
    epgu_mass_services_share: [93.7, 70, 80, 65],
  },
};
const source = { document: 'Тест', table: null, note: 'иллюстративные значения' };

describe.each(testDatabases())('rating snapshots on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let regionId: number;
  let app: FastifyInstance;
  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    regionId = (await findRegionId(instance.handle.db, 'orenburg')) as number;
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });
  /** A stored snapshot's whole row, by code. */
  const storedRow = (code: string) =>
    instance.handle.db
      .selectFrom('rating_snapshot')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();

  it('stores a computed rating immutably, publishes it explicitly, renders and verifies it', async () => {
    const db = instance.handle.db;
    const stored = await computeSnapshot(db, {
      regionId,
      code: 'test-2022',
      title: 'Тестовый рейтинг 2022',
      period: '2022',
      asOf: '2023-02-16',
      methodology,
      data,
      source,
    });
    const row = await db
      .selectFrom('rating_snapshot')
      .selectAll()
      .where('id', '=', stored.id)
      .executeTakeFirstOrThrow();
    expect(row.content_hash).toBe(contentHash(row.content));
    expect(row.content).toBe(canonicalJson(JSON.parse(row.content)));
    // not yet published: invisible to the public view and download
    await expect(getSnapshot(db, regionId, 'test-2022')).rejects.toThrow(/не найден/);
    await expect(getSnapshotDownload(db, regionId, 'test-2022')).rejects.toThrow(/не найден/);

    await publishSnapshot(db, regionId, 'test-2022', 'аналитик', 'к заседанию комиссии');
    await expect(publishSnapshot(db, regionId, 'test-2022', 'аналитик')).rejects.toThrow(
      /уже опубликован/,
    );

    // SED (80 + 70)/2 = 75 → (75 + 94.1 + 93.7)/3 = 87.6; Саракташский (88.25 + 75 + 80)/3;
    // Комаровский (98.75 + 60 + 70)/3 = 76.25; Илекский without ПОС: (65 + 65)/2 = 65
    const view = await getSnapshot(db, regionId, 'test-2022');
    expect(view.rows.map((r) => [r.place, r.municipality.code])).toEqual([
      [1, 'buzulukskiy-district'],
      [2, 'saraktashskiy-district'],
      [3, 'komarovsky-zato'],
      [4, 'ilekskiy-district'],
    ]);
    expect(view.rows[0]?.values.index).toBeCloseTo(87.6, 12);
    expect(view.rows[1]?.values.index).toBeCloseTo(243.25 / 3, 12);
    expect(view.rows[3]?.values).toMatchObject({ index: 65, pos_level: null });

    const download = await getSnapshotDownload(db, regionId, 'test-2022');
    expect(download.methodology).toMatchObject({ code: 'orenburg-digital-annual', version: '1' });
    // Stored as format /3 (columns packed, no rows), read back as every reader reads it.
    const packed = download.content as { rows?: unknown; computation: { inputs: unknown } };
    expect(packed.rows).toBeUndefined();
    expect(
      unpackColumn(
        (packed.computation.inputs as { values: Record<string, string> }).values
          .pos_level as string,
      ),
    ).toEqual([94.1, 60, 75, null]);
    const content = readSnapshotContent(download.content as RatingSnapshotContent);
    expect(content.rows).toEqual(
      view.rows.map(({ municipality, ...row }) => ({
        ...row,
        municipalityCode: municipality.code,
      })),
    );
    const computation = content.computation as RatingComputation;
    expect(computation.inputs.values.pos_level).toEqual([94.1, 60, 75, null]);
    expect(computation.nodes.map((n) => n.code)).toEqual(['INDEX', 'SED']);
    expect(computation.format).toBe('munirank-computation/3');
    expect((computation.explanations as ExplanationColumns).overtakes).toHaveLength(4);
    expect(verifyComputation(computation)).toEqual([]);

    const tampered = structuredClone(computation);
    (tampered.nodes[0] as { scores: (number | null)[] }).scores[1] = 76.26;
    expect(verifyComputation(tampered)).toEqual([
      '/nodes/0/scores/1 — балл «INDEX», ОМСУ «komarovsky-zato»: в снимке 76.26, при пересчёте 76.25',
    ]);

    await expect(sql`update rating_snapshot set title = 'x'`.execute(db)).rejects.toThrow();
  });

  it('keeps each place beside the content for the next period, and reads it from the content of a snapshot stored before', async () => {
    const db = instance.handle.db;
    const row = await storedRow('test-2022');
    const places = {
      'buzulukskiy-district': 1,
      'saraktashskiy-district': 2,
      'komarovsky-zato': 3,
      'ilekskiy-district': 4,
    };
    const kept = await db
      .selectFrom('snapshot_places')
      .select('places')
      .where('snapshot_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(kept.places)).toEqual(places);
    const next = await loadRatingData(db, regionId, methodology, '2023');
    expect(Object.fromEntries(next.previousRanks ?? [])).toEqual(places);

    // The same snapshot as one stored before places were kept, published later in 2022.
    const { id: _id, ...rest } = row;
    const older = await insertSnapshot(db, { ...rest, code: 'test-2022-06', period: '2022-06' });
    expect(await findSnapshotPlaces(db, older)).toBeNull();
    expect(await findSnapshotContent(db, older)).toBe(row.content);
    await publishSnapshot(db, regionId, 'test-2022-06', 'аналитик');
    const again = await loadRatingData(db, regionId, methodology, '2023');
    expect(Object.fromEntries(again.previousRanks ?? [])).toEqual(places);

    // Lists and a unit's history read the kept places, or the content of the older one: alike.
    // (Both have the same dates: sorted by code here.)
    const listed = (await listSnapshots(db, regionId, { includeUnpublished: true }))
      .filter((l) => l.code.startsWith('test-2022'))
      .sort((a, b) => (a.code < b.code ? 1 : -1));
    expect(listed.map((l) => [l.code, l.methodologyCode, l.rowCount])).toEqual([
      ['test-2022-06', 'orenburg-digital-annual', 4],
      ['test-2022', 'orenburg-digital-annual', 4],
    ]);
    const history = await listPlaceHistory(db, regionId, 'komarovsky-zato', PUBLIC_CONTEXT);
    expect(
      history.places
        .filter((p) => p.snapshot.code.startsWith('test-2022'))
        .map((p) => [p.snapshot.code, p.listed, p.place, p.placeLabel])
        .sort((a, b) => (String(a[0]) < String(b[0]) ? 1 : -1)),
    ).toEqual([
      ['test-2022-06', true, 3, '3'],
      ['test-2022', true, 3, '3'],
    ]);
  });

  it('stores a large content as the bytes its thread hashed while they were written', async () => {
    const db = instance.handle.db;
    const row = await storedRow('test-2022');
    // 1.6 MB of packed text beside Cyrillic: past the size hashed by the thread, in a shared buffer.
    const packed = 'QUJD'.repeat(400_000);
    const { bytes, hash } = await canonicalJsonBytesHashed({
      notes: ['крупное содержимое'],
      packed: new PlainJsonString(packed),
    });
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const text = `{"notes":["крупное содержимое"],"packed":"${packed}"}`;
    expect(hash).toBe(contentHash(text));
    const { id: _id, ...rest } = row;
    const id = await insertSnapshot(db, {
      ...rest,
      code: 'large-bytes',
      content: bytes,
      content_hash: hash,
    });
    expect(await findSnapshotContent(db, id)).toBe(text);
  });

  it('a correction is a new snapshot linked to the old one with an errata note', async () => {
    const db = instance.handle.db;
    const corrected = structuredClone(data);
    (corrected.values.pos_level as (number | null)[])[3] = 50;
    await computeSnapshot(db, {
      regionId,
      code: 'test-2022-r2',
      title: 'Тестовый рейтинг 2022 (исправлен)',
      period: '2022',
      asOf: '2023-02-20',
      methodology,
      data: corrected,
      source,
      supersedes: { code: 'test-2022', errataNote: 'Илекский район представил значение ПОС' },
    });
    await publishSnapshot(db, regionId, 'test-2022-r2', 'аналитик');
    const download = await getSnapshotDownload(db, regionId, 'test-2022-r2');
    expect(download).toMatchObject({
      supersedes: 'test-2022',
      errataNote: 'Илекский район представил значение ПОС',
    });
    // the methodology row is shared, not duplicated
    const methodologies = await db
      .selectFrom('methodology')
      .select('id')
      .where('code', '=', methodology.code)
      .execute();
    expect(methodologies).toHaveLength(1);
  });

  it('refuses to store different content under an existing methodology version', async () => {
    const changed = { ...methodology, title: 'Другое название' };
    await expect(storeMethodology(instance.handle.db, regionId, changed)).rejects.toThrow(
      /уже сохранена с другим содержанием/,
    );
  });

  it('serves the download over HTTP with a hash anyone can check', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/snapshots/test-2022/download' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('test-2022.json');
    const body = res.json();
    expect(body.contentHash).toBe(contentHash(canonicalJson(body.content)));
    expect(verifyComputation(unpackComputation(body.content.computation))).toEqual([]);
    const missing = await app.inject({ method: 'GET', url: '/api/snapshots/nope/download' });
    expect(missing.statusCode).toBe(404);
  });
});

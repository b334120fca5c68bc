import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { findObservationId } from '../../src/db/repositories/observation-revision-repository.js';
import { DEMO_ROOT } from '../../src/demo/read-demo-dataset.js';
import { commitImport, previewImport } from '../../src/server/features/imports/import-service.js';
import { listRevisions } from '../../src/server/features/imports/revision-service.js';
import { testDatabases } from '../support/databases.js';
import { municipalityIdOf, useOrenburgDemo } from '../support/demo-database.js';
import { TABLE1_MAPPING, TABLE2_MAPPING, utf8, xlsx } from '../support/import-fixtures.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

const seedTable = (file: string) => readFileSync(join(DEMO_ROOT, 'orenburg', file), 'utf8');
// Pasted together with the caption and the blank line that follow it in the seed.
const TABLE1 = `Таблица №1. Данные сводного отчета (рейтинг ОМСУ) на 01.03.2016\n\n${seedTable('table1.tsv')}`;
const TABLE2 = seedTable('table2.tsv');

describe.each(testDatabases())('importing the seed tables on $name', (kind) => {
  const demo = useOrenburgDemo(kind);
  const db = () => demo.db;
  const unitId = (code: string) => municipalityIdOf(db(), code);
  const indicatorId = async (code: string) =>
    (
      await db()
        .selectFrom('indicator')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;

  it('reads Table 1 as pasted, without editing: 41 units × 2 values, all already in the demo', async () => {
    const preview = await previewImport(db(), demo.regionId, {
      fileName: 'Таблица 1.txt',
      bytes: utf8(TABLE1),
      kind: 'text',
      mapping: TABLE1_MAPPING,
      period: '01.03.2016',
    });
    expect(preview.problems).toEqual([]);
    expect(preview.headerRow).toBe(3);
    expect(preview.ignoredColumns).toEqual(['Место в рейтинге ОМСУ']);
    expect(preview.counts).toEqual({
      valuesRead: 82,
      insert: 0,
      update: 0,
      unchanged: 82,
      missing: 0,
      problems: 0,
    });
    expect(preview.noChanges).toBe(true);
  });

  it('reads Table 2 as pasted: 4 units × (January, February, total), all already in the demo', async () => {
    const preview = await previewImport(db(), demo.regionId, {
      fileName: 'Таблица 2.txt',
      bytes: utf8(TABLE2),
      kind: 'text',
      mapping: TABLE2_MAPPING,
    });
    expect(preview.problems).toEqual([]);
    expect(preview.counts).toMatchObject({ valuesRead: 12, unchanged: 12, insert: 0, update: 0 });
  });

  it('imports Table 1 for another period with provenance; the same file again changes nothing', async () => {
    const request = {
      fileName: 'Таблица 1.txt',
      bytes: utf8(TABLE1),
      kind: 'text' as const,
      mapping: TABLE1_MAPPING,
      period: '2016-04',
      sourceSystem: 'ИС СОУ',
      saveMappingAs: 'Таблица 1 справки',
    };
    const first = await commitImport(db(), demo.regionId, request, 'аналитик');
    expect(first.outcome).toBe('committed');
    expect(first.preview.counts).toMatchObject({ insert: 82, update: 0, unchanged: 0 });
    const batch = await db()
      .selectFrom('import_batch')
      .selectAll()
      .where('id', '=', first.batchId ?? -1)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({
      file_name: 'Таблица 1.txt',
      source_system: 'ИС СОУ',
      author: 'аналитик',
      inserted: 82,
      updated: 0,
      unchanged: 0,
      values_read: 82,
      mapping_name: 'Таблица 1 справки',
    });
    expect(batch.file_sha256).toMatch(/^[0-9a-f]{64}$/);

    const orsk = await findObservationId(db(), {
      municipalityId: await unitId('orsk-city'),
      indicatorId: await indicatorId('rating_2016'),
      period: '2016-04',
    });
    const history = await listRevisions(db(), orsk ?? -1);
    // г.Орск (place 6) is line 9 of the pasted text: caption, blank line, header, places 1–5.
    expect(history).toEqual([
      expect.objectContaining({
        revision: 1,
        oldValue: null,
        newValue: 0.313,
        author: 'аналитик',
        batch: {
          id: first.batchId,
          fileName: 'Таблица 1.txt',
          sha256: batch.file_sha256,
          sourceSystem: 'ИС СОУ',
          row: 9,
        },
      }),
    ]);

    const before = await fingerprintTables(db());
    const again = await commitImport(db(), demo.regionId, request, 'аналитик');
    expect(again.outcome).toBe('no-changes');
    expect(again.batchId).toBeNull();
    expect(again.preview.summary).toMatch(
      /^Изменений нет: все 82 значений уже в базе\. Этот файл уже импортирован .* \(пакет №\d+, аналитик\)\.$/,
    );
    expect(await fingerprintTables(db())).toEqual(before);

    // The saved mapping is reused by name.
    const reused = await previewImport(db(), demo.regionId, {
      fileName: 't1.txt',
      bytes: utf8(TABLE1),
      kind: 'text',
      mappingName: 'Таблица 1 справки',
      period: '2016-04',
    });
    expect(reused.counts).toMatchObject({ valuesRead: 82, unchanged: 82 });
  });

  it('an update appends a revision old → new with its batch and row', async () => {
    const changed = TABLE2.replace('<b>1010</b>', '<b>1 012</b>');
    const preview = await previewImport(db(), demo.regionId, {
      fileName: 't2.txt',
      bytes: utf8(changed),
      kind: 'text',
      mapping: TABLE2_MAPPING,
    });
    expect(preview.updates).toEqual([
      {
        row: 2,
        municipality: { code: 'buzuluk-city', name: 'г.Бузулук' },
        indicator: 'esia_new',
        indicatorName: 'Количество регистраций в ЕСИА за месяц',
        period: '2017-01',
        oldValue: 1010,
        newValue: 1012,
      },
    ]);
    const result = await commitImport(
      db(),
      demo.regionId,
      {
        fileName: 't2.txt',
        bytes: utf8(changed),
        kind: 'text',
        mapping: TABLE2_MAPPING,
        sourceSystem: 'ЕСИА',
      },
      'оператор',
    );
    expect(result.preview.counts).toMatchObject({ update: 1, unchanged: 11, insert: 0 });
    const id = await findObservationId(db(), {
      municipalityId: await unitId('buzuluk-city'),
      indicatorId: await indicatorId('esia_new'),
      period: '2017-01',
    });
    const history = await listRevisions(db(), id ?? -1);
    expect(
      history.map((r) => [r.revision, r.oldValue, r.newValue, r.author, r.batch?.row ?? null]),
    ).toEqual([
      [1, null, 1010, 'демо-данные', null],
      [2, 1010, 1012, 'оператор', 2],
    ]);
    const batch = await db()
      .selectFrom('import_batch')
      .select(['imported_at', 'file_sha256'])
      .where('id', '=', result.batchId ?? -1)
      .executeTakeFirstOrThrow();
    // The batch's provenance, stored once for the batch, read for the revision.
    expect(history[1]).toEqual({
      revision: 2,
      oldValue: 1010,
      newValue: 1012,
      author: 'оператор',
      changedAt: batch.imported_at,
      source: `импорт №${result.batchId}: «t2.txt» (ЕСИА)`,
      note: null,
      batch: {
        id: result.batchId,
        fileName: 't2.txt',
        sha256: batch.file_sha256,
        sourceSystem: 'ЕСИА',
        row: 2,
      },
    });
    // The observation names no provenance of its own: it is that of its current revision.
    const row = await db()
      .selectFrom('observation')
      .select(['value', 'revision', 'source', 'author', 'recorded_at'])
      .where('id', '=', id ?? -1)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      value: 1012,
      revision: 2,
      source: null,
      author: null,
      recorded_at: null,
    });
    const own = await sql<{ n: number }>`SELECT count(*) AS n FROM observation_revision
      WHERE import_batch_id = ${result.batchId} AND (source IS NOT NULL OR author IS NOT NULL)`.execute(
      db(),
    );
    expect(Number(own.rows[0]?.n)).toBe(0);
  });

  it('an unknown spelling offers candidates; confirming one saves an alias for the next import', async () => {
    const text =
      'ОМСУ;Показатель;Период;Значение\nГайский муниципальный округ;sed_signed_share;2022;77,7\n';
    const refused = await previewImport(db(), demo.regionId, {
      fileName: 'sed.csv',
      bytes: utf8(text),
    });
    expect(refused.unknownNames).toEqual([
      {
        name: 'Гайский муниципальный округ',
        rows: [2],
        candidates: [
          { code: 'gayskiy-go', name: 'Гайский городской округ' },
          expect.anything(),
          expect.anything(),
        ].slice(0, refused.unknownNames[0]?.candidates.length ?? 0),
      },
    ]);
    expect(refused.unknownNames[0]?.candidates[0]).toEqual({
      code: 'gayskiy-go',
      name: 'Гайский городской округ',
    });
    const done = await commitImport(
      db(),
      demo.regionId,
      {
        fileName: 'sed.csv',
        bytes: utf8(text),
        aliases: [{ name: 'Гайский муниципальный округ', municipality: 'gayskiy-go' }],
      },
      'аналитик',
    );
    expect(done.preview.counts).toMatchObject({ insert: 1 });
    const next = await previewImport(db(), demo.regionId, {
      fileName: 'sed2.csv',
      bytes: utf8(text.replace('77,7', '78')),
    });
    expect(next.problems).toEqual([]);
    expect(next.updates).toEqual([
      expect.objectContaining({
        municipality: { code: 'gayskiy-go', name: 'Гайский городской округ' },
        oldValue: 77.7,
        newValue: 78,
      }),
    ]);
  });

  it('reads an XLSX sheet with a title block and a merged two-row header, in Windows-style numbers', async () => {
    const bytes = await xlsx(
      [
        ['Регистрации в ЕСИА, выгрузка за I квартал 2017 года'],
        [],
        ['Наименование ОМСУ', 'Регистрации за месяц', null],
        [null, 'январь 2017', 'февраль 2017'],
        ['г.Бузулук', 1010, '1 105'],
        ['Илекский район', '171', '—'],
      ],
      { merges: ['A3:A4', 'B3:C3'] },
    );
    const mapping = {
      format: 'wide' as const,
      unitColumn: 'Наименование ОМСУ',
      columns: [
        { column: 'Регистрации за месяц / январь 2017', indicator: 'esia_new', period: '2017-01' },
        { column: 'Регистрации за месяц / февраль 2017', indicator: 'esia_new', period: '2017-02' },
      ],
    };
    const preview = await previewImport(db(), demo.regionId, {
      fileName: 'esia.xlsx',
      bytes,
      mapping,
    });
    expect(preview.problems).toEqual([]);
    expect(preview.headerRow).toBe(3);
    // г.Бузулук's January is 1012 after the update above; February and Илекский's January match.
    expect(preview.counts).toEqual({
      valuesRead: 3,
      insert: 0,
      update: 1,
      unchanged: 2,
      missing: 1,
      problems: 0,
    });
  });
});

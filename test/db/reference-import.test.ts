import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ROOT } from '../../src/demo/read-demo-dataset.js';
import type { Methodology } from '../../src/domain/methodology.js';
import { computeRating } from '../../src/engine/compute-rating.js';
import { AccessError } from '../../src/server/features/access/access-errors.js';
import type { AuditContext } from '../../src/server/features/access/audit.js';
import {
  commitImport,
  ImportRejectedError,
  previewImport,
} from '../../src/server/features/imports/import-service.js';
import { getPlanReport } from '../../src/server/features/plans/plan-service.js';
import { loadRatingData } from '../../src/server/features/rating/rating-inputs.js';
import { testDatabases } from '../support/databases.js';
import { municipalityIdOf, useOrenburgDemo } from '../support/demo-database.js';
import { TABLE2_MAPPING, utf8 } from '../support/import-fixtures.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

const REFERENCE_TABLES = ['reference_value', 'plan_target', 'reference_revision', 'import_batch'];

/** ЕСИА registrations per 1,000 residents, the demo's derived indicator, as a methodology. */
const PER_1000: Methodology = {
  code: 'per-1000-check',
  version: 1,
  title: 'Проверка',
  effectiveFrom: '2017',
  outputScale: 100,
  tieRule: 'competition',
  missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0.5 },
  colourThresholds: [],
  tree: {
    kind: 'group',
    code: 'INDEX',
    name: 'Индекс',
    weight: 1,
    aggregation: 'arithmetic',
    children: [
      {
        kind: 'indicator',
        code: 'esia_per_1000',
        name: 'Регистрации на 1 тыс. жителей',
        weight: 1,
        direction: 1,
        formula: 'esia_total / population * 1000',
        normalisation: { method: 'min-max' },
      },
    ],
  },
} as Methodology;

describe.each(testDatabases())('importing reference data on $name', (kind) => {
  const demo = useOrenburgDemo(kind);
  const db = () => demo.db;
  const unitId = (code: string) => municipalityIdOf(db(), code);
  const per1000 = async (code: string) => {
    const data = await loadRatingData(db(), demo.regionId, PER_1000, '2017-03-01');
    const result = computeRating(PER_1000, data);
    const at = data.units.findIndex((u) => u.code === code);
    return result.indicators.find((i) => i.code === 'esia_per_1000')?.raw[at];
  };
  const buzulukPlan = async () => {
    const report = await getPlanReport(db(), demo.regionId, 'orenburg-2017-esia');
    const row = report.rows.find((r) => r.municipality.code === 'buzuluk-city');
    const figure = (key: string) => row?.figures.find((f) => f.key === key)?.computed;
    return { increment: figure('year_increment'), registered: figure('registered_percent') };
  };

  it('reads the population, targets and start values of Table 2 as pasted: all already in the demo', async () => {
    const mapping = {
      ...TABLE2_MAPPING,
      columns: [
        ...(TABLE2_MAPPING.columns ?? []),
        { column: 'Численность населения МО', indicator: 'population', period: '2017' },
        {
          column: 'Целевой показатель на конец 2017 года',
          indicator: 'target:esia_total',
          period: '2017',
        },
        { column: 'Кол-во регистраций за 2016 год', indicator: 'start:esia_total', period: '2017' },
      ],
    };
    const preview = await previewImport(db(), demo.regionId, {
      fileName: 'Таблица 2.txt',
      bytes: utf8(readFileSync(join(DEMO_ROOT, 'orenburg', 'table2.tsv'), 'utf8')),
      kind: 'text',
      mapping,
    });
    expect(preview.problems).toEqual([]);
    expect(preview.reference).toEqual({
      insert: 0,
      update: 0,
      unchanged: 12,
      changes: [],
      jumps: [],
    });
    expect(preview.counts).toMatchObject({ valuesRead: 24, unchanged: 24, insert: 0, update: 0 });
    expect(preview.noChanges).toBe(true);
  });

  it('imports a wide population column with history; the per-1,000 indicator follows', async () => {
    expect(await per1000('buzuluk-city')).toBeCloseTo(119.438021573, 6);
    expect((await buzulukPlan()).registered).toBeCloseTo(11.94380216, 6);
    const request = {
      fileName: 'население.csv',
      bytes: utf8(
        'ОМСУ;Численность населения, чел.\nг.Бузулук;90 000\nБузулукский район;30 589\nг.Орск;230 414\n',
      ),
      period: '2017',
    };
    const preview = await previewImport(db(), demo.regionId, request);
    expect(preview.problems).toEqual([]);
    expect(preview.readAs).toContain('широкий формат');
    expect(preview.reference).toEqual({
      insert: 1,
      update: 1,
      unchanged: 1,
      changes: [
        {
          row: 4,
          municipality: { code: 'orsk-city', name: 'г.Орск' },
          kind: 'population',
          indicator: null,
          label: 'Численность населения',
          year: 2017,
          oldValue: null,
          newValue: 230414,
        },
        {
          row: 2,
          municipality: { code: 'buzuluk-city', name: 'г.Бузулук' },
          kind: 'population',
          indicator: null,
          label: 'Численность населения',
          year: 2017,
          oldValue: 85199,
          newValue: 90000,
        },
      ],
      // No values of 2016 are stored: nothing to compare with.
      jumps: [],
    });
    expect(preview.summary).toBe('Будет добавлено: 1, изменено: 1, без изменений: 1.');

    const result = await commitImport(db(), demo.regionId, request, 'аналитик');
    expect(result.outcome).toBe('committed');
    const buzuluk = await unitId('buzuluk-city');
    const stored = await db()
      .selectFrom('reference_value')
      .select(['value', 'source', 'is_illustrative'])
      .where('municipality_id', '=', buzuluk)
      .where('year', '=', 2017)
      .where('kind', '=', 'population')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      value: 90000,
      source: `импорт №${result.batchId}: «население.csv»`,
      is_illustrative: 0,
    });
    const history = await db()
      .selectFrom('reference_revision')
      .select([
        'municipality_id',
        'old_value',
        'new_value',
        'author',
        'import_batch_id',
        'source_row',
      ])
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      {
        municipality_id: await unitId('orsk-city'),
        old_value: null,
        new_value: 230414,
        author: 'аналитик',
        import_batch_id: result.batchId,
        source_row: 4,
      },
      {
        municipality_id: buzuluk,
        old_value: 85199,
        new_value: 90000,
        author: 'аналитик',
        import_batch_id: result.batchId,
        source_row: 2,
      },
    ]);
    // Derived figures computed after the import use the new population.
    expect(await per1000('buzuluk-city')).toBeCloseTo(113.066666667, 6);
    expect((await buzulukPlan()).registered).toBeCloseTo(11.30666667, 6);

    const again = await commitImport(db(), demo.regionId, request, 'аналитик');
    expect(again.outcome).toBe('no-changes');
    expect(again.preview.summary).toContain('Этот файл уже импортирован');
  });

  it('imports targets and economically active population from a long file', async () => {
    const result = await commitImport(
      db(),
      demo.regionId,
      {
        fileName: 'цели.txt',
        bytes: utf8(
          [
            'ОМСУ\tПоказатель\tПериод\tЗначение',
            'г.Бузулук\ttarget:esia_total\t2017\t15 000',
            'г.Бузулук\tЧисленность экономически активного населения\t2017\t75 000',
            'г.Бузулук\tesia_new\t2017-06\t900',
          ].join('\n'),
        ),
        kind: 'text',
      },
      'аналитик',
    );
    // The demo carries 72 400 for г.Бузулук, derived from the seed's target (14 480 / 20 %).
    expect(result.preview.reference).toMatchObject({ insert: 0, update: 2, unchanged: 0 });
    expect(result.preview.counts).toMatchObject({ valuesRead: 3, insert: 1, update: 2 });
    expect(result.preview.reference.changes.map((c) => [c.label, c.oldValue, c.newValue])).toEqual([
      ['Целевое значение «Всего граждан, зарегистрированных в ЕСИА»', 14480, 15000],
      ['Численность экономически активного населения 14–72 лет', 72400, 75000],
    ]);
    expect((await buzulukPlan()).increment).toBe(15000 - 7694);
    const econ = await db()
      .selectFrom('reference_value')
      .select(['value', 'is_illustrative', 'derived_from'])
      .where('kind', '=', 'econ_active_14_72')
      .where('municipality_id', '=', await municipalityIdOf(db(), 'buzuluk-city'))
      .execute();
    expect(econ).toEqual([{ value: 75000, is_illustrative: 0, derived_from: null }]);
  });

  it('refuses bad reference values by file, row and column, writing nothing', async () => {
    const before = await fingerprintTables(db(), REFERENCE_TABLES);
    const request = {
      fileName: 'плохое население.csv',
      bytes: utf8(
        [
          'ОМСУ;Показатель;Период;Значение',
          'г.Бузулук;population;2018;-5',
          'г.Орск;population;2018;85 199,5',
          'Бузулукский район;population;2018;12%',
          'Неведомский район;population;2018;1000',
          'г.Бузулук;target:esia_total;2018;много',
          'Илекский район;population;2018-01;24 436',
          'Илекский район;population;2018-02;24 500',
        ].join('\n'),
      ),
    };
    const error = await commitImport(db(), demo.regionId, request, 'аналитик').catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    const problems = (error as ImportRejectedError).preview.problems.map((p) => [
      p.row,
      p.column,
      p.message,
    ]);
    expect(problems).toEqual([
      [2, 'Значение', '«-5» меньше допустимого минимума 0 для «population»'],
      [3, 'Значение', '«85 199,5» — ожидается целое число (чел.)'],
      [4, 'Значение', '«12%» — знак % у показателя «population», который измеряется в «чел.»'],
      [
        5,
        'ОМСУ',
        expect.stringMatching(/^неизвестное муниципальное образование «Неведомский район»/),
      ],
      [6, 'Значение', expect.stringContaining('«много»')],
      [
        8,
        'Численность населения',
        'повтор: для этого ОМСУ за 2018 год уже дано значение в строке 7 (24\u00a0436), здесь другое (24\u00a0500); справочные данные хранятся по годам',
      ],
    ]);
    expect(await fingerprintTables(db(), REFERENCE_TABLES)).toEqual(before);
  });

  it('refuses population to officials, even for their own municipality: the department writes it', async () => {
    const context: AuditContext = {
      actor: {
        kind: 'user',
        userId: 1,
        username: 'official-buzuluk',
        role: 'official',
        municipalityIds: [await unitId('buzuluk-city')],
        mustChangePassword: false,
        sessionIdHash: null,
      },
      ip: null,
      userAgent: null,
      at: new Date(),
    };
    const attempt = (text: string) =>
      previewImport(
        db(),
        demo.regionId,
        { fileName: 'население.txt', bytes: utf8(text), kind: 'text' as const },
        { context },
      ).catch((e) => e);
    const foreign = await attempt(
      'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Орск\tpopulation\t2019\t230 000\n',
    );
    expect(foreign).toBeInstanceOf(AccessError);
    expect((foreign as AccessError).statusCode).toBe(403);
    const own = await attempt(
      'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tpopulation\t2019\t91 000\n',
    );
    expect(own).toBeInstanceOf(AccessError);
    expect((own as AccessError).statusCode).toBe(403);
    expect((own as AccessError).message).toContain(
      'В файле «население.txt» есть справочные данные (численность населения или целевые значения)',
    );
    // the same official still imports the own municipality's indicator values
    const values = await previewImport(
      db(),
      demo.regionId,
      {
        fileName: 'есиа.txt',
        bytes: utf8('ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_total\t2019-01\t12 000\n'),
        kind: 'text' as const,
      },
      { context },
    );
    expect(values.counts).toMatchObject({ insert: 1, problems: 0 });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import {
  createRegion,
  type NewRegion,
} from '../../src/server/features/registry/region-setup-service.js';
import { logInOverHttp } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

// Twelve made-up units: name, ОКТМО, share of services online (%), waiting time (days).
const UNITS: [string, string, number, number][] = [
  ['Городской округ Северный', '99701000', 100, 0],
  ['Городской округ Южный', '99702000', 90, 1],
  ['Озёрный район', '99603000', 80, 4],
  ['Лесной район', '99604000', 50, 2],
  ['Степной район', '99605000', 0, 10],
  ['Горный район', '99606000', 60, 3],
  ['Речной район', '99607000', 70, 5],
  ['Полевой район', '99608000', 40, 6],
  ['Луговой район', '99609000', 30, 7],
  ['Болотный район', '99610000', 20, 8],
  ['Холмистый район', '99611000', 10, 9],
  ['Заречный муниципальный округ', '99612000', 65, 5],
];
const REGISTRY = [
  'Наименование;Вид;ОКТМО;Группы',
  ...UNITS.map(
    ([name, oktmo], i) =>
      `${name};${i < 2 ? 'городской округ' : i === 11 ? 'муниципальный округ' : 'муниципальный район'};${oktmo};${i < 2 ? 'Города' : 'Районы'}`,
  ),
].join('\n');
const INDICATORS = [
  'Код;Наименование;Единица;Направление;Периодичность;Источник;Знаков после запятой;Минимум;Максимум',
  'online_share;Доля услуг, полученных онлайн;%;больше — лучше;ежемесячно;ЕПГУ;1;0;100',
  'wait_days;Срок ожидания услуги;дней;меньше — лучше;ежемесячно;МФЦ;0;0;',
].join('\n');
const node = (code: string, name: string, direction: 1 | -1) => ({
  kind: 'indicator',
  code,
  name,
  weight: 1,
  direction,
  normalisation: { method: 'min-max' },
});
const METHODOLOGY = {
  code: 'test-oblast-digital',
  version: 1,
  title: 'Цифровые услуги Тестовой области',
  effectiveFrom: '2026-11',
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
      node('online_share', 'Доля услуг онлайн', 1),
      node('wait_days', 'Срок ожидания', -1),
    ],
  },
};

describe.each(testDatabases())('a new region from files on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let dir: string;
  let app: FastifyInstance | undefined;
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text, 'utf8');
    return join(dir, name);
  };
  const create = (registry: string) =>
    runCli(
      [
        'region',
        'create',
        '--code',
        'test-oblast',
        '--name',
        'Тестовая область',
        '--registry',
        registry,
        '--indicators',
        file('indicators.csv', INDICATORS),
        '--admin-user',
        'test-admin',
      ],
      instance.env,
    );

  beforeAll(async () => {
    assertCliBuilt();
    instance = await kind.create();
    dir = mkdtempSync(join(tmpdir(), 'munirank-region-'));
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a registry with a 7-digit ОКТМО on row 4, naming file, row and column', async () => {
    const bad = await create(file('bad-units.csv', REGISTRY.replace('99603000', '9960300')));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'Ошибка: bad-units.csv, строка 4, графа «ОКТМО»: код ОКТМО — 8 или 11 цифр, а здесь 7 цифр: «9960300»\n',
    );
    const db = instance.handle.db;
    expect(await db.selectFrom('region').select('code').execute()).toEqual([]);
    expect(await db.selectFrom('audit_event').select('action').execute()).toEqual([]);
  });

  it('creates the region, imports a month, computes, publishes and shows the public table', async () => {
    const made = await create(file('units.csv', REGISTRY));
    expect(made.stderr).toBe('');
    expect(made.stdout).toContain('ОМСУ — 12, групп — 2, показателей — 2.');
    const password = /^ {2}(\S+)$/m.exec(made.stdout)?.[1] ?? '';
    const events = await instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'actor_label'])
      .orderBy('id')
      .execute();
    expect(events.slice(0, 1)).toEqual([
      {
        action: 'region.create',
        entity_id: 'test-oblast',
        actor_label: expect.stringMatching(/^CLI \(/),
      },
    ]);

    app = await buildApp({ db: instance.handle.db, regionCode: 'test-oblast' });
    const first = await logInOverHttp(app, 'test-admin', password);
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      (app as FastifyInstance).inject({
        method,
        url,
        headers: first.headers,
        ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      });
    const changed = await call('POST', '/api/session/password', {
      currentPassword: password,
      newPassword: 'Тестовая-область-2026',
    });
    expect(changed.statusCode).toBe(200);

    const lines = UNITS.flatMap(([name, , share, days]) => [
      `${name}\tonline_share\t2026-11\t${share}`,
      `${name}\twait_days\t2026-11\t${days}`,
    ]);
    const text = `ОМСУ\tПоказатель\tПериод\tЗначение\n${lines.join('\n')}\n`;
    const imported = await call('POST', '/api/imports', { fileName: 'november.txt', text });
    expect(imported.json()).toMatchObject({ outcome: 'committed' });

    const computed = await call('POST', '/api/ratings', {
      code: 'test-oblast-2026-11',
      title: 'Ноябрь 2026',
      period: '2026-11',
      asOf: '2026-12-01',
      methodology: METHODOLOGY,
    });
    expect(computed.statusCode).toBe(201);
    const published = await call('POST', '/api/ratings/test-oblast-2026-11/publish', {});
    expect(published.statusCode).toBe(200);

    const table = (
      await app.inject({ method: 'GET', url: '/api/snapshots/test-oblast-2026-11' })
    ).json();
    const row = (name: string) =>
      table.rows.find((r: { municipality: { name: string } }) => r.municipality.name === name);
    // Min–max over the twelve: share 0..100 → itself; days 0..10 → (10 − days) × 10; the index
    // is their mean. Северный 100 and 100 → 100; Озёрный 80 and 60 → 70; Лесной 50 and 80 and
    // Горный 60 and 70 → 65 each, sharing 4th place; Заречный 65 and 50 → 57,5 (7th after
    // Речной's 60); Степной 0 and 0 → 0, last.
    expect(table.rows).toHaveLength(12);
    expect(row('Городской округ Северный')).toMatchObject({ place: 1, values: { index: 100 } });
    expect(row('Озёрный район')).toMatchObject({ place: 3, values: { index: 70 } });
    expect(row('Лесной район')).toMatchObject({ place: 4, values: { index: 65 } });
    expect(row('Горный район')).toMatchObject({ place: 4, values: { index: 65 } });
    expect(row('Заречный муниципальный округ')).toMatchObject({
      place: 7,
      values: { index: 57.5 },
    });
    expect(row('Степной район')).toMatchObject({ place: 12, values: { index: 0 } });
  });

  it('refuses a second region with the same code, adding nothing', async () => {
    const context = {
      actor: { kind: 'system', label: 'тест' },
      ip: null,
      userAgent: null,
      at: new Date(),
    } as const;
    await expect(
      createRegion(
        instance.handle.db,
        { code: 'test-oblast', name: 'Другая область', units: [], indicators: [] },
        context,
      ),
    ).rejects.toThrow('Регион с кодом «test-oblast» уже есть в базе данных.');
    expect(await instance.handle.db.selectFrom('region').select('name').execute()).toEqual([
      { name: 'Тестовая область' },
    ]);
  });

  it('creates a region once when two runs create the same code at once', async () => {
    const context = {
      actor: { kind: 'system', label: 'тест' },
      ip: null,
      userAgent: null,
      at: new Date(),
    } as const;
    const input: NewRegion = {
      code: 'race-oblast',
      name: 'Гоночная область',
      units: [],
      indicators: [
        {
          line: 2,
          code: 'share',
          name: 'Доля',
          unit: '%',
          direction: 'higher_better',
          periodicity: 'monthly',
          source_system: 'ЕПГУ',
          decimals: 1,
          range_min: null,
          range_max: null,
          formula: null,
        },
      ],
    };
    const runs = await Promise.allSettled([
      createRegion(instance.handle.db, input, context),
      createRegion(instance.handle.db, input, context),
    ]);
    expect(runs.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = runs.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as Error).message).toBe(
      'Регион с кодом «race-oblast» уже есть в базе данных.',
    );
    const db = instance.handle.db;
    const regionId = (
      await db.selectFrom('region').select('id').where('code', '=', 'race-oblast').execute()
    ).map((r) => r.id);
    expect(regionId).toHaveLength(1);
    expect(
      await db
        .selectFrom('indicator')
        .select('code')
        .where('region_id', '=', regionId[0] as number)
        .execute(),
    ).toEqual([{ code: 'share' }]);
  });
});

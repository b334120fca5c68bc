import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceSetResult, ReferenceTable } from '../../src/domain/reference-data.js';
import { testDatabases } from '../support/databases.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

// The demo carries Table 2 of the 2017 note: г.Бузулук's population 85 199 as printed, and the
// economically active population 72 400 worked out from its target (14 480 / 20 %).
describe.each(testDatabases())('reference data per year over HTTP on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());

  const table = async (year: number) => {
    const res = await staff.call('GET', `/api/reference-data/${year}`, staff.analyst);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReferenceTable;
  };
  const rowOf = (t: ReferenceTable, code: string) =>
    t.rows.find((r) => r.municipality.code === code);
  const set = (year: number, code: string, kindCode: string, payload: object) =>
    staff.call('PUT', `/api/reference-data/${year}/${code}/${kindCode}`, staff.analyst, payload);
  const revisionsOf = (year: number) =>
    staff.instance.handle.db
      .selectFrom('reference_revision')
      .select(['old_value', 'new_value', 'source', 'import_batch_id'])
      .where('year', '=', year)
      .orderBy('id')
      .execute();

  it('shows every unit valid in 2017 with its values and their provenance', async () => {
    // the demo's only year of reference data, which the page opens first
    const years = await staff.call('GET', '/api/reference-data', staff.analyst);
    expect(years.json()).toEqual({ years: [2017] });
    const t = await table(2017);
    expect(t.jumpShare).toBe(0.25);
    expect(t.rows).toHaveLength(42);
    const buzuluk = rowOf(t, 'buzuluk-city');
    expect(buzuluk?.cells.population).toMatchObject({
      value: 85_199,
      illustrative: false,
      derivedFrom: null,
      previous: null,
      jump: false,
    });
    expect(buzuluk?.cells.population.source).toContain('Таблица 2');
    expect(buzuluk?.cells.econ_active_14_72).toMatchObject({ value: 72_400, illustrative: true });
    expect(buzuluk?.cells.econ_active_14_72.derivedFrom).toMatch(
      /^выведено из целевого показателя/,
    );
    expect(rowOf(t, 'orsk-city')?.cells.population.value).toBeNull();
  });

  it('sets a value by hand with its source, records the revision and warns of a jump over 25 %', async () => {
    const res = await set(2018, 'buzuluk-city', 'population', {
      value: 110_000,
      source: 'Оренбургстат, оценка на 01.01.2018',
    });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json() as ReferenceSetResult;
    // (110 000 − 85 199) / 85 199 = 29,1 %.
    expect(answer.warning).toBe(
      'Численность населения г.Бузулук за 2018 год отличается от 2017 года (85\u00a0199) на 29,1 % — больше порога 25 %. Проверьте значение.',
    );
    expect(answer.cell).toMatchObject({
      value: 110_000,
      source: 'Оренбургстат, оценка на 01.01.2018',
      previous: 85_199,
      jump: true,
      file: null,
      changedBy: staff.analystName,
    });
    expect(answer.cell.changeShare).toBeCloseTo(24_801 / 85_199, 12);
    expect(await revisionsOf(2018)).toEqual([
      {
        old_value: null,
        new_value: 110_000,
        source: 'Оренбургстат, оценка на 01.01.2018',
        import_batch_id: null,
      },
    ]);
    // The same value again changes nothing and records nothing.
    const again = await set(2018, 'buzuluk-city', 'population', {
      value: 110_000,
      source: 'Оренбургстат, оценка на 01.01.2018',
    });
    expect(again.statusCode).toBe(200);
    expect(await revisionsOf(2018)).toHaveLength(1);
    const events = await staff.instance.handle.db
      .selectFrom('audit_event')
      .select('entity_id')
      .where('action', '=', 'reference-value.set')
      .execute();
    expect(events).toEqual([{ entity_id: 'buzuluk-city/2018/population' }]);
    // 2018 now holds a value: it is the newest year
    const years = await staff.call('GET', '/api/reference-data', staff.analyst);
    expect(years.json()).toEqual({ years: [2018, 2017] });
  });

  it('flags no jump within the threshold, and follows a threshold the department sets', async () => {
    const within = await set(2018, 'buzuluk-city', 'econ_active_14_72', {
      value: 80_000,
      source: 'расчёт департамента',
    });
    // (80 000 − 72 400) / 72 400 = 10,5 %.
    expect(within.json().warning).toBeNull();
    const settings = await staff.call('PUT', '/api/reference-settings', staff.analyst, {
      jumpShare: 0.3,
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const t = await table(2018);
    expect(t.jumpShare).toBe(0.3);
    expect(rowOf(t, 'buzuluk-city')?.cells.population.jump).toBe(false);
  });

  it('refuses a negative value or a missing source naming the field, and stores nothing', async () => {
    const negative = await set(2018, 'orsk-city', 'population', { value: -5, source: 'x' });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().message).toBe(
      'Поле «значение»: численность населения — положительное число, а дано -5.',
    );
    const unsourced = await set(2018, 'orsk-city', 'population', { value: 230_000, source: ' ' });
    expect(unsourced.statusCode).toBe(400);
    expect(unsourced.json().message).toBe(
      'Поле «источник»: укажите, откуда значение (документ, выгрузка, письмо).',
    );
    expect(rowOf(await table(2018), 'orsk-city')?.cells.population.value).toBeNull();
    expect(await revisionsOf(2018)).toHaveLength(2);
  });

  it('imports reference data as before, the preview listing values that jump past the threshold', async () => {
    // 2019 against the 2018 values set above: 110 000 → 150 000 is +36,4 % (over 30 %), and
    // 80 000 → 90 000 is +12,5 %.
    const text = [
      'ОМСУ\tПоказатель\tПериод\tЗначение',
      'г.Бузулук\tpopulation\t2019\t150000',
      'г.Бузулук\tecon_active_14_72\t2019\t90000',
    ].join('\n');
    const preview = await staff.call('POST', '/api/imports/preview', staff.analyst, {
      fileName: 'численность-2019.txt',
      text,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const reference = preview.json().reference;
    expect(reference.insert).toBe(2);
    expect(reference.jumps).toEqual([
      {
        row: 2,
        municipality: { code: 'buzuluk-city', name: 'г.Бузулук' },
        label: 'Численность населения',
        year: 2019,
        previous: 110_000,
        newValue: 150_000,
        share: 40_000 / 110_000,
        message:
          'Численность населения за 2019 год (150\u00a0000) отличается от 2018 года (110\u00a0000) на 36,4 % — больше порога 30 %; проверьте значение',
      },
    ]);
    const commit = await staff.call('POST', '/api/imports', staff.analyst, {
      fileName: 'численность-2019.txt',
      text,
    });
    expect(commit.json().outcome).toBe('committed');
    const cell = rowOf(await table(2019), 'buzuluk-city')?.cells.population;
    expect(cell).toMatchObject({ value: 150_000, jump: true, file: 'численность-2019.txt' });
  });

  it('lets officials neither change reference data nor read the region-wide table', async () => {
    const res = await staff.call(
      'PUT',
      '/api/reference-data/2018/buzuluk-city/population',
      staff.official,
      {
        value: 1,
        source: 'x',
      },
    );
    expect(res.statusCode).toBe(403);
    expect((await staff.call('GET', '/api/reference-data/2018', staff.official)).statusCode).toBe(
      403,
    );
    expect((await staff.call('GET', '/api/reference-data', staff.official)).statusCode).toBe(403);
  });
});

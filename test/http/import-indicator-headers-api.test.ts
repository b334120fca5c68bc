import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/domain/import-preview.js';
import { testDatabases } from '../support/databases.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

const SIGNED = 'Доля документов, подписанных электронной подписью в СЭД';
const HEADER = 'Доля документов, подписанных ЭП, %';
const wide = (header: string, ...rows: string[]) => [`ОМСУ;Период;${header}`, ...rows].join('\r\n');

describe.each(testDatabases())(
  'indicator columns named as officials name them, on $name',
  (kind) => {
    let staff: StaffApp;
    beforeAll(async () => {
      staff = await openStaffApp(kind);
    });
    afterAll(async () => staff?.close());
    const payload = (text: string, extra: object = {}) => ({
      fileName: 'СЭД.csv',
      type: 'csv',
      base64: Buffer.from(text).toString('base64'),
      ...extra,
    });
    const preview = async (text: string, extra: object = {}) => {
      const res = await staff.call(
        'POST',
        '/api/imports/preview',
        staff.analyst,
        payload(text, extra),
      );
      expect(res.statusCode).toBe(200);
      return res.json() as ImportPreview;
    };
    const aliasCount = async () =>
      Number(
        (
          await sql<{ n: number }>`SELECT count(*) AS n FROM indicator_alias`.execute(
            staff.instance.handle.db,
          )
        ).rows[0]?.n,
      );

    it('asks about a header that resembles an indicator, offering it first; nothing is read from it yet', async () => {
      const p = await preview(wide(HEADER, 'г.Бузулук;2021;91,5'));
      expect(p.unknownIndicators).toEqual([
        {
          name: HEADER,
          rows: [],
          candidates: [
            { code: 'sed_signed_share', name: SIGNED },
            expect.objectContaining({ code: expect.any(String) }),
            expect.objectContaining({ code: expect.any(String) }),
          ],
        },
      ]);
      expect(p.problems).toEqual([
        {
          file: 'СЭД.csv',
          row: 1,
          column: HEADER,
          message: expect.stringMatching(
            /^графа «Доля документов, подписанных ЭП, %» похожа на показатель, но не сопоставлена; ближайшие: «Доля документов, подписанных электронной подписью в СЭД» \(sed_signed_share\), /,
          ),
        },
      ]);
      expect(p.ignoredColumns).toEqual([]);
      expect(p.counts.valuesRead).toBe(0);
    });

    it('a confirmation in the preview reads the column, names the indicator in Russian, saves nothing', async () => {
      const p = await preview(wide(HEADER, 'г.Бузулук;2021;91,5'), {
        indicatorAliases: [{ name: HEADER, indicator: 'sed_signed_share' }],
      });
      expect(p.problems).toEqual([]);
      expect(p.columns).toEqual([
        { column: HEADER, indicator: { code: 'sed_signed_share', name: SIGNED }, period: null },
      ]);
      expect(p.inserts).toEqual([
        {
          row: 2,
          municipality: { code: 'buzuluk-city', name: 'г.Бузулук' },
          indicator: 'sed_signed_share',
          indicatorName: SIGNED,
          period: '2021',
          value: 91.5,
        },
      ]);
      expect(await aliasCount()).toBe(0);
    });

    it('a commit remembers the header: the next file matches it, in another spelling too, without asking', async () => {
      const commit = await staff.call(
        'POST',
        '/api/imports',
        staff.analyst,
        payload(wide(HEADER, 'г.Бузулук;2021;91,5'), {
          indicatorAliases: [{ name: HEADER, indicator: 'sed_signed_share' }],
        }),
      );
      expect(commit.statusCode).toBe(200);
      expect(commit.json().outcome).toBe('committed');
      expect(await aliasCount()).toBe(1);

      const next = await preview(
        wide('доля подписанных ЭП документов (в %)', 'г.Орск;2021;77', 'г.Бузулук;2021;91,5'),
      );
      expect(next.problems).toEqual([]);
      expect(next.columns[0]?.indicator).toEqual({ code: 'sed_signed_share', name: SIGNED });
      expect(next.counts).toMatchObject({ valuesRead: 2, insert: 1, unchanged: 1 });
    });

    it('a header with another unit is not that indicator', async () => {
      const p = await preview(wide('Доля документов, подписанных ЭП, шт.', 'г.Орск;2021;77'));
      expect(p.columns).toEqual([]);
      expect(p.unknownIndicators.map((u) => u.candidates.map((c) => c.code))).not.toContainEqual(
        expect.arrayContaining(['sed_signed_share']),
      );
    });

    it('a long table names an unknown indicator with its rows and the closest indicators', async () => {
      const p = await preview(
        'ОМСУ;Показатель;Период;Значение\r\nг.Орск;Доля документов в СЭД;2019;70\r\n',
      );
      expect(p.unknownIndicators).toEqual([
        {
          name: 'Доля документов в СЭД',
          rows: [2],
          candidates: expect.arrayContaining([{ code: 'sed_signed_share', name: SIGNED }]),
        },
      ]);
      expect(p.problems[0]).toMatchObject({ row: 2, column: 'Показатель' });
      expect(p.problems[0]?.message).toMatch(
        /^неизвестный показатель «Доля документов в СЭД»; ближайшие: «Доля документов, подписанных электронной подписью в СЭД» \(sed_signed_share\)/,
      );
    });

    it('confirms a header on its own, once; refuses one that means another indicator or an unknown code', async () => {
      const confirm = (name: string, indicator: string) =>
        staff.call('POST', '/api/indicator-aliases', staff.analyst, { name, indicator });
      const first = await confirm('Доля активных пользователей СЭД, %', 'sed_active_staff_share');
      expect(first.json()).toEqual({ outcome: 'saved' });
      const again = await confirm(
        'доля активных пользователей в СЭД (%)',
        'sed_active_staff_share',
      );
      expect(again.json()).toEqual({ outcome: 'already-known' });
      const clash = await confirm(HEADER, 'sed_active_staff_share');
      expect(clash.statusCode).toBe(400);
      expect(clash.json().message).toBe(
        `«${HEADER}» уже означает другой показатель («${SIGNED}»); сопоставление с «Доля сотрудников, активно работающих в СЭД» не сохранено`,
      );
      const unknown = await confirm('Что-то', 'no_such_indicator');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().message).toBe('нет показателя с кодом «no_such_indicator»');
      const official = await staff.call('POST', '/api/indicator-aliases', staff.official, {
        name: 'Доля ЭП',
        indicator: 'sed_signed_share',
      });
      expect(official.statusCode).toBe(403);
      const audit = await staff.instance.handle.db
        .selectFrom('audit_event')
        .select(['entity_id'])
        .where('action', '=', 'indicator-alias.create')
        .execute();
      expect(audit).toEqual([{ entity_id: 'sed_active_staff_share' }]);
    });
  },
);

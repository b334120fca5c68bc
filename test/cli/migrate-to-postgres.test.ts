import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSnapshotContent, takeInventory } from '../../src/db/backup/database-inventory.js';
import { contentHash } from '../../src/db/content-hash.js';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { canonicalJson } from '../../src/domain/canonical-json.js';
import { validateMethodology } from '../../src/engine/validate-methodology.js';
import {
  computeSnapshot,
  publishSnapshot,
} from '../../src/server/features/rating/snapshot-service.js';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';
import { serveCli } from '../support/serve-cli.js';

const [sqlite, postgres] = testDatabases();
const ATTACHMENT = Uint8Array.from({ length: 256 }, (_, k) => 255 - k);
let dir: string;
beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-to-pg-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under a folder with its bytes, by relative path. */
function filesOf(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

/** The demo plus one computed, published rating (the demo's own are taken from documents). */
async function demoWithComputedRating() {
  if (!sqlite) throw new Error('SQLite is always there');
  const source = await createDemoDatabase(sqlite);
  const file = new URL('../../methodologies/orenburg-annual-2022.json', import.meta.url);
  const checked = validateMethodology(JSON.parse(readFileSync(file, 'utf8')));
  if (!checked.ok) throw new Error('the shipped 2022 methodology is invalid');
  const regionId = (await findRegionId(source.handle.db, 'orenburg')) as number;
  await computeSnapshot(source.handle.db, {
    regionId,
    code: 'moved-2022',
    title: 'Перенесённый рейтинг 2022',
    period: '2022',
    asOf: '2023-02-16',
    methodology: checked.methodology,
    data: {
      units: [
        { code: 'buzulukskiy-district', name: 'Бузулукский район' },
        { code: 'komarovsky-zato', name: 'ЗАТО Комаровский' },
        { code: 'ilekskiy-district', name: 'Илекский район' },
      ],
      values: {
        sed_signed_share: [80.1, 99.1, 1 / 3],
        sed_active_staff_share: [70, 98.4, 60],
        pos_level: [94.1, 60, null],
        epgu_mass_services_share: [93.7, 70, 65],
      },
    },
    source: { document: 'Тест', table: null, note: null },
  });
  await publishSnapshot(source.handle.db, regionId, 'moved-2022', 'аналитик');
  // A report's attached file: every byte value, for the bytea column.
  const db = source.handle.db;
  const at = '2026-12-05T00:00:00.000Z';
  const unit = await db
    .selectFrom('municipality')
    .select('id')
    .where('code', '=', 'buzuluk-city')
    .executeTakeFirstOrThrow();
  const measure = await db
    .insertInto('plan_measure')
    .values({
      municipality_id: unit.id,
      year: 2026,
      title: 'Мероприятие',
      responsible_official_id: null,
      responsible_name: 'Иванов',
      responsible_position: 'глава',
      deadline: '2026-12-31',
      created_at: at,
      created_by: 'т',
      updated_at: at,
      updated_by: 'т',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const report = await db
    .insertInto('measure_report')
    .values({
      measure_id: measure.id,
      quarter: 4,
      status: 'done',
      comment: null,
      updated_at: at,
      updated_by: 'т',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('measure_attachment')
    .values({
      report_id: report.id,
      file_name: 'акт.bin',
      content_type: 'application/octet-stream',
      size: 256,
      sha256: 'x',
      content: ATTACHMENT,
      uploaded_at: at,
      uploaded_by: 'т',
    })
    .execute();
  return source;
}

describe.skipIf(!postgres)('munirank migrate-to-postgres', () => {
  it('moves the demo into an empty PostgreSQL database that serves the same portal and snapshots', async () => {
    if (!postgres) return;
    const source = await demoWithComputedRating();
    const target = await postgres.create({ migrate: false });
    try {
      const expected = await takeInventory(source.handle.db);
      const to = target.env.DATABASE_URL as string;
      const moved = await runCli(['migrate-to-postgres', '--to', to], source.env);
      expect(moved.stderr).toBe('');
      expect(moved.code).toBe(0);
      // 42 units, 99 observations, 3 snapshots (2 of the demo, 1 computed)
      expect(moved.stdout).toContain('  municipality: 42\n');
      expect(moved.stdout).toContain('  observation: 99\n');
      expect(moved.stdout).toContain('  rating_snapshot: 3\n');
      expect(moved.stdout).toContain('контрольные суммы 3 снимков совпали');
      expect(moved.stdout).not.toContain(':munirank@');

      const state = await takeInventory(target.handle.db);
      // the same rows and ids everywhere; the move itself is one more audit event
      expect(state).toEqual({
        ...expected,
        rowCounts: {
          ...expected.rowCounts,
          audit_event: (expected.rowCounts.audit_event ?? 0) + 1,
        },
      });
      expect(await checkSnapshotContent(target.handle.db)).toEqual([]);
      const attachment = await target.handle.db
        .selectFrom('measure_attachment')
        .select('content')
        .executeTakeFirstOrThrow();
      expect(Buffer.from(attachment.content).equals(Buffer.from(ATTACHMENT))).toBe(true);
      const audit = await target.handle.db
        .selectFrom('audit_event')
        .select(['action', 'entity_type'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({ action: 'database.migrate-to-postgres', entity_type: 'database' });

      // The same public portal, file by file (XLSX files carry the time they were written).
      const fromSqlite = await runCli(['portal', 'export', join(dir, 'sqlite')], source.env);
      const fromPostgres = await runCli(['portal', 'export', join(dir, 'postgres')], target.env);
      expect([fromSqlite.code, fromPostgres.code]).toEqual([0, 0]);
      const a = filesOf(join(dir, 'sqlite'));
      const b = filesOf(join(dir, 'postgres'));
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      expect(a.size).toBeGreaterThan(50);
      for (const [path, bytes] of a)
        if (!path.endsWith('.xlsx')) expect(b.get(path)?.equals(bytes), path).toBe(true);

      // The server on PostgreSQL: sequences continue after the copied ids; verify accepts the snapshot.
      const csv = join(dir, 'after.csv');
      writeFileSync(csv, 'ОМСУ;Показатель;Период;Значение\nг.Бузулук;esia_total;2030-01-01;7\n');
      const imported = await runCli(['import', csv, '--author', 'тест'], target.env);
      expect(imported.code).toBe(0);
      const ids = await target.handle.db
        .selectFrom('observation')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(ids.id).toBe((expected.rowCounts.observation ?? 0) + 1);
      const server = serveCli(target.env);
      try {
        const base = await server.address;
        const list = (await (await fetch(`${base}/api/snapshots`)).json()) as { code: string }[];
        expect(list.map((s) => s.code).sort()).toEqual([
          'moved-2022',
          'orenburg-2016-03-table1',
          'orenburg-2022-top10',
        ]);
        for (const { code } of list) {
          const download = (await (
            await fetch(`${base}/api/snapshots/${code}/download`)
          ).json()) as {
            contentHash: string;
            content: unknown;
          };
          expect(contentHash(canonicalJson(download.content))).toBe(download.contentHash);
          expect(Object.values(expected.snapshotHashes)).toContain(download.contentHash);
          const path = join(dir, `${code}.json`);
          writeFileSync(path, JSON.stringify(download));
          const verified = await runCli(['verify', path], {});
          if (code === 'moved-2022') {
            expect(verified.code).toBe(0);
            expect(verified.stdout).toContain('Снимок «moved-2022» подтверждён');
          } else expect(verified.stderr).toContain('перенесён из документа');
        }
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }

      // A second move into the now filled database is refused and changes nothing.
      const before = await takeInventory(target.handle.db);
      const again = await runCli(['migrate-to-postgres', '--to', to], source.env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(
        'не пуста, строки есть в таблицах: app_setting (1), audit_event (',
      );
      expect(again.stderr).toContain('Перенос выполняется только в пустую базу');
      expect(await takeInventory(target.handle.db)).toEqual(before);
    } finally {
      await target.dispose();
      await source.dispose();
    }
  });
});

import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { readConfig, sqliteFileIn } from '../../config.js';
import { openPostgres, openSqlite } from '../../db/connect.js';
import { copySqliteToPostgres } from '../../db/copy-to-postgres/copy-sqlite-to-postgres.js';
import { migrateToLatest } from '../../db/migrate.js';
import { recordAudit } from '../../server/features/access/audit.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { dataDirOption } from '../with-database.js';

async function migrateToPostgres(opts: { to: string; dataDir?: string }): Promise<void> {
  if (!/^postgres(ql)?:\/\//.test(opts.to))
    throw new Error(
      `--to: «${opts.to}» — ожидается адрес вида postgres://пользователь:пароль@сервер:5432/база`,
    );
  const file = sqliteFileIn(readConfig({ dataDir: opts.dataDir }).dataDir);
  if (!existsSync(file))
    throw new Error(`Встроенная база SQLite не найдена: ${file}. Укажите --data-dir.`);
  const source = openSqlite(file);
  const target = openPostgres(opts.to);
  try {
    await migrateToLatest(source.db);
    console.log(`Из: SQLite ${source.location}\nВ: PostgreSQL ${target.location}`);
    let rows = 0;
    const copied = await copySqliteToPostgres(source, target, {
      onTable: (table, n) => {
        rows += n;
        if (n > 0) console.log(`  ${table}: ${n}`);
      },
      audit: (trx, inventory) =>
        recordAudit(trx, {
          context: cliAuditContext(),
          action: 'database.migrate-to-postgres',
          entityType: 'database',
          after: { from: source.location, to: target.location, rowCounts: inventory.rowCounts },
        }),
    });
    console.log(
      `Перенесено строк: ${rows}. Сверено: число строк каждой таблицы и контрольные суммы ` +
        `${Object.keys(copied.snapshotHashes).length} снимков совпали. Запускайте munirank с ` +
        `DATABASE_URL=${target.location}; файл SQLite остаётся на месте, но больше не используется.`,
    );
  } finally {
    await source.close();
    await target.close();
  }
}

export function registerMigrateToPostgresCommand(program: Command): void {
  program
    .command('migrate-to-postgres')
    .description(
      'Перенести все данные встроенной базы SQLite в пустую базу PostgreSQL и сверить их',
    )
    .requiredOption(
      '--to <адрес>',
      'пустая база PostgreSQL: postgres://пользователь:пароль@сервер:5432/база',
    )
    .option(...dataDirOption)
    .action((opts: { to: string; dataDir?: string }) => migrateToPostgres(opts));
}

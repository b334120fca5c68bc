import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readConfig, sqliteFileIn } from '../../config.js';
import { createBackup } from '../../db/backup/create-backup.js';
import { restoreBackup } from '../../db/backup/restore-backup.js';
import { migrateToLatest } from '../../db/migrate.js';
import { backupFileName, backupsToDelete } from '../../domain/backup-retention.js';
import { recordAudit } from '../../server/features/access/audit.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { describeDatabase, openConfiguredDatabase } from '../open-configured-database.js';
import { dataDirOption } from '../with-database.js';

interface BackupOptions {
  dataDir?: string;
  dir?: string;
  keepDaily?: string;
  keepMonthly?: string;
}

function count(value: string | undefined, option: string): number {
  const n = Number(value ?? 0);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${option}: «${value}» — ожидается целое неотрицательное число`);
  return n;
}

function backupTarget(file: string | undefined, opts: BackupOptions): string {
  if (file && opts.dir) throw new Error('Укажите либо ФАЙЛ, либо --dir, но не оба сразу.');
  if (!file && !opts.dir)
    throw new Error('Укажите файл копии (munirank backup ФАЙЛ) или каталог (--dir КАТАЛОГ).');
  if (opts.dir) {
    mkdirSync(opts.dir, { recursive: true });
    return join(resolve(opts.dir), backupFileName(new Date()));
  }
  const target = resolve(file ?? '');
  if (existsSync(target)) throw new Error(`Файл ${target} уже существует: копия не записана.`);
  mkdirSync(dirname(target), { recursive: true });
  return target;
}

async function backup(file: string | undefined, opts: BackupOptions): Promise<void> {
  const keep = {
    daily: count(opts.keepDaily, '--keep-daily'),
    monthly: count(opts.keepMonthly, '--keep-monthly'),
  };
  if (!opts.dir && (opts.keepDaily || opts.keepMonthly))
    throw new Error('--keep-daily и --keep-monthly действуют только вместе с --dir.');
  const target = backupTarget(file, opts);
  const config = readConfig({ dataDir: opts.dataDir });
  const sqliteFile = sqliteFileIn(config.dataDir);
  if (!config.databaseUrl && !existsSync(sqliteFile))
    throw new Error(
      `Встроенная база SQLite не найдена: ${sqliteFile}. Укажите --data-dir или DATABASE_URL.`,
    );
  const handle = openConfiguredDatabase(config);
  try {
    const manifest = await createBackup(handle, target, config.databaseUrl);
    const rows = Object.values(manifest.rowCounts).reduce((s, n) => s + n, 0);
    console.log(`База данных: ${describeDatabase(handle)}`);
    console.log(
      `Резервная копия записана: ${target} (схема ${manifest.schemaVersion}, таблиц ` +
        `${Object.keys(manifest.rowCounts).length}, строк ${rows}, снимков ` +
        `${Object.keys(manifest.snapshotHashes).length}, SHA-256 данных ${manifest.dataSha256}).`,
    );
  } finally {
    await handle.close();
  }
  if (opts.dir && (keep.daily > 0 || keep.monthly > 0)) {
    for (const name of backupsToDelete(readdirSync(opts.dir), keep)) {
      rmSync(join(opts.dir, name));
      console.log(`Удалена старая копия: ${name}`);
    }
  }
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Записать согласованную резервную копию базы данных, не останавливая сервер')
    .argument('[ФАЙЛ]', 'файл копии (не должен существовать)')
    .option(
      '--dir <каталог>',
      'записать копию с датой и временем в имени в этот каталог (для расписания)',
    )
    .option('--keep-daily <N>', 'с --dir: оставить по последней копии за N последних дней')
    .option('--keep-monthly <M>', 'с --dir: оставить по последней копии за M последних месяцев')
    .option(...dataDirOption)
    .action((file: string | undefined, opts: BackupOptions) => backup(file, opts));
  program
    .command('restore')
    .description('Восстановить резервную копию в пустую базу данных (после проверки файла)')
    .argument('<ФАЙЛ>', 'файл копии, записанный munirank backup')
    .option(...dataDirOption)
    .action(async (file: string, opts: { dataDir?: string }) => {
      const config = readConfig({ dataDir: opts.dataDir });
      const manifest = await restoreBackup(resolve(file), {
        databaseUrl: config.databaseUrl,
        sqliteFile: sqliteFileIn(config.dataDir),
      });
      const handle = openConfiguredDatabase(config);
      try {
        const applied = (await migrateToLatest(handle.db)).results?.length ?? 0;
        await recordAudit(handle.db, {
          context: cliAuditContext(),
          action: 'database.restore',
          entityType: 'database',
          after: {
            file: resolve(file),
            createdAt: manifest.createdAt,
            schemaVersion: manifest.schemaVersion,
          },
        });
        console.log(`База данных: ${describeDatabase(handle)}`);
        console.log(
          `Копия от ${manifest.createdAt} восстановлена и сверена с описанием: строки всех таблиц ` +
            `и контрольные суммы ${Object.keys(manifest.snapshotHashes).length} снимков совпали.` +
            (applied > 0 ? ` Схема обновлена до текущей (миграций: ${applied}).` : ''),
        );
      } finally {
        await handle.close();
      }
    });
}

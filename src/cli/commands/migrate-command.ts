import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { migrateToLatest } from '../../db/migrate.js';
import { describeDatabase, openConfiguredDatabase } from '../open-configured-database.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Применить к базе данных все недостающие миграции схемы')
    .option('--data-dir <каталог>', 'каталог встроенной базы SQLite (по умолчанию ./data)')
    .action(async (opts: { dataDir?: string }) => {
      const handle = openConfiguredDatabase(readConfig({ dataDir: opts.dataDir }));
      try {
        const result = await migrateToLatest(handle.db);
        const applied = result.results?.filter((r) => r.status === 'Success') ?? [];
        console.log(`База данных: ${describeDatabase(handle)}`);
        console.log(
          applied.length === 0
            ? 'Схема актуальна, применять нечего.'
            : `Применены миграции:\n${applied.map((r) => `  ${r.migrationName}`).join('\n')}`,
        );
      } finally {
        await handle.close();
      }
    });
}

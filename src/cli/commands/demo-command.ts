import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import type { DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { findRegionId } from '../../db/repositories/region-repository.js';
import { wipeDatabase } from '../../db/wipe-database.js';
import { loadDemo } from '../../demo/load-demo.js';
import { readDemoDataset } from '../../demo/read-demo-dataset.js';
import { recordAudit } from '../../server/features/access/audit.js';
import {
  DEMO_BOUNDARIES,
  storeDemoBoundaries,
} from '../../server/features/boundaries/demo-boundaries.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { describeDatabase, openConfiguredDatabase } from '../open-configured-database.js';

/**
 * Loads the Orenburg demo unless it is there; prints each step as it completes. A load (or,
 * after `reset`, a reload) is the first event of the audit trail it starts.
 */
export async function ensureDemoLoaded(
  handle: DatabaseHandle,
  action: 'demo.load' | 'demo.reset' = 'demo.load',
): Promise<void> {
  const dataset = readDemoDataset();
  const delay = Number(process.env.MUNIRANK_DEMO_STEP_DELAY_MS ?? 0);
  const outcome = await loadDemo(handle.db, dataset, {
    stepDelayMs: delay,
    onProgress: (step) => console.log(`  демо-данные: ${step}`),
  });
  if (outcome === 'loaded') {
    await recordAudit(handle.db, {
      context: cliAuditContext(),
      action,
      entityType: 'region',
      entityId: dataset.region.code,
      after: { region: dataset.region.name },
    });
    const regionId = (await findRegionId(handle.db, dataset.region.code)) ?? -1;
    const map = await storeDemoBoundaries(handle.db, regionId, cliAuditContext());
    console.log(
      map
        ? `  демо-данные: границы для карты — ${map.matched.length} ОМСУ (OpenStreetMap)`
        : `  демо-данные: файла границ ${DEMO_BOUNDARIES} нет — карта портала покажет только таблицу`,
    );
  }
  console.log(
    outcome === 'loaded'
      ? `Демо-данные «${dataset.region.name}» загружены.`
      : `Демо-данные «${dataset.region.name}» уже загружены, ничего не изменено.`,
  );
}

export function registerDemoCommand(program: Command): void {
  const demo = program.command('demo').description('Демонстрационные данные Оренбургской области');
  demo
    .command('load')
    .description('Загрузить демо-данные (повторная загрузка ничего не меняет)')
    .option('--data-dir <каталог>', 'каталог встроенной базы SQLite (по умолчанию ./data)')
    .action(async (opts: { dataDir?: string }) => {
      const handle = openConfiguredDatabase(readConfig({ dataDir: opts.dataDir }));
      try {
        console.log(`База данных: ${describeDatabase(handle)}`);
        await migrateToLatest(handle.db);
        await ensureDemoLoaded(handle);
      } finally {
        await handle.close();
      }
    });
  demo
    .command('reset')
    .description('Удалить ВСЕ данные базы и загрузить демо-данные заново')
    .option('--data-dir <каталог>', 'каталог встроенной базы SQLite (по умолчанию ./data)')
    .option('--yes', 'подтвердить удаление всех данных')
    .action(async (opts: { dataDir?: string; yes?: boolean }) => {
      const handle = openConfiguredDatabase(readConfig({ dataDir: opts.dataDir }));
      try {
        if (!opts.yes) {
          console.error(
            `Команда удалит все данные в ${describeDatabase(handle)}. Повторите с --yes, чтобы подтвердить.`,
          );
          process.exitCode = 2;
          return;
        }
        await wipeDatabase(handle);
        await migrateToLatest(handle.db);
        await ensureDemoLoaded(handle, 'demo.reset');
      } finally {
        await handle.close();
      }
    });
}

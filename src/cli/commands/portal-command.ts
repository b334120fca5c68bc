import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { openConfiguredDatabase } from '../open-configured-database.js';

export function registerPortalCommand(program: Command): void {
  const portal = program.command('portal').description('Публичный портал');
  portal
    .command('export')
    .description(
      'Выгрузить публичный портал статическими файлами (страницы, открытые данные, карта, скрипты) в пустой каталог — для любого веб-сервера или CDN',
    )
    .argument('<каталог>', 'пустой (или новый) каталог')
    .option('--data-dir <каталог>', 'каталог встроенной базы SQLite (по умолчанию ./data)')
    .action(async (dir: string, opts: { dataDir?: string }) => {
      const config = readConfig({ dataDir: opts.dataDir });
      // The server loads only for this command, so that the other commands start fast.
      const { buildApp } = await import('../../server/app.js');
      const { exportPortal } = await import('../../server/features/portal/export-portal.js');
      const { DEFAULT_WEB_ROOT } = await import('../../server/web-assets.js');
      const handle = openConfiguredDatabase(config);
      const app = await buildApp({ db: handle.db, regionCode: config.regionCode });
      try {
        let last = 0;
        const result = await exportPortal(app, dir, DEFAULT_WEB_ROOT, (done, queued) => {
          if (Date.now() - last < 1000) return;
          last = Date.now();
          process.stderr.write(`портал: выгружено ${done} из ${queued} найденных адресов\n`);
        });
        console.log(
          `Портал выгружен в ${dir}: страниц ${result.pages}, файлов ${result.files} (${(result.bytes / 1024).toFixed(0)} КБ) и собранные скрипты и стили.`,
        );
      } finally {
        await app.close();
        await handle.close();
      }
    });
}

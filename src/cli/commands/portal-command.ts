import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { openConfiguredDatabase } from '../open-configured-database.js';
import { dataDirOption, withDatabase } from '../with-database.js';

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
  portal
    .command('licence')
    .description(
      'Показать строку о лицензии открытых данных в подвале портала или задать новую (записывается в журнал аудита)',
    )
    .argument(
      '[текст]',
      'новая строка, например «Данные — CC BY 4.0, ссылка на министерство обязательна»',
    )
    .option(...dataDirOption)
    .action(async (text: string | undefined, opts: { dataDir?: string }) => {
      const { readLicence, setLicence } = await import(
        '../../server/features/portal/portal-licence-service.js'
      );
      await withDatabase(opts.dataDir, async (handle, regionId) => {
        if (text === undefined) return console.log(await readLicence(handle.db));
        if (regionId === null)
          throw new Error(
            'Регион не найден в базе: загрузите данные (munirank demo load) или импорт',
          );
        const saved = await setLicence(handle.db, regionId, text, cliAuditContext());
        console.log(
          saved.changed
            ? `Строка о лицензии сохранена: ${saved.licence}`
            : `Строка о лицензии не изменилась: ${saved.licence}`,
        );
      });
    });
}

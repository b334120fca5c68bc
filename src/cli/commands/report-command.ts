import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { findRegionId } from '../../db/repositories/region-repository.js';
import type { CommissionFormat } from '../../documents/commission-report-file.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { openConfiguredDatabase } from '../open-configured-database.js';

function parseCommissionFormat(value: string): CommissionFormat {
  if (value !== 'docx' && value !== 'pdf')
    throw new Error(`формат «${value}»: допустимы docx и pdf`);
  return value;
}

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('Документы для комиссии');
  report
    .command('commission')
    .description(
      'Справка к заседанию комиссии: начало и конец рейтинга, изменения мест, выполнение плана с прогнозом, мероприятия; приложения — Таблица 1 и Таблица 2',
    )
    .requiredOption('--date <ГГГГ-ММ-ДД>', 'дата заседания')
    .option('--format <формат>', 'docx или pdf', parseCommissionFormat, 'docx')
    .option(
      '--output <файл>',
      'куда записать (по умолчанию «Справка к заседанию комиссии ДАТА.docx»)',
    )
    .option('--data-dir <каталог>', 'каталог встроенной базы SQLite (по умолчанию ./data)')
    .action(
      async (opts: {
        date: string;
        format: CommissionFormat;
        output?: string;
        dataDir?: string;
      }) => {
        const config = readConfig({ dataDir: opts.dataDir });
        // Documents and charts load only for this command, so that the other commands start fast.
        const { commissionFileName, commissionReportFile } = await import(
          '../../documents/commission-report-file.js'
        );
        const { gatherCommissionReport } = await import(
          '../../server/features/reports/commission-report-service.js'
        );
        const handle = openConfiguredDatabase(config);
        try {
          const regionId = await findRegionId(handle.db, config.regionCode);
          if (regionId === null)
            throw new Error(
              `регион «${config.regionCode}» не найден в базе данных: загрузите данные (munirank demo load)`,
            );
          const gathered = await gatherCommissionReport(
            handle.db,
            regionId,
            opts.date,
            cliAuditContext(),
          );
          const file = opts.output ?? commissionFileName(opts.date, opts.format);
          writeFileSync(file, await commissionReportFile(gathered, opts.format));
          console.log(`Справка записана: ${file}`);
        } finally {
          await handle.close();
        }
      },
    );
}

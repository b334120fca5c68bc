import type { Command } from 'commander';
import type { CrossCheckRow } from '../../domain/cross-check.js';
import { formatNumberRu } from '../../domain/russian-number-format.js';
import { crossCheckReport } from '../../server/features/crosscheck/crosscheck-service.js';
import { resolveDiscrepancy } from '../../server/features/crosscheck/resolution-service.js';
import { setCrossCheckTolerance } from '../../server/features/crosscheck/tolerance-service.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { dataDirOption, withDatabase } from '../with-database.js';

const number = (v: number | null) => (v === null ? '—' : formatNumberRu(v, 0));

/** One discrepancy: unit, indicator, period, report, extract, difference, provenance and age. */
export function discrepancyLine(r: CrossCheckRow): string {
  const percent = r.relativePercent === null ? '' : ` (${formatNumberRu(r.relativePercent, 2)} %)`;
  return [
    r.municipalityName,
    r.indicatorCode,
    r.period,
    `отчёт ОМСУ ${number(r.report.value)} — ${r.report.source}, ${r.report.author}, ${r.report.ageDays} дн.`,
    `${r.extract.sourceSystem} ${number(r.extract.value)} — ${r.extract.source}, ${r.extract.author}, ${r.extract.ageDays} дн.`,
    `разница ${number(r.difference)}${percent}`,
  ].join('\t');
}

const optionalNumber = (field: string, text: string | undefined): number | null => {
  if (text === undefined || text === '-') return null;
  const value = Number(text.replace(',', '.'));
  if (!Number.isFinite(value)) throw new Error(`Поле «${field}»: «${text}» — не число`);
  return value;
};

export function registerCrossCheckCommand(program: Command): void {
  const crosscheck = program
    .command('crosscheck')
    .description('Сверка источников: отчёты ОМСУ против выгрузок систем-источников');

  crosscheck
    .command('list')
    .description('Расхождения источников за месяц (по умолчанию только неразрешённые)')
    .requiredOption('-p, --period <ГГГГ-ММ>', 'месяц')
    .option('--all', 'все сравнения, в том числе в пределах допуска и разрешённые')
    .option(...dataDirOption)
    .action(async (opts: { period: string; all?: boolean; dataDir?: string }) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.period))
        throw new Error(`Поле «--period»: «${opts.period}» — не месяц ГГГГ-ММ`);
      await withDatabase(opts.dataDir, async (handle, regionId) => {
        if (regionId === null) throw new Error('Регион не найден в базе');
        const report = await crossCheckReport(handle.db, regionId, opts.period, cliAuditContext());
        const rows = opts.all ? report.rows : report.rows.filter((r) => r.status === 'open');
        console.log(`Расхождения источников за ${opts.period}: открытых ${report.open}`);
        for (const r of rows)
          console.log(`${opts.all ? `${r.status}\t` : ''}${discrepancyLine(r)}`);
      });
    });

  crosscheck
    .command('tolerance <показатель>')
    .description('Задать допуск расхождения для показателя (записывается в журнал аудита)')
    .option('--absolute <число>', 'допуск в единицах показателя («-» — не задан)')
    .option('--percent <число>', 'допуск в процентах от значения отчёта («-» — не задан)')
    .option(...dataDirOption)
    .action(
      async (
        indicator: string,
        opts: { absolute?: string; percent?: string; dataDir?: string },
      ) => {
        const input = {
          absolute: optionalNumber('--absolute', opts.absolute),
          relativePercent: optionalNumber('--percent', opts.percent),
        };
        await withDatabase(opts.dataDir, async (handle, regionId) => {
          if (regionId === null) throw new Error('Регион не найден в базе');
          const t = await setCrossCheckTolerance(
            handle.db,
            regionId,
            indicator,
            input,
            cliAuditContext(),
          );
          console.log(
            `Допуск для ${t.indicatorCode}: ${t.absolute ?? '—'} ${t.unit}; ${t.relativePercent ?? '—'} %`,
          );
        });
      },
    );

  crosscheck
    .command('resolve <омсу> <показатель>')
    .description(
      'Выбрать засчитываемое значение открытого расхождения (записывается в журнал аудита)',
    )
    .requiredOption('-p, --period <ГГГГ-ММ>', 'месяц')
    .requiredOption('--choose <источник>', 'report — отчёт ОМСУ, extract — выгрузка системы')
    .requiredOption('--reason <текст>', 'почему засчитывается выбранное значение')
    .option(...dataDirOption)
    .action(
      async (
        unit: string,
        indicator: string,
        opts: { period: string; choose: string; reason: string; dataDir?: string },
      ) => {
        if (opts.choose !== 'report' && opts.choose !== 'extract')
          throw new Error(
            `Поле «--choose»: «${opts.choose}» — нужно report (отчёт ОМСУ) или extract (выгрузка)`,
          );
        const choice = opts.choose;
        await withDatabase(opts.dataDir, async (handle, regionId) => {
          if (regionId === null) throw new Error('Регион не найден в базе');
          const context = cliAuditContext();
          const report = await crossCheckReport(handle.db, regionId, opts.period, context);
          const row = report.rows.find(
            (r) =>
              r.status === 'open' &&
              r.indicatorCode === indicator &&
              (r.municipalityCode === unit || r.municipalityName === unit),
          );
          if (!row)
            throw new Error(
              `Открытого расхождения «${unit}» × «${indicator}» за ${opts.period} нет: список — munirank crosscheck list --period ${opts.period}`,
            );
          const result = await resolveDiscrepancy(
            handle.db,
            regionId,
            {
              observationId: row.observationId,
              reportRevision: row.report.revision,
              extractRevision: row.extract.revision,
              choice,
              reason: opts.reason,
            },
            context,
          );
          console.log(
            `Засчитано значение ${choice === 'report' ? 'отчёта ОМСУ' : 'выгрузки'} ${number(result.chosenValue)}: ${row.municipalityName}, ${row.indicatorCode}, ${row.period}${result.writtenRevision === null ? ' (уже действовало)' : `; версия ${result.writtenRevision}`}`,
          );
        });
      },
    );
}

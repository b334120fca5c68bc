import type { Command } from 'commander';
import { listIndicators } from '../../db/repositories/indicator-repository.js';
import {
  DIRECTION_LABELS,
  INDICATOR_FIELD_LABELS,
  type IndicatorPassportFields,
  type IndicatorView,
  PERIODICITY_LABELS,
} from '../../domain/indicator-passport.js';
import {
  createIndicator,
  editIndicator,
  readIndicator,
} from '../../server/features/indicators/indicator-service.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { dataDirOption, inRegion } from '../with-database.js';

interface PassportOptions {
  name?: string;
  unit?: string;
  direction?: string;
  periodicity?: string;
  source?: string;
  min?: string;
  max?: string;
  decimals?: string;
  description?: string;
  formula?: string;
  dataDir?: string;
}

function oneOf<K extends string>(
  field: 'direction' | 'periodicity',
  value: string,
  labels: Record<K, string>,
): K {
  if (!Object.hasOwn(labels, value))
    throw new Error(
      `Поле «${INDICATOR_FIELD_LABELS[field]}»: «${value}» не подходит, допустимы ${Object.keys(labels).join(', ')}`,
    );
  return value as K;
}

function numberOf(field: 'rangeMin' | 'rangeMax' | 'decimals', text: string): number | null {
  if (text.trim() === '' || text === '-') return null;
  const value = Number(text.replace(',', '.'));
  if (!Number.isFinite(value))
    throw new Error(`Поле «${INDICATOR_FIELD_LABELS[field]}»: «${text}» — не число`);
  return value;
}

/** The passport `base` with the options given on the command line applied; «-» clears a field. */
function applyOptions(base: IndicatorPassportFields, o: PassportOptions): IndicatorPassportFields {
  const text = (v: string | undefined, old: string | null) =>
    v === undefined ? old : v === '-' ? null : v;
  return {
    name: o.name ?? base.name,
    unit: o.unit ?? base.unit,
    direction:
      o.direction === undefined
        ? base.direction
        : oneOf('direction', o.direction, DIRECTION_LABELS),
    periodicity:
      o.periodicity === undefined
        ? base.periodicity
        : oneOf('periodicity', o.periodicity, PERIODICITY_LABELS),
    sourceSystem: text(o.source, base.sourceSystem),
    rangeMin: o.min === undefined ? base.rangeMin : numberOf('rangeMin', o.min),
    rangeMax: o.max === undefined ? base.rangeMax : numberOf('rangeMax', o.max),
    decimals: o.decimals === undefined ? base.decimals : (numberOf('decimals', o.decimals) ?? 0),
    description: text(o.description, base.description),
    formula: text(o.formula, base.formula),
  };
}

/** One line of a passport: code, name, unit, range, version, formula. */
export const indicatorLine = (i: IndicatorView): string =>
  [
    i.code,
    i.name,
    i.unit,
    `${i.rangeMin ?? '…'}—${i.rangeMax ?? '…'}`,
    `версия ${i.version}`,
    i.formula ?? '',
  ].join('\t');

const withPassportOptions = (command: Command) =>
  command
    .option('-n, --name <наименование>', 'наименование')
    .option('-u, --unit <единица>', 'единица измерения')
    .option('--direction <направление>', 'higher_better или lower_better')
    .option('--periodicity <периодичность>', 'monthly, quarterly, annual или on_date')
    .option('--source <система>', 'система-источник («-» — убрать)')
    .option('--min <число>', 'допустимый минимум («-» — без минимума)')
    .option('--max <число>', 'допустимый максимум («-» — без максимума)')
    .option('--decimals <n>', 'знаков после запятой')
    .option('--description <текст>', 'описание («-» — убрать)')
    .option(
      '-f, --formula <формула>',
      'формула производного показателя («-» — вводимый показатель)',
    )
    .option(...dataDirOption);

export function registerIndicatorCommand(program: Command): void {
  const indicator = program
    .command('indicator')
    .description('Паспорта показателей (изменения записываются в журнал аудита)');

  indicator
    .command('list')
    .description('Показатели региона: код, наименование, единица, диапазон, формула')
    .option(...dataDirOption)
    .action(async (opts: { dataDir?: string }) => {
      await inRegion(opts.dataDir, async (handle, regionId) => {
        for (const i of await listIndicators(handle.db, regionId))
          console.log(
            [
              i.code,
              i.name,
              i.unit,
              `${i.range_min ?? '…'}—${i.range_max ?? '…'}`,
              i.formula ?? '',
            ].join('\t'),
          );
      });
    });

  withPassportOptions(
    indicator.command('create <код>').description('Создать паспорт показателя'),
  ).action(async (code: string, opts: PassportOptions) => {
    if (opts.name === undefined || opts.unit === undefined)
      throw new Error('Укажите наименование (--name) и единицу измерения (--unit)');
    const empty: IndicatorPassportFields = {
      name: '',
      unit: '',
      direction: 'higher_better',
      periodicity: 'monthly',
      sourceSystem: null,
      rangeMin: null,
      rangeMax: null,
      decimals: 1,
      description: null,
      formula: null,
    };
    await inRegion(opts.dataDir, async (handle, regionId) => {
      const view = await createIndicator(
        handle.db,
        regionId,
        { code, ...applyOptions(empty, opts) },
        cliAuditContext(),
      );
      console.log(`Создано: ${indicatorLine(view)}`);
    });
  });

  withPassportOptions(
    indicator
      .command('edit <код>')
      .description(
        'Изменить паспорт: указанное заменяет записанное; паспорт опубликованной методики сохраняется как версия',
      ),
  ).action(async (code: string, opts: PassportOptions) => {
    await inRegion(opts.dataDir, async (handle, regionId) => {
      const context = cliAuditContext();
      const current = await readIndicator(handle.db, regionId, code, context);
      const view = await editIndicator(
        handle.db,
        regionId,
        code,
        { ...applyOptions(current, opts), expectedVersion: current.version },
        context,
      );
      console.log(`Изменено: ${indicatorLine(view)}`);
      if (view.versions.length > current.versions.length)
        console.log(
          `Паспорт используется опубликованным рейтингом «${view.usedBySnapshot}»: прежняя версия ${current.version} сохранена.`,
        );
    });
  });
}

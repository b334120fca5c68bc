import { type Command, Option } from 'commander';
import { PLAN_STATUS_LABELS } from '../../domain/plan-month.js';
import {
  type ManualTargetInput,
  PLAN_RULE_KINDS,
  type PlanRuleInput,
  type PlanTargets,
  TARGET_ORIGIN_LABELS,
} from '../../domain/plan-targets.js';
import { computePlanMonth } from '../../server/features/plans/plan-month-service.js';
import { setManualTarget, setPlanRule } from '../../server/features/plans/plan-rule-service.js';
import { planTargetsOf } from '../../server/features/plans/plan-targets-service.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { dataDirOption, inRegion } from '../with-database.js';
import { addOutputOptions, writeOutput } from '../write-output.js';

interface PlanOptions {
  indicator: string;
  year: number;
  dataDir?: string;
}
type OutputOptions = { format: 'csv' | 'json'; output?: string; excel?: boolean };

function year(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2100)
    throw new Error(`--year: «${value}» — ожидается год от 2000 до 2100`);
  return n;
}

function amount(option: string) {
  return (value: string): number => {
    const n = Number(value.replace(/\s/g, '').replace(',', '.'));
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`${option}: «${value}» — ожидается неотрицательное число`);
    return n;
  };
}

/** Every plan command names the indicator and the year. */
const planOptions = (command: Command): Command =>
  command
    .requiredOption(
      '--indicator <код>',
      'код показателя, на который задан план (например esia_total)',
    )
    .requiredOption('--year <год>', 'год плана', year)
    .option(...dataDirOption);

const format = (value: number | null) =>
  value === null ? '—' : String(Math.round(value * 100) / 100);

function printTargets(targets: PlanTargets): void {
  console.log(
    targets.rule
      ? `Правило на ${targets.year} год: ${targets.rule.description} (ежемесячный показатель ${targets.rule.monthlyIndicator})`
      : `Правило на ${targets.year} год не задано.`,
  );
  const set = targets.rows.filter((r) => r.target !== null);
  console.log(`Целевые показатели рассчитаны для ОМСУ: ${set.length}.`);
  if (targets.problems.length > 0) {
    console.log(`Без целевого показателя (${targets.problems.length}):`);
    for (const p of targets.problems) console.log(`  ${p.municipality.name}: ${p.message}`);
  }
}

/** Sets (or with null clears) one municipality's hand-set target and says what it now is. */
async function setTargetOf(code: string, opts: PlanOptions, input: ManualTargetInput | null) {
  await inRegion(opts.dataDir, async (handle, regionId) => {
    const targets = await setManualTarget(
      handle.db,
      regionId,
      opts.indicator,
      opts.year,
      code,
      input,
      cliAuditContext(),
    );
    const row = targets.rows.find((r) => r.municipality.code === code);
    const origin = row?.origin ? TARGET_ORIGIN_LABELS[row.origin] : 'не рассчитан';
    const byRule = row?.origin === 'manual' ? `; по правилу ${format(row.ruleTarget)}` : '';
    console.log(
      `${row?.municipality.name ?? code}: целевой показатель ${format(row?.target ?? null)} (${origin}${byRule}).`,
    );
  });
}

export function registerPlanCommand(program: Command): void {
  const plan = program
    .command('plan')
    .description(
      'Планы: правила целевых показателей, целевые показатели ОМСУ, выполнение за месяц',
    );

  addOutputOptions(
    planOptions(plan.command('targets').description('Целевые показатели всех ОМСУ на год')),
  ).action(async (opts: PlanOptions & OutputOptions) => {
    await inRegion(opts.dataDir, async (handle, regionId) => {
      const targets = await planTargetsOf(handle.db, regionId, opts.indicator, opts.year);
      writeOutput(
        targets.rows.map((r) => ({
          код: r.municipality.code,
          ОМСУ: r.municipality.name,
          'на начало года': r.startOfYear,
          'справочное значение': r.reference?.value ?? null,
          'по правилу': r.ruleTarget,
          'целевой показатель': r.target,
          источник: r.origin === null ? 'не рассчитан' : TARGET_ORIGIN_LABELS[r.origin],
        })),
        opts,
        targets,
      );
    });
  });

  const rule = plan.command('rule').description('Правило целевых показателей на год');
  planOptions(
    rule
      .command('set')
      .description(
        'Задать правило: доля справочного значения (share), абсолютное значение (absolute) или прирост к началу года (growth)',
      ),
  )
    .addOption(
      new Option('--kind <вид>', 'вид правила').choices([...PLAN_RULE_KINDS]).makeOptionMandatory(),
    )
    .requiredOption(
      '--value <число>',
      'процент (share, growth) или значение (absolute)',
      amount('--value'),
    )
    .addOption(
      new Option('--reference <вид>', 'справочное значение для share').choices([
        'econ_active_14_72',
        'population',
      ]),
    )
    .requiredOption('--monthly <код>', 'код ежемесячного показателя (например esia_new)')
    .action(
      async (
        opts: PlanOptions & {
          kind: PlanRuleInput['kind'];
          value: number;
          reference?: 'econ_active_14_72' | 'population';
          monthly: string;
        },
      ) => {
        await inRegion(opts.dataDir, async (handle, regionId) => {
          const targets = await setPlanRule(
            handle.db,
            regionId,
            opts.indicator,
            opts.year,
            {
              kind: opts.kind,
              value: opts.value,
              referenceKind: opts.reference ?? null,
              monthlyIndicator: opts.monthly,
            },
            cliAuditContext(),
          );
          printTargets(targets);
        });
      },
    );
  planOptions(
    rule.command('clear').description('Удалить правило (заданные вручную значения остаются)'),
  ).action(async (opts: PlanOptions) => {
    await inRegion(opts.dataDir, async (handle, regionId) => {
      printTargets(
        await setPlanRule(handle.db, regionId, opts.indicator, opts.year, null, cliAuditContext()),
      );
    });
  });

  const target = plan
    .command('target')
    .description('Целевой показатель одного ОМСУ, заданный вручную');
  planOptions(
    target
      .command('set <код-ОМСУ>')
      .description('Задать целевой показатель вручную: он имеет приоритет над правилом'),
  )
    .requiredOption('--value <число>', 'значение на конец года', amount('--value'))
    .option('--start <число>', 'значение на начало года', amount('--start'))
    .action((code: string, opts: PlanOptions & { value: number; start?: number }) =>
      setTargetOf(code, opts, {
        target: opts.value,
        ...(opts.start === undefined ? {} : { startOfYear: opts.start }),
      }),
    );
  planOptions(
    target.command('clear <код-ОМСУ>').description('Снять заданный вручную целевой показатель'),
  ).action((code: string, opts: PlanOptions) => setTargetOf(code, opts, null));

  addOutputOptions(
    plan
      .command('execution')
      .description('Таблица 2 за месяц: выполнение плана, прогноз на конец года и статус')
      .requiredOption('--indicator <код>', 'код показателя плана (например esia_total)')
      .requiredOption('--month <ГГГГ-ММ>', 'последний месяц, например 2017-03')
      .option('--municipalities <коды>', 'коды ОМСУ через запятую (по умолчанию все с планом)')
      .option(...dataDirOption),
  ).action(
    async (
      opts: {
        indicator: string;
        month: string;
        municipalities?: string;
        dataDir?: string;
      } & OutputOptions,
    ) => {
      await inRegion(opts.dataDir, async (handle, regionId) => {
        const report = await computePlanMonth(handle.db, regionId, {
          indicatorCode: opts.indicator,
          month: opts.month,
          municipalityCodes: opts.municipalities?.split(',').map((c) => c.trim()),
        });
        writeOutput(
          report.rows.map((r) => {
            const value = (key: string) => r.figures.find((f) => f.key === key)?.computed ?? null;
            return {
              код: r.municipality.code,
              ОМСУ: r.municipality.name,
              'на начало года': r.inputs.startOfYear,
              [`за ${opts.month}`]: r.inputs.monthly.at(-1)?.count ?? null,
              'цель на конец года': r.inputs.targetYearEnd,
              'цель на год (прирост)': value('year_increment'),
              'план на месяц': value('monthly_plan'),
              '% за месяц': value(`month_percent:${opts.month}`),
              '% с начала года': value('ytd_percent'),
              'прогноз прироста': r.forecast.value,
              'метод прогноза': r.forecast.method,
              '% плана по прогнозу': r.forecast.percentOfPlan,
              статус:
                r.forecast.status === null ? null : PLAN_STATUS_LABELS[r.forecast.status].label,
            };
          }),
          opts,
          report,
        );
      });
    },
  );
}

import type { ColumnMapping } from '../domain/import-mapping.js';
import { headerMatches, type LocatedHeader, locateHeader } from './locate-header.js';
import type { IndicatorMatcher } from './match-indicator.js';
import { parsePeriod } from './parse-period.js';
import { type PeriodColumn, periodPart } from './period-cells.js';
import type { RawTable } from './raw-table.js';
import type { IndicatorPassport } from './validate-value.js';

export interface Column {
  index: number;
  label: string;
}

/** A column of values: its indicator, and its period when the column itself names one. */
export interface Target {
  column: Column;
  indicator: IndicatorPassport | null;
  period: string | null;
}

/** Where the parts of a table are, once its header row is found. */
export interface Layout {
  header: LocatedHeader;
  unit: Column;
  columns: Target[];
  /** Columns that hold each row's period (one, or «Год» beside «Месяц»). */
  periods: PeriodColumn[];
  long: { indicator: Column; value: Column } | null;
  /** Wide headers that look like an indicator the registry does not know yet. */
  unknownHeaders: Column[];
  missingColumns: string[];
}

export const findColumn = (labels: string[], reference: string | undefined): Column | null => {
  if (reference === undefined) return null;
  const index = labels.findIndex((l) => headerMatches(l, reference));
  return index === -1 ? null : { index, label: labels[index] ?? reference };
};

/** Every column a reference names (a table may split its period into «Год» and «Месяц»). */
function findPeriodColumns(
  labels: string[],
  reference: string | undefined,
  taken: ReadonlySet<number>,
): PeriodColumn[] {
  if (reference === undefined) return [];
  return labels.flatMap((label, index) =>
    !taken.has(index) && headerMatches(label, reference)
      ? [{ index, label, part: periodPart(label) }]
      : [],
  );
}

/**
 * Finds the header row and gives each column its role under a mapping: the unit column, the
 * period columns, and the value columns with their indicators (a long table: one value
 * column, the indicator named in each row).
 */
export function findLayout(
  table: RawTable,
  mapping: ColumnMapping,
  indicators: IndicatorMatcher,
): Layout | null {
  if (mapping.format === 'long') {
    const header = locateHeader(table, (labels) =>
      [mapping.unitColumn, mapping.indicatorColumn, mapping.valueColumn].every(
        (r) => findColumn(labels, r) !== null,
      ),
    );
    if (!header) return null;
    const unit = findColumn(header.labels, mapping.unitColumn);
    const indicator = findColumn(header.labels, mapping.indicatorColumn);
    const value = findColumn(header.labels, mapping.valueColumn);
    if (!unit || !indicator || !value) return null;
    const taken = new Set([unit.index, indicator.index, value.index]);
    return {
      header,
      unit,
      long: { indicator, value },
      columns: [{ column: value, indicator: null, period: null }],
      periods: findPeriodColumns(header.labels, mapping.periodColumn, taken),
      unknownHeaders: [],
      missingColumns: [],
    };
  }
  const wideTargets = (labels: string[], unitIndex: number) => {
    if (mapping.columns) {
      return mapping.columns.map((c) => ({
        ref: c.column,
        column: findColumn(labels, c.column),
        indicator: indicators.byCode.get(c.indicator) ?? null,
        period: c.period === undefined ? null : parsePeriod(c.period),
      }));
    }
    const periods = new Set(
      findPeriodColumns(labels, mapping.periodColumn, new Set()).map((p) => p.index),
    );
    return labels.flatMap((label, index) => {
      if (label === '' || index === unitIndex || periods.has(index)) return [];
      const i = indicators.match(label);
      return i ? [{ ref: label, column: { index, label }, indicator: i, period: null }] : [];
    });
  };
  // A header with only columns the registry does not know by name is still the header: its
  // columns are then asked about instead of the whole table being «without a header».
  const header = locateHeader(table, (labels) => {
    const unit = findColumn(labels, mapping.unitColumn);
    if (unit === null) return false;
    if (wideTargets(labels, unit.index).some((t) => t.column !== null)) return true;
    return !mapping.columns && labels.some((l, i) => i !== unit.index && indicators.resembles(l));
  });
  if (!header) return null;
  const unit = findColumn(header.labels, mapping.unitColumn);
  if (!unit) return null;
  const targets = wideTargets(header.labels, unit.index);
  const missing = targets.filter((t) => t.column === null).map((t) => t.ref);
  for (const [k, t] of targets.entries()) {
    const spec = mapping.columns?.[k];
    if (spec && !t.indicator)
      missing.push(`${spec.column} → неизвестный показатель «${spec.indicator}»`);
    if (spec?.period !== undefined && t.period === null)
      missing.push(`${spec.column} → период «${spec.period}» не распознан`);
  }
  const columns = targets.filter(
    (t): t is Target & { ref: string } => t.column !== null && t.indicator !== null,
  );
  const taken = new Set([unit.index, ...columns.map((c) => c.column.index)]);
  const periods = findPeriodColumns(header.labels, mapping.periodColumn, taken);
  for (const p of periods) taken.add(p.index);
  return {
    header,
    unit,
    long: null,
    columns,
    periods,
    unknownHeaders: mapping.columns
      ? []
      : header.labels.flatMap((label, index) =>
          !taken.has(index) && indicators.resembles(label) ? [{ index, label }] : [],
        ),
    missingColumns: missing,
  };
}

import type { ColumnMapping } from '../domain/import-mapping.js';
import type { InputProblem } from './input-problem.js';
import { buildIndicatorMatcher } from './match-indicator.js';
import type { MatchCandidate, MunicipalityMatcher } from './match-municipality.js';
import { parsePeriod } from './parse-period.js';
import { readPeriodCells } from './period-cells.js';
import type { RawTable } from './raw-table.js';
import {
  describeBadPeriod,
  describeMissingHeader,
  describeUnknownHeader,
  describeUnknownIndicator,
  describeUnknownUnit,
} from './read-problem-messages.js';
import { SeenValues } from './seen-values.js';
import { type Column, findLayout } from './table-layout.js';
import { isTotalLabel } from './total-row.js';
import { checkValue, type IndicatorPassport } from './validate-value.js';

/** The region's registry as an import sees it. */
export interface ImportRegistry {
  matcher: MunicipalityMatcher;
  unitIds: Map<string, number>;
  indicators: IndicatorPassport[];
}

/** One value read from a table, matched and checked, with where it came from. */
export interface ParsedObservation {
  row: number;
  municipalityId: number;
  indicatorId: number;
  period: string;
  value: number;
}

/** A spelling the registry does not know (a unit's name, an indicator's name or header). */
export interface UnknownName {
  name: string;
  rows: number[];
  candidates: MatchCandidate[];
}

/** A value column of a wide table and the indicator it was read as. */
export interface ReadColumn {
  column: string;
  indicator: { code: string; name: string };
  period: string | null;
}

export interface ReadObservationsResult {
  values: ParsedObservation[];
  /** Cells left empty or `—`: nothing to record, nothing deleted. */
  missing: number;
  problems: InputProblem[];
  /** Every problem counted, also those beyond the `problems` list's cap. */
  problemCount: number;
  unknownNames: UnknownName[];
  /** Indicator names and headers the registry does not know; rows empty for a header. */
  unknownIndicators: UnknownName[];
  /** Wide tables: which column was read as which indicator. */
  columns: ReadColumn[];
  /** Header labels of columns the mapping does not use. */
  ignoredColumns: string[];
  /** Total rows («Итого», «Всего по области»): skipped, listed here. */
  totalRows: { row: number; name: string }[];
  /** Values an XLSX file stores as a formula's cached result: how many, and the first cells. */
  formulaValues: { count: number; cells: { row: number; column: string }[] };
  /** 1-based row/line of the header, null when none was found. */
  headerRow: number | null;
}

const MAX_LISTED_PROBLEMS = 500;
const MAX_LISTED_FORMULAS = 20;
/** Rows between two steps of readObservationsInSteps (a power of two). */
const VALUES_STEP = 1 << 15;
/** Marks a total row among the names already seen (ids are positive). */
const TOTAL = -1;

/**
 * Gives meaning to a raw table under a column mapping: finds the header, reads every row into
 * unit × indicator × period × value, matches names, checks values against the passports, and
 * collects every problem with file · row · column. Duplicates with different values are
 * problems; identical duplicates count once. Pure: the registry comes in as data.
 */
export function readObservations(
  table: RawTable,
  mapping: ColumnMapping,
  registry: ImportRegistry,
  options: { period?: string | undefined } = {},
): ReadObservationsResult {
  const steps = readObservationsInSteps(table, mapping, registry, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

const emptyResult = (): ReadObservationsResult => ({
  values: [],
  missing: 0,
  problems: [],
  problemCount: 0,
  unknownNames: [],
  unknownIndicators: [],
  columns: [],
  ignoredColumns: [],
  totalRows: [],
  formulaValues: { count: 0, cells: [] },
  headerRow: null,
});

/** Collects unknown spellings with every row they occur in; candidates are looked up once. */
function unknownSpellings(candidatesOf: (text: string) => MatchCandidate[]) {
  const byText = new Map<string, UnknownName>();
  return {
    add(text: string, row: number | null): UnknownName {
      let entry = byText.get(text);
      if (!entry) {
        entry = { name: text, rows: [], candidates: candidatesOf(text) };
        byText.set(text, entry);
      }
      if (row !== null) entry.rows.push(row);
      return entry;
    },
    list: () => [...byText.values()],
  };
}

/**
 * readObservations a step at a time: yields the values read so far every VALUES_STEP rows
 * (the array grows; earlier entries never change), so that a caller may pass them on, and
 * let other work run, while the rest of the table is read; returns the whole result.
 *
 * @example for (let s = steps.next(); !s.done; s = steps.next()) send(s.value);
 */
export function* readObservationsInSteps(
  table: RawTable,
  mapping: ColumnMapping,
  registry: ImportRegistry,
  options: { period?: string | undefined } = {},
): Generator<readonly ParsedObservation[], ReadObservationsResult> {
  const result = emptyResult();
  const problem = (row: number | null, column: string | null, message: string) => {
    result.problemCount += 1;
    if (result.problems.length < MAX_LISTED_PROBLEMS)
      result.problems.push({ file: table.file, row, column, message });
  };
  if (table.rows.length === 0) {
    problem(null, null, 'файл пуст: в нём нет ни одной строки с данными');
    return result;
  }

  const indicators = buildIndicatorMatcher(registry.indicators, mapping.indicatorNames);
  const layout = findLayout(table, mapping, indicators);
  if (!layout) {
    problem(null, null, describeMissingHeader(mapping));
    return finish(result, table);
  }
  const { header, unit, columns, periods } = layout;
  result.headerRow = table.rows.at(header.index)?.line ?? null;
  const used = new Set<number>([
    unit.index,
    ...columns.map((c) => c.column.index),
    ...periods.map((p) => p.index),
    ...layout.unknownHeaders.map((c) => c.index),
    ...(layout.long ? [layout.long.indicator.index] : []),
  ]);
  result.ignoredColumns = header.labels.filter((l, i) => l !== '' && !used.has(i));
  if (!layout.long)
    result.columns = columns.map((c) => ({
      column: c.column.label,
      indicator: { code: c.indicator?.code ?? '', name: c.indicator?.name ?? '' },
      period: c.period,
    }));
  const unknownIndicators = unknownSpellings((text) => indicators.candidates(text));
  for (const c of layout.unknownHeaders)
    problem(
      result.headerRow,
      c.label,
      describeUnknownHeader(c.label, unknownIndicators.add(c.label, null).candidates),
    );
  for (const c of layout.missingColumns)
    problem(result.headerRow, c, 'графа из сопоставления не найдена в строке заголовка');

  const defaultPeriod = options.period ?? mapping.period;
  const fixedPeriod = defaultPeriod === undefined ? null : parsePeriod(defaultPeriod);
  if (defaultPeriod !== undefined && fixedPeriod === null)
    problem(null, null, describeBadPeriod(defaultPeriod));
  const needsPeriod = columns.some((c) => c.period === null);
  if (needsPeriod && periods.length === 0 && defaultPeriod === undefined)
    problem(
      null,
      null,
      'не указан период значений: в таблице нет графы периода («Период», «Дата», «Месяц», «Год») — задайте --period (например, 2017-03) или период в сопоставлении граф',
    );

  const unknownUnits = unknownSpellings((text) => registry.matcher.candidates(text));
  const seen = new SeenValues(registry.unitIds);
  const periodCache = new Map<string, string | null>();
  const readPeriod = (text: string) => {
    let p = periodCache.get(text);
    if (p === undefined) {
      p = parsePeriod(text);
      periodCache.set(text, p);
    }
    return p;
  };
  // Names seen before: a unit's id, or TOTAL for a total row. Unknown names are not kept,
  // so that each of their rows is reported.
  const knownUnits = new Map<string, number>();
  // Rows of one unit usually follow each other: its name is then the same text as above.
  let lastUnitText: string | undefined;
  let lastUnitId: number | undefined;

  for (let r = header.dataStart; r < table.rows.length; r += 1) {
    if ((r & (VALUES_STEP - 1)) === 0) yield result.values;
    const row = table.rows.at(r);
    if (!row) continue;
    const unitText = row.cells[unit.index];
    if (unitText === undefined || unitText === '') {
      // «Итого» often stands in the first column, beside an empty name.
      const total = row.cells.find(isTotalLabel);
      if (total !== undefined) result.totalRows.push({ row: row.line, name: total });
      else problem(row.line, unit.label, 'не указано муниципальное образование');
      continue;
    }
    let municipalityId = unitText === lastUnitText ? lastUnitId : knownUnits.get(unitText);
    if (municipalityId === TOTAL) {
      result.totalRows.push({ row: row.line, name: unitText });
      continue;
    }
    if (municipalityId === undefined) {
      if (isTotalLabel(unitText)) {
        knownUnits.set(unitText, TOTAL);
        result.totalRows.push({ row: row.line, name: unitText });
        continue;
      }
      const code = unitText.startsWith('=') ? null : registry.matcher.match(unitText);
      municipalityId = code === null ? undefined : registry.unitIds.get(code);
      if (municipalityId !== undefined) knownUnits.set(unitText, municipalityId);
    }
    lastUnitText = unitText;
    lastUnitId = municipalityId;
    if (municipalityId === undefined) {
      const entry = unknownUnits.add(unitText, row.line);
      problem(row.line, unit.label, describeUnknownUnit(unitText, entry.candidates));
    }
    // The row's period, else the file's; null after a problem (the row's other cells are
    // still checked, so that every problem of the row is listed at once).
    let rowPeriod = fixedPeriod;
    if (needsPeriod && periods.length > 0) {
      const read = readPeriodCells(periods, row.cells, readPeriod);
      if (read?.ok) rowPeriod = read.period;
      else if (read) {
        problem(row.line, read.column, describeBadPeriod(read.text));
        rowPeriod = null;
      } else if (fixedPeriod === null)
        problem(row.line, periods[0]?.label ?? null, 'не указан период');
    }
    const formulas = table.formulaCells?.get(r);
    for (const target of columns) {
      let indicator = target.indicator;
      const period = target.period ?? rowPeriod;
      let valueColumn: Column = target.column;
      if (layout.long) {
        const indicatorText = row.cells[layout.long.indicator.index] ?? '';
        indicator = indicatorText === '' ? null : indicators.match(indicatorText);
        if (indicator === null) {
          problem(
            row.line,
            layout.long.indicator.label,
            indicatorText === ''
              ? 'не указан показатель'
              : describeUnknownIndicator(
                  indicatorText,
                  unknownIndicators.add(indicatorText, row.line).candidates,
                ),
          );
          continue;
        }
        valueColumn = layout.long.value;
      }
      if (!indicator || period === null) continue;
      const raw = row.cells[valueColumn.index];
      if (raw === undefined) {
        problem(
          row.line,
          valueColumn.label,
          'в строке нет этой графы: строка обрезана или сбит разделитель',
        );
        continue;
      }
      const checked = checkValue(raw, indicator);
      if (!checked.ok) {
        problem(row.line, valueColumn.label, checked.message);
        continue;
      }
      if (checked.value === null) {
        result.missing += 1;
        continue;
      }
      if (municipalityId === undefined) continue;
      if (formulas?.has(valueColumn.index)) {
        result.formulaValues.count += 1;
        if (result.formulaValues.cells.length < MAX_LISTED_FORMULAS)
          result.formulaValues.cells.push({ row: row.line, column: valueColumn.label });
      }
      const earlierIndex = seen.claim(municipalityId, indicator.id, period, result.values.length);
      if (earlierIndex !== undefined) {
        const earlier = result.values[earlierIndex] as ParsedObservation;
        if (earlier.value !== checked.value)
          problem(
            row.line,
            valueColumn.label,
            `повтор: значение для этого ОМСУ, показателя «${indicator.code}» и периода ${period} уже дано в строке ${earlier.row} (${earlier.value}), здесь другое (${checked.value})`,
          );
        continue;
      }
      result.values.push({
        row: row.line,
        municipalityId,
        indicatorId: indicator.id,
        period,
        value: checked.value,
      });
    }
  }
  result.unknownNames = unknownUnits.list();
  result.unknownIndicators = unknownIndicators.list();
  if (result.values.length === 0 && result.problemCount === 0 && result.missing === 0)
    problem(null, null, 'под строкой заголовка нет ни одной строки с данными');
  return finish(result, table);
}

function finish(result: ReadObservationsResult, table: RawTable): ReadObservationsResult {
  const hidden = result.problemCount - result.problems.length;
  if (hidden > 0)
    result.problems.push({
      file: table.file,
      row: null,
      column: null,
      message: `и ещё ошибок: ${hidden} (показаны первые ${result.problems.length})`,
    });
  return result;
}

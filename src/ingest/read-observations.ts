import type { ColumnMapping } from '../domain/import-mapping.js';
import type { InputProblem } from './input-problem.js';
import {
  headerMatches,
  type LocatedHeader,
  locateHeader,
  normaliseHeader,
} from './locate-header.js';
import type { MatchCandidate, MunicipalityMatcher } from './match-municipality.js';
import { parsePeriod } from './parse-period.js';
import type { RawTable } from './raw-table.js';
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

export interface UnknownName {
  name: string;
  rows: number[];
  candidates: MatchCandidate[];
}

export interface ReadObservationsResult {
  values: ParsedObservation[];
  /** Cells left empty or `—`: nothing to record, nothing deleted. */
  missing: number;
  problems: InputProblem[];
  /** Every problem counted, also those beyond the `problems` list's cap. */
  problemCount: number;
  unknownNames: UnknownName[];
  /** Header labels of columns the mapping does not use. */
  ignoredColumns: string[];
  /** 1-based row/line of the header, null when none was found. */
  headerRow: number | null;
}

const MAX_LISTED_PROBLEMS = 500;
/** Rows between two steps of readObservationsInSteps (a power of two). */
const VALUES_STEP = 1 << 15;
const TOTAL_ROW = /^(итого|всего по|всего)\b/;
/** Marks a total row among the names already seen (ids are positive). */
const TOTAL = -1;

interface Column {
  index: number;
  label: string;
}

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
  const result: ReadObservationsResult = {
    values: [],
    missing: 0,
    problems: [],
    problemCount: 0,
    unknownNames: [],
    ignoredColumns: [],
    headerRow: null,
  };
  const problem = (row: number | null, column: string | null, message: string) => {
    result.problemCount += 1;
    if (result.problems.length < MAX_LISTED_PROBLEMS)
      result.problems.push({ file: table.file, row, column, message });
  };
  if (table.rows.length === 0) {
    problem(null, null, 'файл пуст: в нём нет ни одной строки с данными');
    return result;
  }

  const indicators = indicatorLookup(registry.indicators, mapping);
  const layout = findLayout(table, mapping, indicators);
  if (!layout) {
    problem(null, null, describeMissingHeader(mapping));
    return finish(result, table);
  }
  const { header, unit, columns } = layout;
  result.headerRow = table.rows.at(header.index)?.line ?? null;
  const used = new Set([unit.index, ...columns.map((c) => c.column?.index ?? -1)]);
  result.ignoredColumns = header.labels.filter((l, i) => l !== '' && !used.has(i));
  for (const c of layout.missingColumns)
    problem(result.headerRow, c, 'графа из сопоставления не найдена в строке заголовка');

  const defaultPeriod = options.period ?? mapping.period;
  const fixedPeriod = defaultPeriod === undefined ? null : parsePeriod(defaultPeriod);
  if (defaultPeriod !== undefined && fixedPeriod === null)
    problem(
      null,
      null,
      `период «${defaultPeriod}» не распознан (ожидается 2017, 2017-03, 2017-Q1 или 01.03.2017)`,
    );

  const needsPeriod = layout.long
    ? layout.long.period === null
    : columns.some((c) => c.period === null);
  if (needsPeriod && defaultPeriod === undefined)
    problem(
      null,
      null,
      'не указан период значений: в таблице нет графы периода — задайте --period (например, 2017-03) или период в сопоставлении граф',
    );

  const unknown = new Map<string, UnknownName>();
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
      problem(row.line, unit.label, 'не указано муниципальное образование');
      continue;
    }
    let municipalityId = unitText === lastUnitText ? lastUnitId : knownUnits.get(unitText);
    if (municipalityId === TOTAL) continue;
    if (municipalityId === undefined) {
      if (TOTAL_ROW.test(unitText.toLowerCase())) {
        knownUnits.set(unitText, TOTAL);
        continue;
      }
      const code = unitText.startsWith('=') ? null : registry.matcher.match(unitText);
      municipalityId = code === null ? undefined : registry.unitIds.get(code);
      if (municipalityId !== undefined) knownUnits.set(unitText, municipalityId);
    }
    lastUnitText = unitText;
    lastUnitId = municipalityId;
    if (municipalityId === undefined) {
      const entry = unknown.get(unitText) ?? {
        name: unitText,
        rows: [],
        candidates: registry.matcher.candidates(unitText),
      };
      entry.rows.push(row.line);
      unknown.set(unitText, entry);
      problem(row.line, unit.label, describeUnknown(unitText, entry.candidates));
    }
    for (const target of columns) {
      let indicator = target.indicator;
      let period = target.period ?? fixedPeriod;
      let valueColumn = target.column;
      if (layout.long) {
        const indicatorText = row.cells[layout.long.indicator.index];
        indicator = indicatorText === undefined ? null : indicators.find(indicatorText);
        if (indicator === null) {
          problem(
            row.line,
            layout.long.indicator.label,
            indicatorText === undefined || indicatorText === ''
              ? 'не указан показатель'
              : `неизвестный показатель «${indicatorText}»: укажите код или наименование показателя из реестра`,
          );
          continue;
        }
        if (layout.long.period) {
          const periodText = row.cells[layout.long.period.index] ?? '';
          period = readPeriod(periodText);
          if (period === null) {
            problem(
              row.line,
              layout.long.period.label,
              periodText === ''
                ? 'не указан период'
                : `период «${periodText}» не распознан (ожидается 2017, 2017-03, 2017-Q1 или 01.03.2017)`,
            );
            continue;
          }
        }
        valueColumn = layout.long.value;
      }
      if (!indicator || !valueColumn || period === null || period === undefined) continue;
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
  result.unknownNames = [...unknown.values()];
  if (result.values.length === 0 && result.problemCount === 0 && result.missing === 0)
    problem(null, null, 'под строкой заголовка нет ни одной строки с данными');
  return finish(result, table);
}

/** Slots (indicator × period) per unit id kept in arrays, beyond which a map takes over. */
const ARRAY_SLOT_BUDGET = 4_000_000;

/**
 * Which value (index in the result) was first given for each unit × indicator × period. Each
 * indicator × period pair gets a slot; a slot holds an array indexed by unit id while the
 * arrays stay within a budget, else a map: no string key or map entry per value.
 */
class SeenValues {
  private readonly slots = new Map<number, Map<string, Int32Array | Map<number, number>>>();
  private readonly width: number;
  private arrayCells = 0;

  constructor(unitIds: Map<string, number>) {
    let max = 0;
    for (const id of unitIds.values()) if (id > max) max = id;
    this.width = max + 1;
  }

  /** The index given earlier for this unit, indicator and period, else records `index`. */
  claim(unitId: number, indicatorId: number, period: string, index: number): number | undefined {
    let byPeriod = this.slots.get(indicatorId);
    if (!byPeriod) {
      byPeriod = new Map();
      this.slots.set(indicatorId, byPeriod);
    }
    let slot = byPeriod.get(period);
    if (slot === undefined) {
      if (this.arrayCells + this.width <= ARRAY_SLOT_BUDGET) {
        slot = new Int32Array(this.width);
        this.arrayCells += this.width;
      } else slot = new Map();
      byPeriod.set(period, slot);
    }
    // Unit ids come from the registry, so they fit the arrays.
    if (slot instanceof Int32Array) {
      const earlier = slot[unitId] as number;
      if (earlier !== 0) return earlier - 1;
      slot[unitId] = index + 1;
      return undefined;
    }
    const earlier = slot.get(unitId);
    if (earlier === undefined) slot.set(unitId, index);
    return earlier;
  }
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

function describeUnknown(name: string, candidates: MatchCandidate[]): string {
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  if (candidates.length === 0)
    return `неизвестное муниципальное образование «${shown}»: похожих в реестре нет`;
  const list = candidates.map((c) => `«${c.name}» (${c.code})`).join(', ');
  return `неизвестное муниципальное образование «${shown}»; ближайшие: ${list}. Подтвердите соответствие: --alias "${shown}=код"`;
}

function describeMissingHeader(mapping: ColumnMapping): string {
  const wanted = [
    mapping.unitColumn,
    mapping.indicatorColumn,
    mapping.periodColumn,
    mapping.valueColumn,
    ...(mapping.columns ?? []).map((c) => c.column),
  ]
    .filter((c): c is string => c !== undefined)
    .map((c) => `«${c.split('|')[0]}»`);
  return `не найдена строка заголовка таблицы: в первых 50 строках нет граф ${wanted.join(', ')}${mapping.format === 'wide' && !mapping.columns ? ' и граф с кодами или наименованиями показателей' : ''}. Проверьте формат (--format), сопоставление граф (--mapping) и разделитель (--delimiter)`;
}

interface IndicatorLookup {
  find(text: string): IndicatorPassport | null;
  byCode: Map<string, IndicatorPassport>;
}

function indicatorLookup(list: IndicatorPassport[], mapping: ColumnMapping): IndicatorLookup {
  const byCode = new Map(list.map((i) => [i.code, i]));
  const byText = new Map<string, IndicatorPassport>();
  for (const i of list) {
    byText.set(normaliseHeader(i.code), i);
    byText.set(normaliseHeader(i.name), i);
    for (const alias of i.aliases ?? []) byText.set(normaliseHeader(alias), i);
  }
  for (const [name, code] of Object.entries(mapping.indicatorNames ?? {})) {
    const i = byCode.get(code);
    if (i) byText.set(normaliseHeader(name), i);
  }
  const cache = new Map<string, IndicatorPassport | null>();
  return {
    byCode,
    find(text) {
      let hit = cache.get(text);
      if (hit === undefined) {
        hit = byCode.get(text.trim()) ?? byText.get(normaliseHeader(text)) ?? null;
        cache.set(text, hit);
      }
      return hit;
    },
  };
}

interface Target {
  column: Column | null;
  indicator: IndicatorPassport | null;
  period: string | null;
}

interface Layout {
  header: LocatedHeader;
  unit: Column;
  columns: Target[];
  long: { indicator: Column; period: Column | null; value: Column } | null;
  missingColumns: string[];
}

const findColumn = (labels: string[], reference: string | undefined): Column | null => {
  if (reference === undefined) return null;
  const index = labels.findIndex((l) => headerMatches(l, reference));
  return index === -1 ? null : { index, label: labels[index] ?? reference };
};

function findLayout(
  table: RawTable,
  mapping: ColumnMapping,
  indicators: IndicatorLookup,
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
    const period = findColumn(header.labels, mapping.periodColumn);
    return {
      header,
      unit,
      long: { indicator, period, value },
      columns: [{ column: value, indicator: null, period: null }],
      missingColumns: [],
    };
  }
  const wideTargets = (labels: string[]) => {
    if (mapping.columns) {
      return mapping.columns.map((c) => ({
        ref: c.column,
        column: findColumn(labels, c.column),
        indicator: indicators.byCode.get(c.indicator) ?? null,
        period: c.period === undefined ? null : parsePeriod(c.period),
      }));
    }
    return labels.flatMap((label, index) => {
      const i = label === '' ? null : indicators.find(label);
      return i ? [{ ref: label, column: { index, label }, indicator: i, period: null }] : [];
    });
  };
  const header = locateHeader(
    table,
    (labels) =>
      findColumn(labels, mapping.unitColumn) !== null &&
      wideTargets(labels).some((t) => t.column !== null),
  );
  if (!header) return null;
  const unit = findColumn(header.labels, mapping.unitColumn);
  if (!unit) return null;
  const targets = wideTargets(header.labels);
  const missing = targets.filter((t) => t.column === null).map((t) => t.ref);
  for (const [k, t] of targets.entries()) {
    const spec = mapping.columns?.[k];
    if (spec && !t.indicator)
      missing.push(`${spec.column} → неизвестный показатель «${spec.indicator}»`);
    if (spec?.period !== undefined && t.period === null)
      missing.push(`${spec.column} → период «${spec.period}» не распознан`);
  }
  return {
    header,
    unit,
    long: null,
    columns: targets.filter((t) => t.column !== null && t.indicator !== null),
    missingColumns: missing,
  };
}

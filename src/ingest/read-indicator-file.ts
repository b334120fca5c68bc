import { parseExpression } from '../engine/expression.js';
import type { InputProblem } from './input-problem.js';
import type { RawTable } from './raw-table.js';
import { type ColumnSpec, columnTitle, readColumnTable } from './read-column-table.js';
import { parseRussianNumber } from './russian-number.js';

type IndicatorColumn =
  | 'code'
  | 'name'
  | 'unit'
  | 'direction'
  | 'periodicity'
  | 'source'
  | 'decimals'
  | 'min'
  | 'max'
  | 'formula';

export const INDICATOR_FILE_COLUMNS: readonly ColumnSpec<IndicatorColumn>[] = [
  { key: 'code', header: 'Код|code', required: true },
  { key: 'name', header: 'Наименование|название|name', required: true },
  { key: 'unit', header: 'Единица|единица измерения|unit', required: true },
  { key: 'direction', header: 'Направление|direction', required: true },
  { key: 'periodicity', header: 'Периодичность|periodicity', required: true },
  { key: 'source', header: 'Источник|система-источник|source', required: true },
  { key: 'decimals', header: 'Знаков после запятой|знаков|decimals', required: true },
  { key: 'min', header: 'Минимум|min', required: false },
  { key: 'max', header: 'Максимум|max', required: false },
  { key: 'formula', header: 'Формула|formula', required: false },
];

type Direction = 'higher_better' | 'lower_better';
type Periodicity = 'monthly' | 'quarterly' | 'annual' | 'on_date';

/** An indicator passport as the file gives it, with its line; fields named as stored. */
export interface FileIndicator {
  line: number;
  code: string;
  name: string;
  unit: string;
  direction: Direction;
  periodicity: Periodicity;
  source_system: string;
  decimals: number;
  range_min: number | null;
  range_max: number | null;
  formula: string | null;
}

const DIRECTIONS = new Map<string, Direction>([
  ['больше — лучше', 'higher_better'],
  ['меньше — лучше', 'lower_better'],
  ['higher_better', 'higher_better'],
  ['lower_better', 'lower_better'],
]);
const PERIODICITIES = new Map<string, Periodicity>([
  ['ежемесячно', 'monthly'],
  ['ежеквартально', 'quarterly'],
  ['ежегодно', 'annual'],
  ['на дату', 'on_date'],
  ['monthly', 'monthly'],
  ['quarterly', 'quarterly'],
  ['annual', 'annual'],
  ['on_date', 'on_date'],
]);
const words = (cell: string) =>
  cell
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*[-–]\s*/g, ' — ');
const INDICATOR_CODE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * The indicators of an indicator file (code, name, unit, direction «больше — лучше» or
 * «меньше — лучше», periodicity «ежемесячно»/«ежеквартально»/«ежегодно»/«на дату», source
 * system, decimals; optional minimum, maximum and formula), or every problem in it.
 */
export function readIndicatorFile(table: RawTable): {
  indicators: FileIndicator[];
  problems: InputProblem[];
} {
  const { rows, problems } = readColumnTable(table, INDICATOR_FILE_COLUMNS);
  const title = (key: IndicatorColumn) =>
    columnTitle(INDICATOR_FILE_COLUMNS.find((c) => c.key === key) as ColumnSpec<IndicatorColumn>);
  const indicators: FileIndicator[] = [];
  if (problems.length > 0) return { indicators, problems };
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const before = problems.length;
    const refuse = (key: IndicatorColumn, message: string) =>
      problems.push({ file: table.file, row: line, column: title(key), message });
    if (!INDICATOR_CODE.test(cells.code))
      refuse(
        'code',
        `«${cells.code}» не подходит: строчная латинская буква, затем буквы, цифры и «_»`,
      );
    else if (seen.has(cells.code))
      refuse('code', `код «${cells.code}» уже указан в строке ${seen.get(cells.code)}`);
    else seen.set(cells.code, line);
    for (const key of ['name', 'unit', 'source'] as const)
      if (cells[key] === '') refuse(key, 'графа не заполнена');
    const direction = DIRECTIONS.get(words(cells.direction));
    if (!direction)
      refuse('direction', `«${cells.direction}»: укажите «больше — лучше» или «меньше — лучше»`);
    const periodicity = PERIODICITIES.get(words(cells.periodicity));
    if (!periodicity)
      refuse(
        'periodicity',
        `«${cells.periodicity}»: укажите «ежемесячно», «ежеквартально», «ежегодно» или «на дату»`,
      );
    const decimals = /^\d{1,2}$/.test(cells.decimals) ? Number(cells.decimals) : Number.NaN;
    if (!(decimals <= 10)) refuse('decimals', `«${cells.decimals}» — не целое число от 0 до 10`);
    const bound = (key: 'min' | 'max') => {
      const parsed = parseRussianNumber(cells[key]);
      if (parsed.ok) return parsed.value;
      refuse(key, parsed.message);
      return null;
    };
    const rangeMin = bound('min');
    const rangeMax = bound('max');
    if (rangeMin !== null && rangeMax !== null && rangeMin > rangeMax)
      refuse('max', `максимум ${cells.max} меньше минимума ${cells.min}`);
    if (cells.formula !== '') {
      try {
        parseExpression(cells.formula);
      } catch (error) {
        refuse('formula', (error as Error).message);
      }
    }
    if (problems.length > before || !direction || !periodicity) continue;
    indicators.push({
      line,
      code: cells.code,
      name: cells.name,
      unit: cells.unit,
      direction,
      periodicity,
      source_system: cells.source,
      decimals,
      range_min: rangeMin,
      range_max: rangeMax,
      formula: cells.formula === '' ? null : cells.formula,
    });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({
      file: table.file,
      row: null,
      column: null,
      message: 'в файле нет ни одного показателя',
    });
  return { indicators, problems };
}

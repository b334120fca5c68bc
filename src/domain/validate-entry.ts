import type { EntryLine, EntryProblem } from './entry-form.js';
import { formatExactRu, formatNumberRu } from './russian-number-format.js';

export const DEFAULT_JUMP_THRESHOLD_PERCENT = 50;

/** Units whose values are counts of people: whole numbers only. */
const COUNT_UNITS = new Set(['чел.']);

export interface EntryValidationInput {
  lines: Pick<
    EntryLine,
    'code' | 'name' | 'unit' | 'rangeMin' | 'rangeMax' | 'formula' | 'previousValue' | 'decimals'
  >[];
  values: Readonly<Record<string, number | null | undefined>>;
  comments: Readonly<Record<string, string | undefined>>;
  jumpThresholdPercent: number;
  /** Submitting requires every entered indicator; a draft may be saved incomplete. */
  requireAll: boolean;
}

const show = formatExactRu;

/**
 * Checks a form's values; the browser and the service run the same rules, so what the form
 * accepts the server accepts. Derived indicators (with a formula) are computed, never entered.
 *
 * @example validateEntry({ lines: [{ code: 'x', name: 'Доля', unit: '%', rangeMin: 0, rangeMax: 100,
 *   formula: null, previousValue: null, decimals: 1 }], values: { x: 120 }, comments: {},
 *   jumpThresholdPercent: 50, requireAll: false })[0].message // 'Доля: процент не может быть больше 100'
 */
export function validateEntry(input: EntryValidationInput): EntryProblem[] {
  const problems: EntryProblem[] = [];
  for (const line of input.lines) {
    if (line.formula !== null) continue;
    const add = (message: string) => problems.push({ indicator: line.code, message });
    const value = input.values[line.code];
    if (value === null || value === undefined) {
      if (input.requireAll) add(`${line.name}: значение обязательно`);
      continue;
    }
    if (!Number.isFinite(value)) {
      add(`${line.name}: значение не является числом`);
      continue;
    }
    if (line.unit === '%' && value > 100) {
      add(`${line.name}: процент не может быть больше 100`);
      continue;
    }
    const below = line.rangeMin !== null && value < line.rangeMin;
    const above = line.rangeMax !== null && value > line.rangeMax;
    if (below || above) {
      const range =
        line.rangeMax === null
          ? `не меньше ${show(line.rangeMin as number)}`
          : line.rangeMin === null
            ? `не больше ${show(line.rangeMax)}`
            : `от ${show(line.rangeMin)} до ${show(line.rangeMax)}`;
      add(`${line.name}: значение ${show(value)} вне допустимого диапазона (${range})`);
      continue;
    }
    if (COUNT_UNITS.has(line.unit) && !Number.isInteger(value)) {
      add(`${line.name}: количество человек — целое число`);
      continue;
    }
    const previous = line.previousValue;
    if (previous !== null && previous !== 0) {
      const change = (Math.abs(value - previous) / Math.abs(previous)) * 100;
      const comment = input.comments[line.code]?.trim() ?? '';
      if (change > input.jumpThresholdPercent && comment === '') {
        add(
          `${line.name}: изменение на ${formatNumberRu(change, 1)} % к предыдущему периоду (${show(previous)}) больше порога ${show(input.jumpThresholdPercent)} % — добавьте комментарий`,
        );
      }
    }
  }
  return problems;
}

import type { InputProblem } from './input-problem.js';
import type { PastedTable } from './pasted-table.js';
import { parseRussianNumber } from './russian-number.js';

/**
 * Reads typed cells from one row of a parsed table, collecting problems (file · row · column)
 * instead of stopping at the first, so that a user sees everything to fix at once.
 */
export class CellReader {
  constructor(
    private readonly file: string,
    private readonly header: string[],
    private readonly row: PastedTable['rows'][number],
    private readonly problems: InputProblem[],
  ) {}

  private fail(index: number, message: string): null {
    this.problems.push({
      file: this.file,
      row: this.row.line,
      column: this.header[index] ?? `№${index + 1}`,
      message,
    });
    return null;
  }

  text(index: number): string | null {
    const value = this.row.cells[index]?.trim() ?? '';
    return value === '' ? this.fail(index, 'пустое значение') : value;
  }

  /** A number that must be present; `options.integer` rejects fractions, `percent` caps at 100. */
  number(index: number, options: { integer?: boolean; min?: number; max?: number } = {}) {
    const raw = this.row.cells[index];
    if (raw === undefined) return this.fail(index, 'в строке нет этой графы (строка обрезана?)');
    const parsed = parseRussianNumber(raw);
    if (!parsed.ok) return this.fail(index, parsed.message);
    if (parsed.value === null) return this.fail(index, 'значение отсутствует');
    if (options.integer && !Number.isInteger(parsed.value))
      return this.fail(index, `«${raw}» — ожидается целое число`);
    if (options.min !== undefined && parsed.value < options.min)
      return this.fail(index, `${raw} меньше ${options.min}`);
    if (options.max !== undefined && parsed.value > options.max)
      return this.fail(index, `${raw} больше ${options.max}`);
    return { value: parsed.value, decimals: parsed.decimals };
  }
}

const formatters = new Map<number, Intl.NumberFormat>();

function formatterFor(decimals: number): Intl.NumberFormat {
  let f = formatters.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('ru-RU', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
    });
    formatters.set(decimals, f);
  }
  return f;
}

/**
 * Formats a number as Russian documents print it: decimal comma, no-break space between
 * thousands, fixed decimals.
 *
 * @example formatNumberRu(0.574, 3) === '0,574'; formatNumberRu(85199, 0) === '85\u00a0199'
 */
export function formatNumberRu(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return formatterFor(decimals)
    .format(value)
    .replace(/\u2212/g, '-');
}

/** Same as formatNumberRu followed by a percent sign separated by a no-break space. */
export function formatPercentRu(value: number | null | undefined, decimals: number): string {
  const text = formatNumberRu(value, decimals);
  return text === '—' ? text : `${text}\u00a0%`;
}

/**
 * A computed number written for a machine or a spreadsheet without the noise of binary
 * arithmetic: fifteen significant digits, all a double holds exactly, stop short of the last
 * one or two where sums drift (30.599999999999998 is 30.6).
 *
 * @example plainNumber(0.1 + 0.2) === '0.3'; plainNumber((75 + 94.1 + 93.7) / 3) === '87.6'
 */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

/**
 * The same number as Russian Excel reads it in a cell: a decimal comma, no grouping spaces
 * (which Excel would take for text).
 *
 * @example excelNumberRu(30.599999999999998) === '30,6'
 */
export const excelNumberRu = (value: number): string => plainNumber(value).replace('.', ',');

/**
 * A difference of two percentages: percentage points («п. п.»), not per cent of per cent.
 *
 * @example formatPointsRu(2.5, 1) === '+2,5\u00a0п.\u00a0п.'
 */
export function formatPointsRu(value: number | null | undefined, decimals: number): string {
  const text = formatNumberRu(value, decimals);
  if (text === '—') return text;
  return `${value !== null && value !== undefined && value > 0 ? '+' : ''}${text}\u00a0п.\u00a0п.`;
}

/**
 * A number read from a file or typed in, shown with exactly the decimals it has (at most
 * six), when no indicator says how many to print: 30,6 rather than 30,600.
 *
 * @example formatExactRu(30.6) === '30,6'; formatExactRu(85199) === '85\u00a0199'
 */
export function formatExactRu(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return formatNumberRu(value, 0);
  const plain = plainNumber(value);
  const decimals = plain.includes('e') ? 6 : (plain.split('.')[1]?.length ?? 0);
  return formatNumberRu(value, Math.min(decimals, 6));
}

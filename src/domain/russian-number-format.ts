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

import { formatExactRu, formatNumberRu, formatPointsRu } from './russian-number-format.js';

/** What the wording needs of an indicator: its unit and the decimals the registry prints. */
export interface IndicatorWording {
  unit: string | null;
  decimals: number | null;
}

export const withUnit = (text: string, ref: IndicatorWording): string =>
  `${text}${ref.unit && text !== '—' ? `\u00a0${ref.unit}` : ''}`;

/** An indicator's own value as the registry prints it (88,0), else with the digits it has. */
export const valueText = (value: number | null, ref: IndicatorWording): string =>
  ref.decimals === null ? formatExactRu(value) : formatNumberRu(value, ref.decimals);

/**
 * The indicator's decimals when the change has two significant digits at them; else enough
 * for it to show (0,4250 → 0,4279 rather than 0,425 → 0,428 for +0,0029).
 */
export function decimalsFor(change: number, ref: IndicatorWording): number {
  if (ref.decimals !== null && Math.abs(change) >= 10 ** (1 - ref.decimals)) return ref.decimals;
  if (change === 0) return ref.decimals ?? 2;
  return Math.min(6, Math.max(2, Math.ceil(-Math.log10(Math.abs(change))) + 1));
}

/** A change of a percentage is in percentage points; of anything else, in its unit. */
export const changeText = (change: number, ref: IndicatorWording, decimals: number): string =>
  ref.unit === '%'
    ? formatPointsRu(change, decimals)
    : withUnit(`${change > 0 ? '+' : ''}${formatNumberRu(change, decimals)}`, ref);

/**
 * The sentence over «Что поднимет место», shared by the staff app and the public profile.
 *
 * @example moveUpSummary({ place: 1, overtakes: null, improvements: [] }) === 'Первое место: выше подниматься некуда.'
 */
export function moveUpSummary(e: {
  place: number | null;
  overtakes: { name: string } | null;
  improvements: readonly unknown[];
}): string {
  if (e.place === null)
    return 'Места в этом рейтинге нет, подниматься не с чего: сначала нужны недостающие данные.';
  if (e.overtakes === null) return 'Первое место: выше подниматься некуда.';
  if (e.improvements.length === 0)
    return (
      `Ни одного показателя по отдельности не хватит, чтобы обойти ${e.overtakes.name}: ` +
      'нужно улучшать несколько сразу.'
    );
  return (
    `Чтобы обойти ${e.overtakes.name} (место выше), достаточно любого одного из этих ` +
    'изменений при прежних значениях остальных показателей.'
  );
}

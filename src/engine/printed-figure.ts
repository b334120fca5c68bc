import { roundHalfAwayFromZero } from './rounding.js';

export type PrintedAgreement = 'match' | 'differs' | 'not-printed' | 'not-computable';

/**
 * Compares a computed figure with the figure a source document printed at a given precision.
 * They agree when the computed value, rounded to the printed precision, equals the printed
 * value: anything else is a discrepancy larger than rounding and must be shown, not hidden.
 *
 * @example comparePrinted(524.7386, 524.81, 2) === 'differs'; comparePrinted(178.6029, 178.6, 2) === 'match'
 */
export function comparePrinted(
  computed: number | null,
  printed: number | null,
  decimals: number,
): PrintedAgreement {
  if (computed === null || !Number.isFinite(computed)) return 'not-computable';
  if (printed === null) return 'not-printed';
  const rounded = roundHalfAwayFromZero(computed, decimals);
  const unit = 10 ** -decimals;
  return Math.abs(rounded - printed) < unit / 2 ? 'match' : 'differs';
}

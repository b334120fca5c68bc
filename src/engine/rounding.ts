/**
 * Rounds half away from zero at the given number of decimals, working on the decimal string
 * so that 1.005 rounds to 1.01 as a person would expect (binary floats alone give 1.00).
 *
 * @example roundHalfAwayFromZero(178.6029, 2) === 178.6
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(value).toPrecision(15)}e${decimals}`);
  return (sign * Math.round(shifted)) / 10 ** decimals;
}

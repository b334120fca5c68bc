import type { ColourThreshold } from './methodology.js';

/**
 * The methodology's colour band of an index score: the threshold with the largest `from`
 * not above the score; null without a score or below every threshold.
 *
 * @example scoreColour([{ from: 0, colour: '#c00000', label: 'низкий' }, { from: 50, …}], 42)?.label === 'низкий'
 */
export function scoreColour(
  thresholds: readonly ColourThreshold[],
  score: number | null,
): ColourThreshold | null {
  if (score === null) return null;
  let best: ColourThreshold | null = null;
  for (const t of thresholds)
    if (score >= t.from && (best === null || t.from >= best.from)) best = t;
  return best;
}

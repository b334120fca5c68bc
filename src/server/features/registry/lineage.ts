import type { MunicipalityRow } from '../../../db/repositories/municipality-repository.js';

type Row = Pick<MunicipalityRow, 'id' | 'successor_id'>;

/**
 * Units that merged into this one, then those that merged into them, nearest first, each
 * with the unit it merged into.
 *
 * @example ancestorsOf(units, okrug.id).map((a) => a.unit.code) // ['a-district', 'b-district']
 */
export function ancestorsOf<T extends Row>(units: T[], id: number): { unit: T; into: T }[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const found: { unit: T; into: T }[] = [];
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length > 0) {
    const into = byId.get(queue.shift() as number);
    if (!into) continue;
    for (const unit of units) {
      if (unit.successor_id !== into.id || seen.has(unit.id)) continue;
      seen.add(unit.id);
      found.push({ unit, into });
      queue.push(unit.id);
    }
  }
  return found;
}

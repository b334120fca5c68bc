/** Slots (indicator × period) per unit id kept in arrays, beyond which a map takes over. */
const ARRAY_SLOT_BUDGET = 4_000_000;

/**
 * Which value (index in the result) was first given for each unit × indicator × period. Each
 * indicator × period pair gets a slot; a slot holds an array indexed by unit id while the
 * arrays stay within a budget, else a map: no string key or map entry per value.
 */
export class SeenValues {
  private readonly slots = new Map<number, Map<string, Int32Array | Map<number, number>>>();
  private readonly width: number;
  private arrayCells = 0;

  constructor(unitIds: Map<string, number>) {
    let max = 0;
    for (const id of unitIds.values()) if (id > max) max = id;
    this.width = max + 1;
  }

  /** The index given earlier for this unit, indicator and period, else records `index`. */
  claim(unitId: number, indicatorId: number, period: string, index: number): number | undefined {
    let byPeriod = this.slots.get(indicatorId);
    if (!byPeriod) {
      byPeriod = new Map();
      this.slots.set(indicatorId, byPeriod);
    }
    let slot = byPeriod.get(period);
    if (slot === undefined) {
      if (this.arrayCells + this.width <= ARRAY_SLOT_BUDGET) {
        slot = new Int32Array(this.width);
        this.arrayCells += this.width;
      } else slot = new Map();
      byPeriod.set(period, slot);
    }
    // Unit ids come from the registry, so they fit the arrays.
    if (slot instanceof Int32Array) {
      const earlier = slot[unitId] as number;
      if (earlier !== 0) return earlier - 1;
      slot[unitId] = index + 1;
      return undefined;
    }
    const earlier = slot.get(unitId);
    if (earlier === undefined) slot.set(unitId, index);
    return earlier;
  }
}

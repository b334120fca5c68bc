/**
 * Tables in an order in which each comes after every table it refers to (a table's reference
 * to itself is left to the end of its own COPY statement); ties in name order. A cycle
 * between tables is an error: no order would satisfy its foreign keys row by row.
 *
 * @example orderByDependencies(['b', 'a'], [['b', 'a']]) // ['a', 'b']
 */
export function orderByDependencies(
  tables: readonly string[],
  references: readonly (readonly [from: string, to: string])[],
): string[] {
  const pending = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const [from, to] of references)
    if (from !== to && pending.has(to)) pending.get(from)?.add(to);
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, needs]) => needs.size === 0).map(([t]) => t);
    if (ready.length === 0)
      throw new Error(
        `Циклические внешние ключи между таблицами: ${[...pending.keys()].sort().join(', ')}`,
      );
    for (const table of ready.sort()) {
      order.push(table);
      pending.delete(table);
      for (const needs of pending.values()) needs.delete(table);
    }
  }
  return order;
}

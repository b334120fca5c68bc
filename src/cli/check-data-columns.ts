import type { Methodology, MethodologyNode } from '../domain/methodology.js';
import { expressionVariables, parseExpression } from '../engine/expression.js';
import { InputError } from '../ingest/input-problem.js';

function indicators(node: MethodologyNode): Extract<MethodologyNode, { kind: 'indicator' }>[] {
  return node.kind === 'indicator' ? [node] : node.children.flatMap(indicators);
}

/**
 * Every column the methodology reads must be in the data file: an indicator's own column,
 * the variables of its formula, the reference value its grouping reads. A missing column is
 * a mistake in the file, not missing data, so it stops the command with the list.
 */
export function checkDataColumns(
  file: string,
  m: Pick<Methodology, 'tree' | 'grouping'>,
  columns: string[],
): void {
  const have = new Set(columns);
  const missing: string[] = [];
  if (m.grouping && !have.has(m.grouping.reference)) missing.push(m.grouping.reference);
  for (const node of indicators(m.tree)) {
    const needs =
      node.formula === undefined
        ? [node.code]
        : [...expressionVariables(parseExpression(node.formula))];
    for (const name of needs) {
      if (!have.has(name) && !missing.includes(name)) missing.push(name);
    }
  }
  if (missing.length > 0)
    throw new InputError(
      missing.map((name) => ({
        file,
        row: 1,
        column: null,
        message: `нет графы «${name}», которую читает методика`,
      })),
    );
}

import { evaluateExpression } from '../engine/evaluate-expression.js';
import { expressionVariables, parseExpression } from '../engine/expression.js';
import { ExpressionError } from '../engine/expression-error.js';

export interface DerivedResult {
  value: number | null;
  /** Why there is no value: a missing input, a division by zero, a broken formula. */
  reason: string | null;
}

/**
 * Values of derived indicators from the entered values and the reference data, computed in
 * the browser as the official types and by the service when it answers. Formulas may refer
 * to other derived indicators; those are computed first, whatever the order given.
 *
 * @example computeDerived([{ code: 'per1000', formula: 'total / population * 1000' }],
 *   { total: 10176 }, { population: 85199 }).per1000.value // 119.438…
 */
export function computeDerived(
  lines: readonly { code: string; formula: string | null }[],
  values: Readonly<Record<string, number | null | undefined>>,
  references: Readonly<Record<string, number>>,
): Record<string, DerivedResult> {
  const scope: Record<string, number | null | undefined> = { ...references, ...values };
  const results: Record<string, DerivedResult> = {};
  const formulas = new Map(lines.filter((l) => l.formula !== null).map((l) => [l.code, l]));
  const computing = new Set<string>();
  const compute = (line: { code: string; formula: string | null }): void => {
    if (results[line.code] !== undefined || computing.has(line.code)) return;
    computing.add(line.code);
    try {
      const tree = parseExpression(line.formula as string);
      // A derived indicator another one reads is computed first, whatever the order given.
      for (const name of expressionVariables(tree)) {
        const input = formulas.get(name);
        if (input) compute(input);
      }
      const result = evaluateExpression(tree, scope);
      results[line.code] = result;
      scope[line.code] = result.value;
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      results[line.code] = { value: null, reason: `Ошибка в формуле: ${error.message}` };
    }
    computing.delete(line.code);
  };
  for (const line of formulas.values()) compute(line);
  return results;
}

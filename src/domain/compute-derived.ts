import { evaluateExpression } from '../engine/evaluate-expression.js';
import { parseExpression } from '../engine/expression.js';
import { ExpressionError } from '../engine/expression-error.js';

export interface DerivedResult {
  value: number | null;
  /** Why there is no value: a missing input, a division by zero, a broken formula. */
  reason: string | null;
}

/**
 * Values of derived indicators from the entered values and the reference data, computed in
 * the browser as the official types and by the service when it answers. Formulas may refer
 * to other derived indicators; those are computed first, in the order given.
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
  for (const line of lines) {
    if (line.formula === null) continue;
    try {
      const result = evaluateExpression(parseExpression(line.formula), scope);
      results[line.code] = result;
      scope[line.code] = result.value;
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      results[line.code] = { value: null, reason: `Ошибка в формуле: ${error.message}` };
    }
  }
  return results;
}

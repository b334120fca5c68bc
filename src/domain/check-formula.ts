import { expressionVariables, parseExpression } from '../engine/expression.js';
import { ExpressionError } from '../engine/expression-error.js';
import { tokenizeExpression } from '../engine/tokenize-expression.js';
import type { FormulaCheckResult } from './indicator-passport.js';

const refusal = (message: string, position: number | null, variables: string[] = []) => ({
  ok: false,
  message: `Поле «формула»: ${message}`,
  position,
  variables,
});

/** The first cycle back to `code` through the formulas, as codes in order, or null. */
function cycleThrough(
  code: string,
  start: readonly string[],
  formulaVariables: (code: string) => readonly string[],
): string[] | null {
  const seen = new Set<string>();
  const walk = (path: string[]): string[] | null => {
    const last = path[path.length - 1] as string;
    for (const next of last === code && path.length === 1 ? start : formulaVariables(last)) {
      if (next === code) return [...path, code];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk([...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk([code]);
}

/**
 * Whether `formula` may be the formula of indicator `code`: it parses, every name it reads is
 * an indicator of the region or a reference value, and it does not lead back to `code`
 * (itself, or through another derived indicator). Refusals name the field and the culprit.
 *
 * @example checkFormula('a', 'a + 1', new Map([['a', null]]), []).message
 *   // 'Поле «формула»: формула ссылается сама на себя («a» в позиции 1).'
 */
export function checkFormula(
  code: string,
  formula: string,
  formulas: ReadonlyMap<string, string | null>,
  references: readonly string[],
): FormulaCheckResult {
  let tree: ReturnType<typeof parseExpression>;
  try {
    tree = parseExpression(formula);
  } catch (error) {
    if (error instanceof ExpressionError) return refusal(`${error.message}.`, error.position);
    throw error;
  }
  const variables = expressionVariables(tree);
  const positionOf = (name: string): number | null =>
    tokenizeExpression(formula).find((t) => t.kind === 'identifier' && t.name === name)?.position ??
    null;
  if (variables.includes(code))
    return refusal(
      `формула ссылается сама на себя («${code}» в позиции ${positionOf(code)}).`,
      positionOf(code),
      variables,
    );
  const unknown = variables.find((v) => !formulas.has(v) && !references.includes(v));
  if (unknown !== undefined)
    return refusal(
      `неизвестный код «${unknown}» в позиции ${positionOf(unknown)}: такого показателя или справочного значения нет (справочные: ${references.join(', ')}).`,
      positionOf(unknown),
      variables,
    );
  const readsOf = (c: string): string[] => {
    const f = formulas.get(c);
    if (!f) return [];
    try {
      return expressionVariables(parseExpression(f));
    } catch {
      return [];
    }
  };
  const cycle = cycleThrough(code, variables, readsOf);
  if (cycle)
    return refusal(
      `круговая ссылка: ${cycle.map((c) => `«${c}»`).join(' → ')} — формула «${cycle[1]}» ведёт обратно к «${code}».`,
      positionOf(cycle[1] as string),
      variables,
    );
  return { ok: true, message: null, position: null, variables };
}

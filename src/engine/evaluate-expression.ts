import type { Column } from './column.js';
import type { ExpressionNode } from './expression.js';

/** A value (NaN when missing or undefined) and, when undefined by the formula, why. */
export interface EvaluationResult {
  value: number | null;
  reason: string | null;
}

type Compiled = (row: number, fail: (reason: string) => void) => number;

function compile(node: ExpressionNode, lookup: (name: string) => Column | undefined): Compiled {
  switch (node.type) {
    case 'number': {
      const v = node.value;
      return () => v;
    }
    case 'variable': {
      const column = lookup(node.name);
      const name = node.name;
      if (!column) {
        return (_row, fail) => {
          fail(`Нет данных «${name}»`);
          return Number.NaN;
        };
      }
      return (row) => column[row] as number;
    }
    case 'negate': {
      const operand = compile(node.operand, lookup);
      return (row, fail) => -operand(row, fail);
    }
    case 'call': {
      const args = node.args.map((a) => compile(a, lookup));
      const pick = node.name === 'min' ? Math.min : Math.max;
      return (row, fail) => {
        let acc = pick === Math.min ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
        for (const arg of args) acc = pick(acc, arg(row, fail));
        return acc;
      };
    }
    case 'binary': {
      const left = compile(node.left, lookup);
      const right = compile(node.right, lookup);
      const at = node.position;
      switch (node.op) {
        case '+':
          return (row, fail) => left(row, fail) + right(row, fail);
        case '-':
          return (row, fail) => left(row, fail) - right(row, fail);
        case '*':
          return (row, fail) => left(row, fail) * right(row, fail);
        case '/':
          return (row, fail) => {
            const a = left(row, fail);
            const b = right(row, fail);
            // A missing operand is not a division by zero: it simply propagates.
            if (b === 0 && !Number.isNaN(a)) {
              fail(`Деление на ноль в позиции ${at}`);
              return Number.NaN;
            }
            return a / b;
          };
      }
    }
  }
}

/**
 * Evaluates a formula for every unit at once over named columns. Any missing input makes
 * the result missing; a division by zero makes it missing and is listed in `problems`.
 * An unknown name makes every unit missing, with a problem per unit.
 *
 * @example
 * evaluateExpressionColumn(parseExpression('a / b * 1000'), { a: new Float64Array([5]), b: new Float64Array([1000]) }, 1).values
 * // [5]
 */
export function evaluateExpressionColumn(
  node: ExpressionNode,
  columns: Readonly<Record<string, Column | undefined>>,
  rowCount: number,
): { values: Column; problems: { row: number; reason: string }[] } {
  const compiled = compile(node, (name) =>
    Object.hasOwn(columns, name) ? columns[name] : undefined,
  );
  const values = new Float64Array(rowCount);
  const problems: { row: number; reason: string }[] = [];
  let row = 0;
  let failed: string | null = null;
  const fail = (reason: string): void => {
    failed ??= reason;
  };
  for (row = 0; row < rowCount; row++) {
    failed = null;
    const v = compiled(row, fail);
    values[row] = failed === null ? v : Number.NaN;
    if (failed !== null) problems.push({ row, reason: failed });
  }
  return { values, problems };
}

/**
 * Evaluates a formula for one set of values; null (or absent) inputs give a null result.
 *
 * @example evaluateExpression(parseExpression('a / b'), { a: 1, b: 0 }).reason // 'Деление на ноль в позиции 3'
 */
export function evaluateExpression(
  node: ExpressionNode,
  scope: Readonly<Record<string, number | null | undefined>>,
): EvaluationResult {
  const columns: Record<string, Column> = {};
  for (const [name, v] of Object.entries(scope)) {
    columns[name] = new Float64Array([typeof v === 'number' ? v : Number.NaN]);
  }
  const { values, problems } = evaluateExpressionColumn(node, columns, 1);
  const v = values[0] as number;
  return { value: Number.isNaN(v) ? null : v, reason: problems[0]?.reason ?? null };
}

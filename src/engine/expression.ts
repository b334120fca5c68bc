import { ExpressionError } from './expression-error.js';
import { type Token, tokenizeExpression } from './tokenize-expression.js';

export type BinaryOperator = '+' | '-' | '*' | '/';
export type ExpressionFunction = 'min' | 'max';

/** The syntax tree of a derived-indicator formula; `position` is 1-based. */
export type ExpressionNode =
  | { type: 'number'; value: number; position: number }
  | { type: 'variable'; name: string; position: number }
  | { type: 'negate'; operand: ExpressionNode; position: number }
  | {
      type: 'binary';
      op: BinaryOperator;
      left: ExpressionNode;
      right: ExpressionNode;
      position: number;
    }
  | { type: 'call'; name: ExpressionFunction; args: ExpressionNode[]; position: number };

const FUNCTIONS: readonly string[] = ['min', 'max'];

function describeToken(token: Token): string {
  return token.kind === 'end' ? 'конец формулы' : `«${token.text}»`;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    return this.tokens[this.index++] as Token;
  }

  private expect(kind: ')' | ',', what: string): void {
    const token = this.peek();
    if (token.kind !== kind) {
      throw new ExpressionError(
        `Ожидалась ${what}, а встретилось ${describeToken(token)} в позиции ${token.position}`,
        token.position,
      );
    }
    this.next();
  }

  parse(): ExpressionNode {
    if (this.peek().kind === 'end') throw new ExpressionError('Пустая формула', 1);
    const node = this.sum();
    const token = this.peek();
    if (token.kind !== 'end') {
      const message =
        token.kind === ')'
          ? `Лишняя закрывающая скобка «)» в позиции ${token.position}`
          : `Ожидался оператор (+ − × /), а встретилось ${describeToken(token)} в позиции ${token.position}`;
      throw new ExpressionError(message, token.position);
    }
    return node;
  }

  private sum(): ExpressionNode {
    let left = this.product();
    for (
      let t = this.peek();
      t.kind === 'operator' && (t.op === '+' || t.op === '-');
      t = this.peek()
    ) {
      this.next();
      left = { type: 'binary', op: t.op, left, right: this.product(), position: t.position };
    }
    return left;
  }

  private product(): ExpressionNode {
    let left = this.unary();
    for (
      let t = this.peek();
      t.kind === 'operator' && (t.op === '*' || t.op === '/');
      t = this.peek()
    ) {
      this.next();
      left = { type: 'binary', op: t.op, left, right: this.unary(), position: t.position };
    }
    return left;
  }

  private unary(): ExpressionNode {
    const t = this.peek();
    if (t.kind === 'operator' && (t.op === '-' || t.op === '+')) {
      this.next();
      const operand = this.unary();
      return t.op === '-' ? { type: 'negate', operand, position: t.position } : operand;
    }
    return this.primary();
  }

  private primary(): ExpressionNode {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { type: 'number', value: t.value, position: t.position };
      case 'identifier':
        return this.peek().kind === '('
          ? this.call(t)
          : { type: 'variable', name: t.name, position: t.position };
      case '(': {
        const inner = this.sum();
        this.expect(')', `закрывающая скобка «)» к скобке из позиции ${t.position}`);
        return inner;
      }
      default:
        throw new ExpressionError(
          `Ожидалось число, переменная или «(», а встретилось ${describeToken(t)} в позиции ${t.position}`,
          t.position,
        );
    }
  }

  private call(name: Token & { kind: 'identifier' }): ExpressionNode {
    if (!FUNCTIONS.includes(name.name)) {
      throw new ExpressionError(
        `Неизвестная функция «${name.name}» в позиции ${name.position} (доступны min и max)`,
        name.position,
      );
    }
    this.next();
    const args = [this.sum()];
    while (this.peek().kind === ',') {
      this.next();
      args.push(this.sum());
    }
    this.expect(')', `закрывающая скобка «)» после аргументов ${name.name}`);
    if (args.length < 2) {
      throw new ExpressionError(
        `Функции «${name.name}» в позиции ${name.position} нужно не меньше двух аргументов`,
        name.position,
      );
    }
    return { type: 'call', name: name.name as ExpressionFunction, args, position: name.position };
  }
}

/**
 * Parses a derived-indicator formula: numbers, identifiers (indicator codes, reference values
 * such as `population`), + − × /, parentheses, unary minus, `min(…)` and `max(…)`. Never
 * evaluates code. Throws an {@link ExpressionError} with a Russian message and position.
 *
 * @example parseExpression('registrations / population * 1000').type // 'binary'
 */
export function parseExpression(source: string): ExpressionNode {
  return new Parser(tokenizeExpression(source)).parse();
}

/**
 * Names of the variables a formula reads, each once, in order of appearance.
 *
 * @example expressionVariables(parseExpression('a / b + a')) // ['a', 'b']
 */
export function expressionVariables(node: ExpressionNode): string[] {
  const names = new Set<string>();
  const visit = (n: ExpressionNode): void => {
    if (n.type === 'variable') names.add(n.name);
    else if (n.type === 'negate') visit(n.operand);
    else if (n.type === 'binary') {
      visit(n.left);
      visit(n.right);
    } else if (n.type === 'call') n.args.forEach(visit);
  };
  visit(node);
  return [...names];
}

import { ExpressionError } from './expression-error.js';

export type Token =
  | { kind: 'number'; value: number; position: number; text: string }
  | { kind: 'identifier'; name: string; position: number; text: string }
  | { kind: 'operator'; op: '+' | '-' | '*' | '/'; position: number; text: string }
  | { kind: '(' | ')' | ',' | 'end'; position: number; text: string };

// Formulas are copied from Russian documents, which write × · ÷ and the true minus sign.
const OPERATORS: Record<string, '+' | '-' | '*' | '/'> = {
  '+': '+',
  '-': '-',
  '\u2212': '-',
  '\u2013': '-',
  '*': '*',
  '\u00d7': '*',
  '\u00b7': '*',
  '/': '/',
  '\u00f7': '/',
};

const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_.]*/u;

/**
 * Splits a formula into tokens. Identifiers start with a letter (Latin or Cyrillic) or `_`
 * and may contain digits, `_` and `.`; numbers use a decimal point.
 *
 * @example tokenizeExpression('a / 2').map((t) => t.kind) // ['identifier', 'operator', 'number', 'end']
 */
export function tokenizeExpression(source: string): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(source);
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] as string;
    const position = i + 1;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const rest = chars.slice(i).join('');
    const op = OPERATORS[ch];
    if (op) {
      tokens.push({ kind: 'operator', op, position, text: ch });
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, position, text: ch });
      i++;
    } else if (/[0-9.]/.test(ch)) {
      const m = NUMBER.exec(rest);
      const text = m?.[0] ?? ch;
      const after = chars[i + Array.from(text).length];
      if (!m || (after !== undefined && /[\p{L}\p{N}_.]/u.test(after))) {
        const bad = /^[\p{L}\p{N}_.]+/u.exec(rest)?.[0] ?? ch;
        throw new ExpressionError(`Некорректное число «${bad}» в позиции ${position}`, position);
      }
      tokens.push({ kind: 'number', value: Number(text), position, text });
      i += Array.from(text).length;
    } else if (IDENTIFIER.test(rest)) {
      const text = (IDENTIFIER.exec(rest) as RegExpExecArray)[0];
      tokens.push({ kind: 'identifier', name: text, position, text });
      i += Array.from(text).length;
    } else {
      throw new ExpressionError(`Неизвестный символ «${ch}» в позиции ${position}`, position);
    }
  }
  tokens.push({ kind: 'end', position: chars.length + 1, text: '' });
  return tokens;
}

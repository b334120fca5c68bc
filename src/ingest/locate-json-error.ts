/** Where a JSON text stops being JSON: 1-based line and column, the reason, the line itself. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
  /** The text of the line (tabs as spaces), for showing with a caret under the column. */
  lineText: string;
}

class Stop {
  constructor(
    readonly at: number,
    readonly message: string,
  ) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * A small JSON reader that only looks for the first syntax error, so that the message is in
 * Russian and says line and column whatever the JavaScript engine's own wording (which
 * differs between Node versions and sometimes gives no position at all). Null when the text
 * is valid JSON.
 *
 * @example locateJsonError('{\n  "a": 1\n  "b": 2\n}')
 * // { line: 3, column: 3, message: 'ожидалась «,» или «}»', lineText: '  "b": 2' }
 */
export function locateJsonError(text: string): JsonSyntaxError | null {
  let pos = 0;
  const skip = () => {
    while (pos < text.length && WHITESPACE.has(text[pos] as string)) pos += 1;
  };
  const fail = (message: string): never => {
    throw new Stop(pos, pos >= text.length ? `файл обрывается: ${message}` : message);
  };
  const string = () => {
    pos += 1;
    while (pos < text.length) {
      const ch = text[pos] as string;
      if (ch === '"') {
        pos += 1;
        return;
      }
      if (ch < ' ') fail('перевод строки или управляющий символ внутри строки в кавычках');
      if (ch === '\\') {
        const next = text[pos + 1] ?? '';
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) pos += 6;
        else if ('"\\/bfnrt'.includes(next) && next !== '') pos += 2;
        else fail(`неверная последовательность «\\${next}» в строке`);
      } else pos += 1;
    }
    fail('строка не закрыта кавычкой');
  };
  const value = (): void => {
    skip();
    const ch = text[pos];
    if (ch === '{' || ch === '[' || ch === '"') {
      if (ch === '{') object();
      else if (ch === '[') array();
      else string();
      return;
    }
    for (const pattern of [NUMBER, LITERAL]) {
      pattern.lastIndex = pos;
      if (pattern.test(text)) {
        pos = pattern.lastIndex;
        return;
      }
    }
    if (ch === "'") fail('строки в JSON пишутся в двойных кавычках');
    fail(ch === undefined ? 'ожидалось значение' : `ожидалось значение, а не «${ch}»`);
  };
  const object = () => {
    pos += 1;
    skip();
    if (text[pos] === '}') {
      pos += 1;
      return;
    }
    for (;;) {
      skip();
      if (text[pos] === '}') fail('лишняя запятая перед «}»');
      if (text[pos] !== '"') fail('ожидалось имя поля в двойных кавычках');
      string();
      skip();
      if (text[pos] !== ':') fail('ожидалось «:» после имени поля');
      pos += 1;
      value();
      skip();
      if (text[pos] === ',') pos += 1;
      else if (text[pos] === '}') {
        pos += 1;
        return;
      } else fail('ожидалась «,» или «}»');
    }
  };
  const array = () => {
    pos += 1;
    skip();
    if (text[pos] === ']') {
      pos += 1;
      return;
    }
    for (;;) {
      skip();
      if (text[pos] === ']') fail('лишняя запятая перед «]»');
      value();
      skip();
      if (text[pos] === ',') pos += 1;
      else if (text[pos] === ']') {
        pos += 1;
        return;
      } else fail('ожидалась «,» или «]»');
    }
  };
  try {
    value();
    skip();
    if (pos < text.length) fail('лишний текст после конца документа');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return placeOf(text, e.at, e.message);
  }
}

function placeOf(text: string, at: number, message: string): JsonSyntaxError {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const start = before.lastIndexOf('\n') + 1;
  const end = text.indexOf('\n', start);
  const lineText = text
    .slice(start, end === -1 ? text.length : end)
    .replace(/\r$/, '')
    .replaceAll('\t', ' ');
  return { line, column: at - start + 1, message, lineText };
}

/**
 * The error as a reader sees it: the reason, then the line with a caret under the column
 * (long lines cut around it).
 *
 * @example describeJsonError({ line: 3, column: 3, message: 'ожидалась «,» или «}»', lineText: '  "b": 2' })
 */
export function describeJsonError(e: JsonSyntaxError): string {
  const from = Math.max(0, e.column - 60);
  const shown = `${from > 0 ? '…' : ''}${e.lineText.slice(from, from + 120)}`;
  const caret = ' '.repeat(e.column - 1 - from + (from > 0 ? 1 : 0));
  return `столбец ${e.column}: ${e.message}\n    ${shown}\n    ${caret}^`;
}

import { describe, expect, it } from 'vitest';
import { describeJsonError, locateJsonError } from './locate-json-error.js';

describe('locateJsonError', () => {
  it.each([
    // A missing comma between two fields: the second field's quote, line 3 column 3.
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'ожидалась «,» или «}»'],
    // `"b" 2`: the 2 stands where the colon should (line 2, after `  "b" `: column 7).
    ['{\n  "b" 2\n}', 2, 7, 'ожидалось «:» после имени поля'],
    // A trailing comma: the closing brace on line 3, column 1.
    ['{\n  "a": 1,\n}', 3, 1, 'лишняя запятая перед «}»'],
    ['[1, 2,]', 1, 7, 'лишняя запятая перед «]»'],
    ["{ 'a': 1 }", 1, 3, 'ожидалось имя поля в двойных кавычках'],
    ['{ "a": tru }', 1, 8, 'ожидалось значение, а не «t»'],
    ['{ "a": [1, 2 }', 1, 14, 'ожидалась «,» или «]»'],
    ['{ "a": 1 } x', 1, 12, 'лишний текст после конца документа'],
    // Cut short: the position is the end of the text, line 2 column 9.
    ['{\n  "a": [', 2, 9, 'файл обрывается: ожидалось значение'],
    ['{ "a": "x\\q" }', 1, 10, 'неверная последовательность «\\q» в строке'],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toMatchObject({ line, column, message });
  });

  it.each(['{}', '[]', '{"a": [1, -2.5e-3, true, null, "x\\u00e9\\n"]}', ' 0 '])(
    '%j is valid',
    (text) => {
      expect(locateJsonError(text)).toBeNull();
    },
  );

  it('shows the line with a caret under the column', () => {
    const place = locateJsonError('{\n  "a": 1\n  "b": 2\n}');
    expect(place && describeJsonError(place)).toBe(
      'столбец 3: ожидалась «,» или «}»\n      "b": 2\n      ^',
    );
  });
});

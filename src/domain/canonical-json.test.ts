import { describe, expect, it } from 'vitest';
import {
  CanonicalRecord,
  canonicalJson,
  canonicalJsonParts,
  PlainJsonString,
} from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every level, in records of numbers too, and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    // A flat record (the rows' values): keys by code unit, "I10" before "I2", "index" last.
    expect(canonicalJson({ index: 5, I2: null, I10: 1.5, skip: undefined })).toBe(
      '{"I10":1.5,"I2":null,"index":5}',
    );
    expect(canonicalJson({ z: { y: [{ b: true, a: 'x' }], x: undefined } })).toBe(
      '{"z":{"y":[{"a":"x","b":true}]}}',
    );
  });

  it('writes numbers as JSON does: −0 as 0, NaN and the infinities as null, in arrays and not', () => {
    expect(canonicalJson([-0, Number.NaN, Number.POSITIVE_INFINITY, 0.1 + 0.2, 1e21])).toBe(
      '[0,null,null,0.30000000000000004,1e+21]',
    );
    expect(
      canonicalJson({ a: -0, b: Number.NaN, c: [[-0], { d: Number.NEGATIVE_INFINITY }] }),
    ).toBe('{"a":0,"b":null,"c":[[0],{"d":null}]}');
    // Undefined in an array is null, as JSON.stringify writes it.
    expect(canonicalJson([undefined, 'ё"\\'])).toBe('[null,"ё\\"\\\\"]');
  });

  it('writes a record made from a map as the same text as the record itself', () => {
    // Code-unit order ("u10" before "u2", digits before letters, Cyrillic last), −0 as 0,
    // NaN as null, a key that needs escaping.
    const places = new Map<string, number | null>([
      ['u2', 3],
      ['u10', null],
      ['10', -0],
      ['ж', Number.NaN],
      ['a"b', 1.5],
      ['__proto__', 2],
    ]);
    const text = '{"p":{"10":0,"__proto__":2,"a\\"b":1.5,"u10":null,"u2":3,"ж":null}}';
    expect(canonicalJson({ p: new CanonicalRecord(places) })).toBe(text);
    expect(canonicalJson({ p: Object.fromEntries(places) })).toBe(text);
    expect(canonicalJsonParts({ p: new CanonicalRecord(new Map()) }).between).toEqual(['{"p":{}}']);
  });

  it('writes plain strings between quotes, and gives the text in parts around them', () => {
    const value = {
      units: [{ name: 'Ясненский', code: 'u1' }],
      raw: { I2: new PlainJsonString('AAAAAAAA8D8='), I1: new PlainJsonString('') },
      // The mark put where a plain string goes, inside a user's text.
      note: 'знак \u0001 в тексте',
      list: [new PlainJsonString('QUJD'), 'ж'],
    };
    expect(canonicalJson(value)).toBe(
      '{"list":["QUJD","ж"],"note":"знак \\u0001 в тексте",' +
        '"raw":{"I1":"","I2":"AAAAAAAA8D8="},"units":[{"code":"u1","name":"Ясненский"}]}',
    );
    expect(canonicalJsonParts(value)).toEqual({
      between: [
        '{"list":["',
        '","ж"],"note":"знак \\u0001 в тексте","raw":{"I1":"',
        '","I2":"',
        '"},"units":[{"code":"u1","name":"Ясненский"}]}',
      ],
      plain: ['QUJD', '', 'AAAAAAAA8D8='],
    });
    expect(canonicalJsonParts({ b: [1, 2], a: 'x' })).toEqual({
      between: ['{"a":"x","b":[1,2]}'],
      plain: [],
    });
  });
});

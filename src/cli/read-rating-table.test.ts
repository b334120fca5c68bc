import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../ingest/input-problem.js';
import { readRatingTable } from './read-rating-table.js';

const dir = mkdtempSync(join(tmpdir(), 'munirank-read-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function read(text: string) {
  files += 1;
  const file = join(dir, `data-${files}.csv`);
  writeFileSync(file, text);
  return readRatingTable(file);
}

function problemsOf(text: string) {
  try {
    read(text);
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => [p.row, p.column, p.message]);
    throw error;
  }
  return [];
}

// CRLF, a lone CR, a blank line and a row of empty cells: every kind of line the readers meet.
const PLAIN =
  'код;наименование;x;y\r\nu1;Первый;1,5;\r\n\r\n;;;\nu2;Второй; 2 000 ;7\ru3;Третий;н/д;3\n';

describe('readRatingTable', () => {
  it('reads a file without quotes line by line, as the quoted reader does', () => {
    const plain = read(PLAIN);
    expect(plain.units.map((u) => [u.code, u.name])).toEqual([
      ['u1', 'Первый'],
      ['u2', 'Второй'],
      ['u3', 'Третий'],
    ]);
    // Columns of doubles, NaN where a cell is empty or says there is no value.
    const columns = (values: Record<string, ArrayLike<number | null>>) =>
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.from(v)]));
    expect(plain.values.x).toBeInstanceOf(Float64Array);
    expect(columns(plain.values)).toEqual({ x: [1.5, 2000, Number.NaN], y: [Number.NaN, 7, 3] });
    // One quoted name sends the same rows through the character-by-character reader.
    const quoted = read(PLAIN.replace('Первый', '"Первый"'));
    expect(quoted.units).toEqual(plain.units);
    expect(quoted.values).toEqual(plain.values);
  });

  it('names the same line of a bad cell with or without quotes', () => {
    const bad = PLAIN.replace('н/д', 'абв');
    const expected = [[6, 'x', '«абв» — не число']];
    expect(problemsOf(bad)).toEqual(expected);
    expect(problemsOf(bad.replace('Первый', '"Первый"'))).toEqual(expected);
  });
});

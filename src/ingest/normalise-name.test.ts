import { describe, expect, it } from 'vitest';
import { normaliseName } from './normalise-name.js';

describe('normaliseName', () => {
  it.each([
    ['Грачёвский район', 'Грачевский район'],
    ['г.Орск', 'город Орск'],
    ['г. Орск', 'ГОРОД ОРСК'],
    ['Соль-Илецкий городской округ', 'Соль – Илецкий  городской округ'],
    ['ЗАТО «Комаровский»', 'ЗАТО Комаровский'],
  ])('%s ≡ %s', (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
  });

  it.each([
    ['Бузулукский район', 'г.Бузулук'],
    ['Гайский район', 'Гайский городской округ'],
  ])('%s ≢ %s', (a, b) => {
    expect(normaliseName(a)).not.toBe(normaliseName(b));
  });

  it('gives the canonical form', () => {
    expect(normaliseName(' г.Бузулук ')).toBe('город бузулук');
  });
});

import { describe, expect, it } from 'vitest';
import { searchText } from './search-text.js';

describe('searchText', () => {
  it('finds Грачёвский typed with е and in lower case', () => {
    expect(searchText('Грачёвский район').includes(searchText('грачевский'))).toBe(true);
    expect(searchText('ГРАЧЁВСКИЙ')).toBe('грачевский');
  });
  it('reads г. as город and drops quotes and extra spaces', () => {
    expect(searchText('г.Орск')).toBe('город орск');
    expect(searchText('  «Город»   Орск ')).toBe('город орск');
  });
});

import { describe, expect, it } from 'vitest';
import { slugOf } from './slug.js';

describe('slugOf', () => {
  it('transliterates a Russian name into a registry code', () => {
    expect(slugOf('Городской округ Заречный')).toBe('gorodskoy-okrug-zarechnyy');
    expect(slugOf('г. Щучье-2 (ЗАТО)')).toBe('g-shchuche-2-zato');
    expect(slugOf('«»')).toBe('');
  });
});

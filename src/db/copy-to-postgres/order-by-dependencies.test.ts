import { describe, expect, it } from 'vitest';
import { orderByDependencies } from './order-by-dependencies.js';

describe('orderByDependencies', () => {
  it('puts every table after the tables it refers to, ties by name', () => {
    const order = orderByDependencies(
      ['user_session', 'municipality', 'region', 'user_account', 'observation', 'indicator'],
      [
        ['user_session', 'user_account'],
        ['municipality', 'region'],
        ['municipality', 'municipality'],
        ['observation', 'municipality'],
        ['observation', 'indicator'],
        ['indicator', 'region'],
      ],
    );
    expect(order).toEqual([
      'region',
      'user_account',
      'indicator',
      'municipality',
      'user_session',
      'observation',
    ]);
  });

  it('ignores references to tables outside the list and refuses a cycle', () => {
    expect(orderByDependencies(['a'], [['a', 'schema_migration']])).toEqual(['a']);
    expect(() =>
      orderByDependencies(
        ['a', 'b', 'c'],
        [
          ['a', 'b'],
          ['b', 'a'],
        ],
      ),
    ).toThrow('Циклические внешние ключи между таблицами: a, b');
  });
});

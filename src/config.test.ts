import { describe, expect, it } from 'vitest';
import { DEFAULT_DB_POOL_SIZE, readConfig } from './config.js';

describe('readConfig: MUNIRANK_DB_POOL_SIZE', () => {
  it('is 20 connections when unset or empty', () => {
    expect(DEFAULT_DB_POOL_SIZE).toBe(20);
    expect(readConfig({}, {}).poolSize).toBe(20);
    expect(readConfig({}, { MUNIRANK_DB_POOL_SIZE: ' ' }).poolSize).toBe(20);
  });

  it('takes any whole number from 1 to 1000', () => {
    expect(readConfig({}, { MUNIRANK_DB_POOL_SIZE: '1' }).poolSize).toBe(1);
    expect(readConfig({}, { MUNIRANK_DB_POOL_SIZE: '64' }).poolSize).toBe(64);
    expect(readConfig({}, { MUNIRANK_DB_POOL_SIZE: '1000' }).poolSize).toBe(1000);
  });

  it.each(['0', '1001', '-5', '2.5', 'двадцать', '20abc'])(
    'refuses «%s» with a message naming the variable',
    (raw) => {
      expect(() => readConfig({}, { MUNIRANK_DB_POOL_SIZE: raw })).toThrow(
        `MUNIRANK_DB_POOL_SIZE: «${raw}» — ожидается целое число соединений от 1 до 1000`,
      );
    },
  );
});

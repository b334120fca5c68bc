import { describe, expect, it } from 'vitest';
import { metricsRefusal, readMetricsAccess } from './metrics-access.js';

const ask = (env: Record<string, string>, ip: string, authorization?: string) =>
  metricsRefusal(readMetricsAccess(env), { ip, authorization });

describe('who may read /metrics', () => {
  it('nobody when neither a token nor addresses are set', () => {
    expect(ask({}, '127.0.0.1')).toBe(
      'Метрики закрыты: задайте MUNIRANK_METRICS_TOKEN и/или MUNIRANK_METRICS_ALLOW.',
    );
  });

  it('the bearer of the token', () => {
    const env = { MUNIRANK_METRICS_TOKEN: 's3cret' };
    expect(ask(env, '10.1.1.1', 'Bearer s3cret')).toBeNull();
    expect(ask(env, '10.1.1.1', 'bearer s3cret')).toBeNull();
    expect(ask(env, '10.1.1.1', 'Bearer s3cre')).toContain('Метрики требуют токен');
    expect(ask(env, '10.1.1.1')).toContain('Метрики требуют токен');
  });

  it('listed addresses and networks, IPv4 seen through IPv6 too', () => {
    const env = { MUNIRANK_METRICS_ALLOW: '127.0.0.1, 10.20.0.0/16 ::1' };
    expect(ask(env, '127.0.0.1')).toBeNull();
    expect(ask(env, '::ffff:10.20.3.4')).toBeNull();
    expect(ask(env, '::1')).toBeNull();
    expect(ask(env, '10.21.0.1')).toBe('Метрики недоступны с адреса 10.21.0.1.');
  });

  it('both, when both are set', () => {
    const env = { MUNIRANK_METRICS_ALLOW: '10.0.0.0/8', MUNIRANK_METRICS_TOKEN: 't' };
    expect(ask(env, '10.0.0.5', 'Bearer t')).toBeNull();
    expect(ask(env, '192.168.0.5', 'Bearer t')).toBe('Метрики недоступны с адреса 192.168.0.5.');
    expect(ask(env, '10.0.0.5')).toContain('Метрики требуют токен');
  });

  it('refuses a malformed list at start-up', () => {
    expect(() => readMetricsAccess({ MUNIRANK_METRICS_ALLOW: 'localhost' })).toThrow(
      'MUNIRANK_METRICS_ALLOW: «localhost» — не адрес и не сеть вида 10.0.0.0/8',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, renderMetrics } from './prometheus-registry.js';

describe('the Prometheus text format', () => {
  it('writes counters, cumulative histogram buckets and gauges', () => {
    const c = new Counter('jobs_total', 'Jobs.');
    c.inc({ state: 'done' });
    c.inc({ state: 'done' }, 2);
    c.inc({ state: 'say "hi"\n' });
    const h = new Histogram('d_seconds', 'Durations.', [0.1, 1]);
    h.observe({ route: '/a' }, 0.05);
    h.observe({ route: '/a' }, 0.5);
    h.observe({ route: '/a' }, 3);
    const g = new Gauge('pool', 'Pool.', () => [{ labels: { kind: 'idle' }, value: 4 }]);
    expect(renderMetrics([c, h, g])).toBe(
      [
        '# HELP jobs_total Jobs.',
        '# TYPE jobs_total counter',
        'jobs_total{state="done"} 3',
        'jobs_total{state="say \\"hi\\"\\n"} 1',
        '# HELP d_seconds Durations.',
        '# TYPE d_seconds histogram',
        'd_seconds_bucket{route="/a",le="0.1"} 1',
        'd_seconds_bucket{route="/a",le="1"} 2',
        'd_seconds_bucket{route="/a",le="+Inf"} 3',
        'd_seconds_sum{route="/a"} 3.55',
        'd_seconds_count{route="/a"} 3',
        '# HELP pool Pool.',
        '# TYPE pool gauge',
        'pool{kind="idle"} 4',
        '',
      ].join('\n'),
    );
    expect(c.value({ state: 'done' })).toBe(3);
  });
});

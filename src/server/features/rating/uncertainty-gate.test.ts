import { describe, expect, it } from 'vitest';
import { UncertaintyGate } from './uncertainty-gate.js';

describe('UncertaintyGate', () => {
  it('lets one run in at a time and extrapolates its end from its pace', () => {
    let now = 0;
    const gate = new UncertaintyGate(() => now);
    const slot = gate.enter(1000);
    expect(slot).not.toBeNull();
    expect(gate.enter(10)).toBeNull();
    // Nothing done yet: no pace to go by.
    expect(gate.retryAfterSeconds()).toBe(5);
    now = 2000;
    slot?.progress(250);
    // 250 draws in 2 s → 750 more take 6 s.
    expect(gate.retryAfterSeconds()).toBe(6);
    now = 7990;
    slot?.progress(999);
    expect(gate.retryAfterSeconds()).toBe(1);
    slot?.release();
    const next = gate.enter(10);
    expect(next).not.toBeNull();
    // A stale release of the finished run does not free the new one's slot.
    slot?.release();
    expect(gate.enter(10)).toBeNull();
  });
});

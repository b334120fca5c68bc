import { describe, expect, it } from 'vitest';
import { scoreColour } from './score-colour.js';

const thresholds = [
  { from: 60, colour: '#2e7d32', label: 'высокий' },
  { from: 0, colour: '#c62828', label: 'низкий' },
  { from: 30, colour: '#f9a825', label: 'средний' },
];

describe('scoreColour', () => {
  it('takes the highest threshold not above the score, whatever their order', () => {
    expect(scoreColour(thresholds, 29.99)?.label).toBe('низкий');
    expect(scoreColour(thresholds, 30)?.label).toBe('средний');
    expect(scoreColour(thresholds, 100)?.label).toBe('высокий');
  });
  it('has no colour without a score or below every threshold', () => {
    expect(scoreColour(thresholds, null)).toBeNull();
    expect(scoreColour(thresholds, -1)).toBeNull();
    expect(scoreColour([], 50)).toBeNull();
  });
});

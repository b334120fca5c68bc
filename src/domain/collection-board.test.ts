import { describe, expect, it } from 'vitest';
import {
  boardRowMatches,
  type CollectionBoardRow,
  countBoardRows,
  isLate,
} from './collection-board.js';

const row = (over: Partial<CollectionBoardRow>): CollectionBoardRow => ({
  municipality: { id: 1, code: 'buzuluk-city', name: 'г.Бузулук', kind: 'city_okrug' },
  status: 'draft',
  notStarted: false,
  submittedAt: null,
  comment: null,
  late: false,
  filled: 0,
  expected: 2,
  ...over,
});

describe('isLate', () => {
  it.each([
    // status, submittedAt, due, today, late
    ['draft', null, null, '2031-06-01', false],
    ['draft', null, '2031-05-10', '2031-05-10', false],
    ['draft', null, '2031-05-10', '2031-05-11', true],
    ['returned', '2031-05-01T10:00:00Z', '2031-05-10', '2031-05-11', true],
    ['submitted', '2031-05-10T23:59:00Z', '2031-05-10', '2031-06-01', false],
    ['submitted', '2031-05-11T00:00:00Z', '2031-05-10', '2031-05-11', true],
    ['approved', '2031-05-09T12:00:00Z', '2031-05-10', '2031-06-01', false],
    ['locked', '2031-05-12T12:00:00Z', '2031-05-10', '2031-06-01', true],
  ] as const)('%s submitted %s, due %s, on %s → %s', (status, at, due, today, late) => {
    expect(isLate(status, at, due, today)).toBe(late);
  });
});

describe('board filters and counts', () => {
  const rows = [
    row({ notStarted: true, late: true }),
    row({ status: 'submitted', filled: 2, late: true }),
    row({ status: 'returned', filled: 1 }),
    row({ status: 'approved', filled: 2 }),
  ];

  it('counts every state, the late and the complete', () => {
    expect(countBoardRows(rows)).toEqual({
      total: 4,
      notStarted: 1,
      draft: 1,
      submitted: 1,
      returned: 1,
      approved: 1,
      locked: 0,
      late: 2,
      complete: 2,
    });
  });

  it('keeps the rows a filter asks for', () => {
    const keep = (f: Parameters<typeof boardRowMatches>[1]) =>
      rows.map((r) => boardRowMatches(r, f));
    expect(keep('all')).toEqual([true, true, true, true]);
    expect(keep('not_started')).toEqual([true, false, false, false]);
    expect(keep('late')).toEqual([true, true, false, false]);
    expect(keep('incomplete')).toEqual([true, false, true, false]);
    expect(keep('returned')).toEqual([false, false, true, false]);
  });
});

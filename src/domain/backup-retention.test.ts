import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToDelete, backupTimeOfName } from './backup-retention.js';

const at = (iso: string) => backupFileName(new Date(iso));

describe('scheduled backup names', () => {
  it('are UTC, sortable and read back', () => {
    expect(at('2026-12-05T02:30:07.900Z')).toBe('munirank-2026-12-05T02-30-07Z.backup');
    expect(backupTimeOfName('munirank-2026-12-05T02-30-07Z.backup')).toBe('2026-12-05T02:30:07Z');
    expect(backupTimeOfName('munirank-2026-12-05T02-30-07Z.backup.partial')).toBeNull();
    expect(backupTimeOfName('notes.txt')).toBeNull();
  });
});

describe('backupsToDelete', () => {
  // Two a day at 01:00 and 13:00 from 2026-10-30 to 2026-12-05: 37 days, 74 files.
  const names: string[] = [];
  for (let d = 0; d < 37; d += 1)
    for (const h of [1, 13]) names.push(at(new Date(Date.UTC(2026, 9, 30 + d, h)).toISOString()));

  it('keeps the newest of each of the last N days and M months', () => {
    const deleted = backupsToDelete(names, { daily: 3, monthly: 2 });
    const kept = names.filter((n) => !deleted.includes(n)).sort();
    expect(kept).toEqual([
      // months: November's newest (30th, 13:00); December's newest is the newest overall
      'munirank-2026-11-30T13-00-00Z.backup',
      // days: 3rd, 4th and 5th of December, the 13:00 one of each
      'munirank-2026-12-03T13-00-00Z.backup',
      'munirank-2026-12-04T13-00-00Z.backup',
      'munirank-2026-12-05T13-00-00Z.backup',
    ]);
    expect(deleted).toHaveLength(70);
  });

  it('counts days and months that have a backup, not calendar ones', () => {
    const sparse = [
      at('2026-01-10T00:00:00Z'),
      at('2026-06-01T00:00:00Z'),
      at('2026-06-20T00:00:00Z'),
    ];
    expect(backupsToDelete(sparse, { daily: 2, monthly: 0 })).toEqual([
      'munirank-2026-01-10T00-00-00Z.backup',
    ]);
    expect(backupsToDelete(sparse, { daily: 0, monthly: 2 })).toEqual([
      'munirank-2026-06-01T00-00-00Z.backup',
    ]);
  });

  it('always keeps the newest and never names other files', () => {
    const mixed = [
      at('2026-12-01T00:00:00Z'),
      at('2026-12-02T00:00:00Z'),
      'munirank.sqlite',
      'x.backup',
    ];
    expect(backupsToDelete(mixed, { daily: 0, monthly: 0 })).toEqual([
      'munirank-2026-12-01T00-00-00Z.backup',
    ]);
    expect(backupsToDelete([], { daily: 7, monthly: 12 })).toEqual([]);
  });
});

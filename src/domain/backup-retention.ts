/** How many scheduled backups to keep: the newest of each of the last N days and M months. */
export interface BackupRetention {
  daily: number;
  monthly: number;
}

const NAME = /^munirank-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.backup$/;

/**
 * The name a scheduled backup taken at `at` gets (UTC, sortable, no colons for Windows shares).
 *
 * @example backupFileName(new Date('2026-12-05T02:30:00Z')) // 'munirank-2026-12-05T02-30-00Z.backup'
 */
export function backupFileName(at: Date): string {
  return `munirank-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z.backup`;
}

/** The UTC time in a scheduled backup's name, as ISO text; null for any other file. */
export function backupTimeOfName(name: string): string | null {
  const m = NAME.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}Z` : null;
}

/**
 * The scheduled backups to delete: every file named like one except the newest of each of the
 * `daily` most recent days that have a backup and the newest of each of the `monthly` most
 * recent months that have one (UTC). The newest backup is always kept; other files are never
 * named.
 *
 * @example backupsToDelete(['munirank-2026-12-05T02-00-00Z.backup', 'munirank-2026-12-05T01-00-00Z.backup'], { daily: 1, monthly: 0 })
 * // ['munirank-2026-12-05T01-00-00Z.backup']
 */
export function backupsToDelete(names: readonly string[], keep: BackupRetention): string[] {
  const dated = names
    .map((name) => ({ name, at: backupTimeOfName(name) }))
    .filter((b): b is { name: string; at: string } => b.at !== null)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const kept = new Set<string>(dated.slice(0, 1).map((b) => b.name));
  const keepNewestPer = (keyLength: number, count: number) => {
    const seen = new Set<string>();
    for (const b of dated) {
      const key = b.at.slice(0, keyLength);
      if (seen.has(key)) continue;
      if (seen.size === count) break;
      seen.add(key);
      kept.add(b.name);
    }
  };
  keepNewestPer(10, keep.daily);
  keepNewestPer(7, keep.monthly);
  return dated
    .filter((b) => !kept.has(b.name))
    .map((b) => b.name)
    .sort();
}

import type { Kysely } from 'kysely';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import type { Database } from '../../src/db/schema/index.js';
import type { AuditContext } from '../../src/server/features/access/audit.js';
import { saveEntryForm } from '../../src/server/features/collection/entry-service.js';
import { transitionSubmission } from '../../src/server/features/collection/workflow-service.js';

export const SYSTEM: AuditContext = {
  actor: { kind: 'system', label: 'тест' },
  ip: null,
  userAgent: null,
  at: new Date('2030-01-15T10:00:00Z'),
};

let month = 0;

/** A monthly period no other test touches (2041-01, 2041-02, …). */
export function freshPeriod(): string {
  month += 1;
  const year = 2040 + Math.ceil(month / 12);
  return `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
}

/** Every entered indicator of a monthly form of the Orenburg demo, valid. */
export const COMPLETE_MONTH = { rating_2016: 0.5, esia_new: 1000, esia_total: 10000 };

/** A fresh period whose form for `code` is complete and, optionally, already moved on. */
export async function preparedForm(
  db: Kysely<Database>,
  code: string,
  state: 'draft' | 'submitted' | 'approved' | 'locked' = 'draft',
): Promise<string> {
  const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
  const period = freshPeriod();
  await saveEntryForm(db, regionId, code, period, { values: COMPLETE_MONTH }, SYSTEM);
  const steps = {
    draft: [],
    submitted: ['submit'],
    approved: ['submit', 'approve'],
    locked: ['submit', 'approve', 'lock'],
  } as const;
  for (const action of steps[state])
    await transitionSubmission(db, regionId, code, period, { action }, SYSTEM);
  return period;
}

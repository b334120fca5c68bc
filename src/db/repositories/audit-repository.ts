import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AuditEventTable } from '../schema/audit-event.js';
import type { Database } from '../schema/index.js';

export type AuditEventRow = Selectable<AuditEventTable>;

export async function insertAuditEvent(
  db: Kysely<Database>,
  values: Insertable<AuditEventTable>,
): Promise<void> {
  await db.insertInto('audit_event').values(values).execute();
}

export interface AuditFilter {
  /** Matches the actor's username or label exactly. */
  actor?: string;
  /** Exact action, or a prefix ending in `.` (e.g. `auth.`). */
  action?: string;
  outcome?: AuditEventTable['outcome'];
  /** ISO timestamps, `from` inclusive and `to` exclusive. */
  from?: string;
  to?: string;
  limit: number;
}

export async function listAuditEvents(
  db: Kysely<Database>,
  filter: AuditFilter,
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_event').selectAll();
  if (filter.actor !== undefined) query = query.where('actor_label', '=', filter.actor);
  if (filter.action !== undefined) {
    query = filter.action.endsWith('.')
      ? query.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '')}%`)
      : query.where('action', '=', filter.action);
  }
  if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

import type { Kysely } from 'kysely';
import { type AuditEventRow, listAuditEvents } from '../../../db/repositories/audit-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Tabular, TabularColumn } from '../../../documents/tabular.js';
import {
  AUDIT_OUTCOME_LABELS,
  type AuditEventView,
  type AuditQuery,
} from '../../../domain/access.js';
import { auditActionLabel, auditEntityLabel } from '../../../domain/audit-labels.js';
import { formatDateTimeRu } from '../../../domain/russian-date-format.js';
import type { AuditContext } from './audit.js';
import { authorize } from './authorize.js';

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

function toView(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    at: row.at,
    actorUserId: row.actor_user_id,
    actor: row.actor_label,
    ip: row.ip,
    userAgent: row.user_agent,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: parse(row.before_json),
    after: parse(row.after_json),
    outcome: row.outcome,
    detail: row.detail,
  };
}

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

/** Audit events, newest first; `from`/`to` are calendar days (UTC), both inclusive. */
export async function queryAuditTrail(
  db: Kysely<Database>,
  query: AuditQuery,
  context: AuditContext,
): Promise<AuditEventView[]> {
  authorize(context.actor, 'audit.read', { entityType: 'audit_event' });
  const rows = await listAuditEvents(db, {
    ...(query.user ? { actor: query.user } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.from ? { from: `${query.from}T00:00:00.000Z` } : {}),
    ...(query.to ? { to: nextDay(query.to) } : {}),
    limit: query.limit ?? 200,
  });
  return rows.map(toView);
}

/**
 * The audit trail as a table: actions and objects in words beside their codes (for filters
 * and scripts), time in the server's zone beside the UTC instant, changes as JSON text.
 */
export function auditTrailTable(events: AuditEventView[]): Tabular {
  const json = (value: unknown) =>
    value === null || value === undefined
      ? null
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  const text = (title: string, width?: number): TabularColumn =>
    width ? { title, width } : { title };
  return {
    title: 'Журнал аудита',
    sheetName: 'Журнал аудита',
    columns: [
      { title: '№', decimals: 0, width: 8 },
      text('Время (местное)', 20),
      text('Время (UTC)', 26),
      text('Пользователь', 18),
      text('IP-адрес', 16),
      text('Браузер', 24),
      text('Действие', 32),
      text('Код действия', 24),
      text('Объект', 24),
      text('Код объекта', 18),
      text('Идентификатор', 16),
      text('Результат', 12),
      text('Было', 40),
      text('Стало', 40),
      text('Подробности', 40),
    ],
    rows: events.map((e) => [
      e.id,
      formatDateTimeRu(e.at),
      e.at,
      e.actor,
      e.ip,
      e.userAgent,
      auditActionLabel(e.action),
      e.action,
      auditEntityLabel(e.entityType),
      e.entityType,
      e.entityId,
      AUDIT_OUTCOME_LABELS[e.outcome],
      json(e.before),
      json(e.after),
      json(e.detail),
    ]),
  };
}

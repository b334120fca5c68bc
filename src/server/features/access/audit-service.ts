import type { Kysely } from 'kysely';
import { type AuditEventRow, listAuditEvents } from '../../../db/repositories/audit-repository.js';
import type { Database } from '../../../db/schema/index.js';
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
 * A cell for Excel and LibreOffice: quoted, quotes doubled, and a leading `= + - @` neutralised
 * so that a value typed by someone can never run as a formula (CSV injection).
 */
function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The audit trail as CSV in UTF-8 with a BOM and `;`, which Excel opens correctly in Russian:
 * actions and objects in words beside their codes (for filters and scripts), time in the
 * server's zone beside the UTC instant.
 */
export function auditTrailCsv(events: AuditEventView[]): string {
  const header = [
    '№',
    'Время (местное)',
    'Время (UTC)',
    'Пользователь',
    'IP-адрес',
    'Браузер',
    'Действие',
    'Код действия',
    'Объект',
    'Код объекта',
    'Идентификатор',
    'Результат',
    'Было',
    'Стало',
    'Подробности',
  ];
  const lines = events.map((e) =>
    [
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
      e.before,
      e.after,
      e.detail,
    ]
      .map(csvCell)
      .join(';'),
  );
  return `\uFEFF${[header.map(csvCell).join(';'), ...lines].join('\r\n')}\r\n`;
}

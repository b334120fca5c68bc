import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { insertAuditEvent } from '../../../db/repositories/audit-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { AuditOutcome } from '../../../domain/access.js';
import { type Actor, actorLabel, actorUserId } from './actor.js';

/** Who acts, from where and when: taken from the request (or made up by the CLI). */
export interface AuditContext {
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
  at: Date;
}

export interface AuditEntry {
  context: AuditContext;
  /** A dotted verb, e.g. `auth.login`, `account.create`, `observation.update`, `rating.publish`. */
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  outcome?: AuditOutcome;
  detail?: string | null;
}

const SECRET_KEYS = /password|secret|token_hash|^token$|csrf/i;

/** Secrets never reach the audit trail, whatever a caller passes as before/after. */
function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEYS.test(k) ? '[скрыто]' : redact(v, depth + 1),
    ]),
  );
}

const toJson = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(redact(value));

/**
 * Appends one event to the audit trail. Call it with the transaction that makes the change,
 * so that the change and its record commit together; denials are recorded outside any
 * transaction by the access hooks.
 *
 * @example await recordAudit(trx, { context: auditContextOf(request), action: 'rating.publish',
 *   entityType: 'rating_snapshot', entityId: code, after: { publishedAt } })
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const { context } = entry;
  await insertAuditEvent(db, {
    at: context.at.toISOString(),
    actor_user_id: actorUserId(context.actor),
    actor_label: actorLabel(context.actor),
    ip: context.ip,
    user_agent: context.userAgent === null ? null : context.userAgent.slice(0, 500),
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id:
      entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before_json: toJson(entry.before),
    after_json: toJson(entry.after),
    outcome: entry.outcome ?? 'allowed',
    detail: entry.detail ?? null,
  });
}

/** The audit context of an HTTP request: its actor, address, user agent and the access clock. */
export function auditContextOf(request: FastifyRequest): AuditContext {
  const ua = request.headers['user-agent'];
  return {
    actor: request.actor,
    ip: request.ip ?? null,
    userAgent: typeof ua === 'string' ? ua : null,
    at: request.accessNow,
  };
}

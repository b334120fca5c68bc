import type { Generated } from 'kysely';
import type { AuditOutcome } from '../../domain/access.js';

/** Append-only: the database refuses UPDATE and DELETE on this table. */
export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  /** Who, as a person reads it: a username, `токен «…»`, `CLI (…)` or `аноним`. */
  actor_label: string;
  ip: string | null;
  user_agent: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  outcome: AuditOutcome;
  detail: string | null;
}

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { listMunicipalitiesById } from '../../../db/repositories/municipality-repository.js';
import {
  deleteSession,
  findSessionWithUser,
  insertSession,
  touchSession,
} from '../../../db/repositories/session-repository.js';
import type { UserRow } from '../../../db/repositories/user-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { SessionUser } from '../../../domain/access.js';
import { municipalityRefOf } from '../registry/municipality-refs.js';
import type { AccessConfig } from './access-config.js';
import type { Actor } from './actor.js';

/** SHA-256 of a secret, hex: what the database keeps instead of the secret. */
export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A new random 256-bit session id, as it goes into the cookie. */
export const newSessionId = (): string => randomBytes(32).toString('base64url');

/**
 * The synchronizer token for a session, derived from the session id: it changes with the
 * session, is never stored, and cannot be computed without the cookie.
 */
export const csrfTokenFor = (sessionId: string): string =>
  createHmac('sha256', sessionId).update('munirank csrf').digest('base64url');

export function csrfTokenMatches(sessionId: string, presented: string | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export async function createSession(
  db: Kysely<Database>,
  config: AccessConfig,
  userId: number,
  origin: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const id = newSessionId();
  const now = config.now();
  await insertSession(db, {
    id_hash: sha256(id),
    user_id: userId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + config.absoluteHours * 3_600_000).toISOString(),
    ip: origin.ip,
    user_agent: origin.userAgent?.slice(0, 500) ?? null,
  });
  return id;
}

export interface ResolvedSession {
  actor: Extract<Actor, { kind: 'user' }>;
  user: UserRow;
  expiresAt: string;
}

/** Activity refreshes the idle timer at most once a minute, to spare the database a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The signed-in user behind a session id, or null when the session is unknown, ended, idle
 * too long, past its absolute expiry, or its account is disabled. Dead sessions are deleted.
 */
export async function resolveSession(
  db: Kysely<Database>,
  config: AccessConfig,
  sessionId: string,
): Promise<ResolvedSession | null> {
  const idHash = sha256(sessionId);
  const found = await findSessionWithUser(db, idHash);
  if (!found) return null;
  const { session: row, user } = found;
  const now = config.now();
  const idleLimit = now.getTime() - config.idleMinutes * 60_000;
  if (row.expires_at <= now.toISOString() || Date.parse(row.last_seen_at) < idleLimit) {
    await deleteSession(db, idHash);
    return null;
  }
  if (user.status !== 'active') {
    await deleteSession(db, idHash);
    return null;
  }
  if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_INTERVAL_MS)
    await touchSession(db, idHash, now.toISOString());
  const municipalityIds = user.role === 'official' ? found.municipalityIds : [];
  return {
    actor: {
      kind: 'user',
      userId: user.id,
      username: user.username,
      role: user.role,
      municipalityIds,
      mustChangePassword: user.must_change_password === 1,
      sessionIdHash: idHash,
    },
    user,
    expiresAt: row.expires_at,
  };
}

/** The user as `GET /api/session` shows it. */
export async function describeSessionUser(
  db: Kysely<Database>,
  regionId: number | null,
  session: ResolvedSession,
): Promise<SessionUser> {
  const ids = session.actor.municipalityIds;
  const municipalities =
    ids.length === 0 || regionId === null
      ? []
      : (await listMunicipalitiesById(db, regionId, ids)).map(municipalityRefOf);
  return {
    id: session.user.id,
    username: session.user.username,
    displayName: session.user.display_name,
    role: session.user.role,
    municipalities,
    mustChangePassword: session.actor.mustChangePassword,
  };
}

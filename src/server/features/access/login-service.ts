import type { Kysely } from 'kysely';
import {
  clearLoginFailures,
  countLoginFailures,
  deleteLoginFailuresBefore,
  insertLoginFailure,
} from '../../../db/repositories/login-failure-repository.js';
import { deleteSession, deleteUserSessions } from '../../../db/repositories/session-repository.js';
import { findUserByUsername, updateUser } from '../../../db/repositories/user-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { AccessConfig } from './access-config.js';
import { RequestError, ThrottledError } from './access-errors.js';
import { type AuditContext, recordAudit } from './audit.js';
import { verifyAgainstDummy, verifyPassword } from './password-hash.js';
import { createSession } from './session-service.js';

const INVALID_CREDENTIALS = 'Неверное имя пользователя или пароль.';

/**
 * How long one account's logins from one address wait after its failures there: none for the
 * first few, then 30 s doubling with every further failure (30, 60, 120 … s), at most the
 * window. A guesser at one address slows to a crawl; the owner elsewhere is never held up.
 */
export function pairDelaySeconds(failures: number, config: AccessConfig): number {
  const beyond = failures - config.maxFailuresPerAccount;
  if (beyond < 0) return 0;
  return Math.min(30 * 2 ** beyond, config.throttleWindowMinutes * 60);
}

/** Seconds until a login of `username` from `ip` may be tried, or null when it may now. */
async function throttledFor(
  db: Kysely<Database>,
  config: AccessConfig,
  username: string,
  ip: string,
): Promise<number | null> {
  const now = config.now().getTime();
  const windowMs = config.throttleWindowMinutes * 60_000;
  const since = new Date(now - windowMs).toISOString();
  const waits: number[] = [];
  const pair = await countLoginFailures(db, { username, ip }, since);
  const delay = pairDelaySeconds(pair.count, config);
  if (delay > 0 && pair.latest !== null)
    waits.push(Math.ceil((Date.parse(pair.latest) + delay * 1000 - now) / 1000));
  // An address that tries many names no one has is scanning: it waits out the window.
  const unknown = await countLoginFailures(db, { unknownNamesFrom: ip }, since);
  if (unknown.count >= config.maxFailuresPerIp && unknown.oldest !== null)
    waits.push(Math.ceil((Date.parse(unknown.oldest) + windowMs - now) / 1000));
  const wait = Math.max(0, ...waits);
  return wait > 0 ? wait : null;
}

/**
 * Checks a username and password and opens a session. Failures are counted per account and
 * address pair, with growing delays (OWASP's advice), and per address for names that are no
 * one's; while a delay runs even the right password waits. Every outcome is audited.
 */
export async function logIn(
  db: Kysely<Database>,
  config: AccessConfig,
  input: { username: string; password: string },
  context: AuditContext,
): Promise<{ sessionId: string; userId: number }> {
  const username = input.username.trim().toLowerCase();
  const ip = context.ip ?? 'unknown';
  const audit = { context, action: 'auth.login', entityType: 'user', entityId: username };
  const now = config.now();
  await deleteLoginFailuresBefore(
    db,
    new Date(now.getTime() - config.throttleWindowMinutes * 60_000).toISOString(),
  );

  const wait = await throttledFor(db, config, username, ip);
  if (wait !== null) {
    await recordAudit(db, {
      ...audit,
      outcome: 'denied',
      detail: `Вход заблокирован после неудачных попыток, осталось ${wait} с.`,
    });
    throw new ThrottledError(wait);
  }

  const user = await findUserByUsername(db, username);
  const ok = user
    ? await verifyPassword(input.password, user.password_hash)
    : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    await insertLoginFailure(db, {
      username,
      ip,
      at: now.toISOString(),
      accountKnown: user !== undefined,
    });
    await recordAudit(db, {
      ...audit,
      outcome: 'failed',
      detail: user ? 'Неверный пароль.' : 'Нет такого пользователя.',
    });
    throw new RequestError(401, 'invalid_credentials', INVALID_CREDENTIALS);
  }
  if (user.status !== 'active') {
    await recordAudit(db, { ...audit, outcome: 'denied', detail: 'Учётная запись отключена.' });
    throw new RequestError(
      403,
      'account_disabled',
      'Учётная запись отключена. Обратитесь к администратору.',
    );
  }

  return db.transaction().execute(async (trx) => {
    // Only this address's failures: the owner's login must not clear a guesser's delay.
    await clearLoginFailures(trx, username, ip);
    const sessionId = await createSession(trx, config, user.id, {
      ip: context.ip,
      userAgent: context.userAgent,
    });
    await updateUser(trx, user.id, { last_login_at: now.toISOString() });
    await recordAudit(trx, {
      ...audit,
      context: {
        ...context,
        actor: {
          kind: 'user',
          userId: user.id,
          username: user.username,
          role: user.role,
          municipalityIds: [],
          mustChangePassword: user.must_change_password === 1,
          sessionIdHash: null,
        },
      },
      entityId: user.id,
      detail: user.must_change_password === 1 ? 'Вход с временным паролем: требуется смена.' : null,
    });
    return { sessionId, userId: user.id };
  });
}

export async function logOut(
  db: Kysely<Database>,
  sessionIdHash: string,
  context: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionIdHash);
    await recordAudit(trx, { context, action: 'auth.logout', entityType: 'session' });
  });
}

/** Ends every session of the user, on every device, the current one included. */
export async function logOutEverywhere(
  db: Kysely<Database>,
  userId: number,
  context: AuditContext,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await deleteUserSessions(trx, userId);
    await recordAudit(trx, {
      context,
      action: 'auth.logout-all',
      entityType: 'user',
      entityId: userId,
      after: { sessionsEnded: ended },
    });
    return ended;
  });
}

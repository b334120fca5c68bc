import type { Kysely } from 'kysely';
import { clearLoginFailures } from '../../../db/repositories/login-failure-repository.js';
import { listMunicipalities } from '../../../db/repositories/municipality-repository.js';
import {
  deleteOtherSessions,
  deleteUserSessions,
} from '../../../db/repositories/session-repository.js';
import {
  countUsers,
  findUserById,
  findUserByUsername,
  insertUser,
  listUserMunicipalities,
  listUsers,
  setUserMunicipalities,
  type UserRow,
  updateUser,
} from '../../../db/repositories/user-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { NewUser, Role, UserView } from '../../../domain/access.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';
import { municipalityRefOf } from '../registry/municipality-refs.js';
import { RequestError } from './access-errors.js';
import { type AuditContext, recordAudit } from './audit.js';
import { authorize } from './authorize.js';
import { generateOneTimePassword } from './one-time-password.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { checkPasswordPolicy } from './password-policy.js';

function toView(row: UserRow, refs: MunicipalityRef[]): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    municipalities: refs,
    mustChangePassword: row.must_change_password === 1,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

async function views(db: Kysely<Database>, regionId: number | null, rows: UserRow[]) {
  const [links, municipalities] = await Promise.all([
    listUserMunicipalities(
      db,
      rows.map((r) => r.id),
    ),
    regionId === null ? Promise.resolve([]) : listMunicipalities(db, regionId),
  ]);
  const byId = new Map(municipalities.map((m) => [m.id, municipalityRefOf(m)]));
  return rows.map((r) =>
    toView(
      r,
      (links.get(r.id) ?? []).flatMap((id) => {
        const ref = byId.get(id);
        return ref ? [ref] : [];
      }),
    ),
  );
}

async function viewOf(db: Kysely<Database>, regionId: number | null, id: number) {
  const row = await findUserById(db, id);
  if (!row) throw new RequestError(404, 'not_found', `Пользователь №${id} не найден`);
  const [view] = await views(db, regionId, [row]);
  return view as UserView;
}

/** Municipality codes → ids in the region; officials need at least one, others none. */
async function resolveMunicipalities(
  db: Kysely<Database>,
  regionId: number | null,
  role: Role,
  codes: string[],
): Promise<number[]> {
  if (role !== 'official') {
    if (codes.length > 0)
      throw new RequestError(
        400,
        'invalid_request',
        'Муниципальные образования привязываются только к представителям ОМСУ.',
      );
    return [];
  }
  if (codes.length === 0)
    throw new RequestError(
      400,
      'invalid_request',
      'Укажите хотя бы одно муниципальное образование для представителя ОМСУ.',
    );
  const all = regionId === null ? [] : await listMunicipalities(db, regionId);
  return [...new Set(codes)].map((code) => {
    const m = all.find((x) => x.code === code);
    if (!m)
      throw new RequestError(
        400,
        'invalid_request',
        `Муниципальное образование «${code}» не найдено`,
      );
    return m.id;
  });
}

export async function listAccounts(
  db: Kysely<Database>,
  regionId: number | null,
  context: AuditContext,
): Promise<UserView[]> {
  authorize(context.actor, 'accounts.manage', { entityType: 'user' });
  return views(db, regionId, await listUsers(db));
}

/** Creates an account with a one-time password, returned once and never stored in clear. */
export async function createAccount(
  db: Kysely<Database>,
  regionId: number | null,
  input: NewUser,
  context: AuditContext,
  options: { isDemo?: boolean; password?: string } = {},
): Promise<{ user: UserView; oneTimePassword: string }> {
  authorize(context.actor, 'accounts.manage', { entityType: 'user' });
  const username = input.username.trim().toLowerCase();
  const municipalityIds = await resolveMunicipalities(
    db,
    regionId,
    input.role,
    input.municipalityCodes ?? [],
  );
  const password = options.password ?? generateOneTimePassword();
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, username))
      throw new RequestError(409, 'conflict', `Пользователь «${username}» уже есть`);
    const now = context.at.toISOString();
    const id = await insertUser(trx, {
      username,
      display_name: input.displayName.trim(),
      role: input.role,
      status: 'active',
      password_hash: hash,
      must_change_password: options.password === undefined ? 1 : 0,
      is_demo: options.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
      password_changed_at: null,
      last_login_at: null,
    });
    await setUserMunicipalities(trx, id, municipalityIds);
    const user = await viewOf(trx, regionId, id);
    await recordAudit(trx, {
      context,
      action: 'account.create',
      entityType: 'user',
      entityId: id,
      after: user,
    });
    return { user, oneTimePassword: password };
  });
}

async function activeAdministrators(db: Kysely<Database>): Promise<number> {
  return (await listUsers(db)).filter((u) => u.role === 'administrator' && u.status === 'active')
    .length;
}

async function guardLastAdministrator(db: Kysely<Database>, before: UserView) {
  if (before.role === 'administrator' && before.status === 'active')
    if ((await activeAdministrators(db)) <= 1)
      throw new RequestError(
        409,
        'conflict',
        'Нельзя отключить или понизить последнего активного администратора.',
      );
}

export async function updateAccount(
  db: Kysely<Database>,
  regionId: number | null,
  id: number,
  input: { displayName?: string; role?: Role; municipalityCodes?: string[] },
  context: AuditContext,
): Promise<UserView> {
  authorize(context.actor, 'accounts.manage', { entityType: 'user', entityId: id });
  return db.transaction().execute(async (trx) => {
    const before = await viewOf(trx, regionId, id);
    const role = input.role ?? before.role;
    if (role !== 'administrator') await guardLastAdministrator(trx, before);
    const codes =
      input.municipalityCodes ??
      (role === 'official' ? before.municipalities.map((m) => m.code) : []);
    const municipalityIds = await resolveMunicipalities(trx, regionId, role, codes);
    await updateUser(trx, id, {
      display_name: input.displayName?.trim() ?? before.displayName,
      role,
      updated_at: context.at.toISOString(),
    });
    await setUserMunicipalities(trx, id, municipalityIds);
    // A change of rights takes effect at once: sessions with the old rights end.
    if (role !== before.role) await deleteUserSessions(trx, id);
    const after = await viewOf(trx, regionId, id);
    await recordAudit(trx, {
      context,
      action: 'account.update',
      entityType: 'user',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function setAccountStatus(
  db: Kysely<Database>,
  regionId: number | null,
  id: number,
  status: 'active' | 'disabled',
  context: AuditContext,
): Promise<UserView> {
  authorize(context.actor, 'accounts.manage', { entityType: 'user', entityId: id });
  if (status === 'disabled' && context.actor.kind === 'user' && context.actor.userId === id)
    throw new RequestError(409, 'conflict', 'Нельзя отключить собственную учётную запись.');
  return db.transaction().execute(async (trx) => {
    const before = await viewOf(trx, regionId, id);
    if (status === 'disabled') await guardLastAdministrator(trx, before);
    await updateUser(trx, id, { status, updated_at: context.at.toISOString() });
    if (status === 'disabled') await deleteUserSessions(trx, id);
    const after = await viewOf(trx, regionId, id);
    await recordAudit(trx, {
      context,
      action: status === 'disabled' ? 'account.disable' : 'account.enable',
      entityType: 'user',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status },
    });
    return after;
  });
}

/**
 * Lifts the login delays of an account at every address (the owner who forgot the password
 * and tried too often, or an attack that is over); audited with how many failures it forgot.
 */
export async function unlockAccount(
  db: Kysely<Database>,
  regionId: number | null,
  id: number,
  context: AuditContext,
): Promise<{ user: UserView; failuresCleared: number }> {
  authorize(context.actor, 'accounts.manage', { entityType: 'user', entityId: id });
  return db.transaction().execute(async (trx) => {
    const user = await viewOf(trx, regionId, id);
    const failuresCleared = await clearLoginFailures(trx, user.username);
    await recordAudit(trx, {
      context,
      action: 'account.unlock',
      entityType: 'user',
      entityId: id,
      after: { failuresCleared },
    });
    return { user, failuresCleared };
  });
}

/** A new one-time password for the account; its sessions end. */
export async function resetAccountPassword(
  db: Kysely<Database>,
  regionId: number | null,
  id: number,
  context: AuditContext,
): Promise<{ user: UserView; oneTimePassword: string }> {
  authorize(context.actor, 'accounts.manage', { entityType: 'user', entityId: id });
  const password = generateOneTimePassword();
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    await viewOf(trx, regionId, id);
    await updateUser(trx, id, {
      password_hash: hash,
      must_change_password: 1,
      updated_at: context.at.toISOString(),
    });
    const ended = await deleteUserSessions(trx, id);
    await recordAudit(trx, {
      context,
      action: 'account.reset-password',
      entityType: 'user',
      entityId: id,
      after: { mustChangePassword: true, sessionsEnded: ended },
    });
    return { user: await viewOf(trx, regionId, id), oneTimePassword: password };
  });
}

/**
 * Changes the signed-in user's own password: the current one must be right and the new one
 * must pass the policy. Other sessions of the user end; the current one stays.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  input: { currentPassword: string; newPassword: string },
  context: AuditContext,
): Promise<void> {
  const actor = context.actor;
  if (actor.kind !== 'user')
    throw new RequestError(401, 'unauthenticated', 'Требуется вход в систему.');
  const user = await findUserById(db, actor.userId);
  if (!user) throw new RequestError(401, 'unauthenticated', 'Требуется вход в систему.');
  const audit = {
    context,
    action: 'account.password-change',
    entityType: 'user',
    entityId: user.id,
  };
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    await recordAudit(db, { ...audit, outcome: 'failed', detail: 'Неверный текущий пароль.' });
    throw new RequestError(400, 'wrong_password', 'Текущий пароль указан неверно.');
  }
  const problem =
    checkPasswordPolicy(input.newPassword, user.username) ??
    (input.newPassword === input.currentPassword
      ? 'Новый пароль должен отличаться от текущего.'
      : null);
  if (problem) {
    await recordAudit(db, { ...audit, outcome: 'failed', detail: problem });
    throw new RequestError(400, 'weak_password', problem);
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    const now = context.at.toISOString();
    await updateUser(trx, user.id, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: now,
      updated_at: now,
    });
    await deleteOtherSessions(trx, user.id, actor.sessionIdHash);
    await recordAudit(trx, { ...audit, after: { mustChangePassword: false } });
  });
}

/**
 * On first start without any account: an administrator `admin` with a one-time password,
 * returned so that the caller prints it once. Null when accounts exist.
 */
export async function ensureInitialAdministrator(
  db: Kysely<Database>,
  context: AuditContext,
): Promise<{ username: string; oneTimePassword: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  try {
    const { user, oneTimePassword } = await createAccount(
      db,
      null,
      { username: 'admin', displayName: 'Администратор', role: 'administrator' },
      context,
    );
    return { username: user.username, oneTimePassword };
  } catch (error) {
    // Another process created it at the same moment: it printed the password, not us.
    if (error instanceof RequestError && error.statusCode === 409) return null;
    throw error;
  }
}

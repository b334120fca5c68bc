import type { Kysely } from 'kysely';
import { countUsers, findUserByUsername } from '../db/repositories/user-repository.js';
import type { Database } from '../db/schema/index.js';
import type { NewUser } from '../domain/access.js';
import { createAccount } from '../server/features/access/account-service.js';
import type { AuditContext } from '../server/features/access/audit.js';

/** The demo's documented password (README, «Демо-доступ»): for a demo on one's own machine only. */
export const DEMO_PASSWORD = 'munirank-demo-2026';

/** The documented demo accounts: one per role, two officials of different municipalities. */
export const DEMO_ACCOUNTS: NewUser[] = [
  { username: 'demo-admin', displayName: 'Демо: администратор', role: 'administrator' },
  { username: 'demo-analyst', displayName: 'Демо: аналитик департамента', role: 'analyst' },
  { username: 'demo-viewer', displayName: 'Демо: комиссия (наблюдатель)', role: 'viewer' },
  {
    username: 'demo-buzuluk',
    displayName: 'Демо: представитель г.Бузулук',
    role: 'official',
    municipalityCodes: ['buzuluk-city'],
  },
  {
    username: 'demo-orsk',
    displayName: 'Демо: представитель г.Орск',
    role: 'official',
    municipalityCodes: ['orsk-city'],
  },
];

/**
 * Creates the demo accounts with the documented password, unless they exist. Refuses outside
 * demo mode: a production server must never carry a known password. Returns null (creating
 * nothing) when the database already has real, non-demo accounts.
 */
export async function ensureDemoAccounts(
  db: Kysely<Database>,
  regionId: number,
  mode: { demo: boolean },
  context: AuditContext,
): Promise<string[] | null> {
  if (!mode.demo)
    throw new Error(
      'Демо-учётные записи с известным паролем создаются только в демо-режиме (munirank start).',
    );
  const present = await Promise.all(DEMO_ACCOUNTS.map((a) => findUserByUsername(db, a.username)));
  if ((await countUsers(db)) > present.filter((p) => p !== undefined).length) return null;
  const created: string[] = [];
  for (const [i, account] of DEMO_ACCOUNTS.entries()) {
    if (present[i]) continue;
    await createAccount(db, regionId, account, context, { isDemo: true, password: DEMO_PASSWORD });
    created.push(account.username);
  }
  return created;
}

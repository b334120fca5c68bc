import type { DatabaseHandle } from '../db/connect.js';
import { findRegionId } from '../db/repositories/region-repository.js';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../demo/demo-accounts.js';
import { ensureInitialAdministrator } from '../server/features/access/account-service.js';
import { cliAuditContext } from './cli-audit-context.js';

/**
 * Before the server starts: in demo mode (`munirank start`) the documented demo accounts;
 * otherwise, on a database without accounts, an administrator whose one-time password is
 * printed here once and must be changed at first login.
 */
export async function prepareAccounts(
  handle: DatabaseHandle,
  regionCode: string,
  mode: { demo: boolean },
): Promise<void> {
  const regionId = await findRegionId(handle.db, regionCode);
  if (mode.demo && regionId !== null) {
    const created = await ensureDemoAccounts(handle.db, regionId, mode, cliAuditContext());
    if (created === null)
      console.log('В базе есть настоящие учётные записи: демо-учётные записи не создаются.');
    else if (created.length > 0)
      console.log(
        `Демо-учётные записи (пароль «${DEMO_PASSWORD}», см. README): ${created.join(', ')}.`,
      );
  }
  const admin = await ensureInitialAdministrator(handle.db, cliAuditContext());
  if (admin) {
    console.log('Учётных записей не было: создан администратор.');
    console.log(`  имя пользователя: ${admin.username}`);
    console.log(`  временный пароль: ${admin.oneTimePassword}`);
    console.log(
      'Пароль показан один раз и не сохранён в открытом виде; смените его при первом входе.',
    );
  }
}

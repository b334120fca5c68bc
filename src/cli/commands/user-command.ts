import { type Command, Option } from 'commander';
import type { DatabaseHandle } from '../../db/connect.js';
import { findUserByUsername } from '../../db/repositories/user-repository.js';
import { ROLE_LABELS, ROLES, type Role } from '../../domain/access.js';
import {
  createAccount,
  listAccounts,
  resetAccountPassword,
  setAccountStatus,
  unlockAccount,
} from '../../server/features/access/account-service.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { describeDatabase } from '../open-configured-database.js';
import { dataDirOption, withDatabase } from '../with-database.js';

async function userId(handle: DatabaseHandle, username: string): Promise<number> {
  const row = await findUserByUsername(handle.db, username.trim().toLowerCase());
  if (!row) throw new Error(`Пользователь «${username}» не найден`);
  return row.id;
}

function printOneTimePassword(username: string, password: string): void {
  console.log(`Временный пароль пользователя ${username} (показывается один раз):`);
  console.log(`  ${password}`);
  console.log('При первом входе пароль нужно сменить.');
}

/** Repeatable; commander spots «...» only after a Latin letter, so it is told outright. */
function municipalityOption(): Option {
  const option = new Option(
    '-m, --municipality <код...>',
    'код муниципального образования представителя ОМСУ (можно несколько)',
  );
  option.variadic = true;
  return option;
}

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Учётные записи пользователей');

  user
    .command('add <пользователь>')
    .description('Создать учётную запись с временным паролем (показывается один раз)')
    .requiredOption('-r, --role <роль>', `роль: ${ROLES.join(', ')}`)
    .option('-n, --name <имя>', 'имя, как его показывать (по умолчанию — имя пользователя)')
    .addOption(municipalityOption())
    .option(...dataDirOption)
    .action(
      async (
        username: string,
        opts: { role: string; name?: string; municipality?: string[]; dataDir?: string },
      ) => {
        if (!(ROLES as readonly string[]).includes(opts.role))
          throw new Error(`Неизвестная роль «${opts.role}»: допустимы ${ROLES.join(', ')}`);
        if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username.toLowerCase()))
          throw new Error(
            'Имя пользователя: 3–64 символа, латинские буквы, цифры, точка, дефис, подчёркивание',
          );
        await withDatabase(opts.dataDir, async (handle, regionId) => {
          const { user: created, oneTimePassword } = await createAccount(
            handle.db,
            regionId,
            {
              username,
              displayName: opts.name ?? username,
              role: opts.role as Role,
              municipalityCodes: opts.municipality ?? [],
            },
            cliAuditContext(),
          );
          console.log(
            `Создан пользователь ${created.username} (${ROLE_LABELS[created.role]}) в ${describeDatabase(handle)}.`,
          );
          printOneTimePassword(created.username, oneTimePassword);
        });
      },
    );

  user
    .command('list')
    .description('Список учётных записей')
    .option(...dataDirOption)
    .action(async (opts: { dataDir?: string }) => {
      await withDatabase(opts.dataDir, async (handle, regionId) => {
        const users = await listAccounts(handle.db, regionId, cliAuditContext());
        if (users.length === 0) {
          console.log('Учётных записей нет.');
          return;
        }
        for (const u of users) {
          const flags = [
            u.status === 'disabled' ? 'отключён' : 'активен',
            u.mustChangePassword ? 'временный пароль' : null,
            u.isDemo ? 'демо' : null,
          ].filter((f) => f !== null);
          const units = u.municipalities.map((m) => m.code).join(', ');
          console.log(
            `${u.username}\t${ROLE_LABELS[u.role]}\t${flags.join(', ')}\t${u.displayName}${units ? `\t${units}` : ''}`,
          );
        }
      });
    });

  user
    .command('disable <пользователь>')
    .description('Отключить учётную запись и завершить все её сессии')
    .option(...dataDirOption)
    .action(async (username: string, opts: { dataDir?: string }) => {
      await withDatabase(opts.dataDir, async (handle, regionId) => {
        const id = await userId(handle, username);
        await setAccountStatus(handle.db, regionId, id, 'disabled', cliAuditContext());
        console.log(`Учётная запись ${username} отключена, её сессии завершены.`);
      });
    });

  user
    .command('enable <пользователь>')
    .description('Включить отключённую учётную запись')
    .option(...dataDirOption)
    .action(async (username: string, opts: { dataDir?: string }) => {
      await withDatabase(opts.dataDir, async (handle, regionId) => {
        const id = await userId(handle, username);
        await setAccountStatus(handle.db, regionId, id, 'active', cliAuditContext());
        console.log(`Учётная запись ${username} включена.`);
      });
    });

  user
    .command('unlock <пользователь>')
    .description('Снять блокировку входа после неудачных попыток (со всех адресов)')
    .option(...dataDirOption)
    .action(async (username: string, opts: { dataDir?: string }) => {
      await withDatabase(opts.dataDir, async (handle, regionId) => {
        const id = await userId(handle, username);
        const { failuresCleared } = await unlockAccount(handle.db, regionId, id, cliAuditContext());
        console.log(
          `Блокировка входа ${username} снята (забыто неудачных попыток: ${failuresCleared}).`,
        );
      });
    });

  user
    .command('reset-password <пользователь>')
    .description('Выдать новый временный пароль (сессии пользователя завершаются)')
    .option(...dataDirOption)
    .action(async (username: string, opts: { dataDir?: string }) => {
      await withDatabase(opts.dataDir, async (handle, regionId) => {
        const id = await userId(handle, username);
        const { oneTimePassword } = await resetAccountPassword(
          handle.db,
          regionId,
          id,
          cliAuditContext(),
        );
        printOneTimePassword(username, oneTimePassword);
      });
    });
}

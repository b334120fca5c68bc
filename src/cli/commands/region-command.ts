import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { migrateToLatest } from '../../db/migrate.js';
import { InputError, type InputProblem } from '../../ingest/input-problem.js';
import type { RawTable } from '../../ingest/raw-table.js';
import { readImportTable } from '../../ingest/read-import-table.js';
import { readIndicatorFile } from '../../ingest/read-indicator-file.js';
import { readRegistryFile } from '../../ingest/read-registry-file.js';
import { createAccount } from '../../server/features/access/account-service.js';
import { createRegion } from '../../server/features/registry/region-setup-service.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { describeDatabase, openConfiguredDatabase } from '../open-configured-database.js';
import { dataDirOption } from '../with-database.js';

/** A CSV or XLSX file as a raw table, read as imports read it; its problems are collected. */
async function readTable(path: string, problems: InputProblem[]): Promise<RawTable> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new Error(`Файл «${path}» не найден или не читается`);
  }
  const read = await readImportTable(bytes, { file: basename(path) });
  problems.push(...read.problems);
  return read.table;
}

interface RegionCreateOptions {
  code: string;
  name: string;
  registry: string;
  indicators: string;
  adminUser?: string;
  dataDir?: string;
}

export function registerRegionCommand(program: Command): void {
  const region = program.command('region').description('Регионы базы данных');
  region
    .command('create')
    .description(
      'Создать регион из файла реестра ОМСУ и файла показателей (CSV или XLSX; графы — ' +
        'docs/new-region.md); при любой ошибке в файлах не записывается ничего',
    )
    .requiredOption(
      '--code <код>',
      'код региона (латиница, цифры, дефис): значение MUNIRANK_REGION',
    )
    .requiredOption('--name <наименование>', 'наименование региона')
    .requiredOption('--registry <файл>', 'реестр ОМСУ: наименование, вид, ОКТМО…')
    .requiredOption('--indicators <файл>', 'паспорта показателей: код, наименование, единица…')
    .option('--admin-user <пользователь>', 'создать администратора региона с временным паролем')
    .option(...dataDirOption)
    .action(async (opts: RegionCreateOptions) => {
      const problems: InputProblem[] = [];
      const registryTable = await readTable(opts.registry, problems);
      const indicatorTable = await readTable(opts.indicators, problems);
      const { units, problems: unitProblems } = readRegistryFile(registryTable);
      const { indicators, problems: indicatorProblems } = readIndicatorFile(indicatorTable);
      problems.push(...unitProblems, ...indicatorProblems);
      if (problems.length > 0) throw new InputError(problems);
      if (opts.adminUser !== undefined && !/^[a-z0-9][a-z0-9._-]{2,63}$/.test(opts.adminUser))
        throw new Error(
          'Имя пользователя: 3–64 символа, строчные латинские буквы, цифры, точка, дефис, подчёркивание',
        );
      const handle = openConfiguredDatabase(readConfig({ dataDir: opts.dataDir }));
      try {
        await migrateToLatest(handle.db);
        const context = cliAuditContext();
        const created = await createRegion(
          handle.db,
          { code: opts.code, name: opts.name, units, indicators },
          context,
        );
        console.log(
          `Создан регион «${opts.name.trim()}» (${opts.code}) в ${describeDatabase(handle)}: ` +
            `ОМСУ — ${units.length}, групп — ${created.groups}, показателей — ${indicators.length}.`,
        );
        if (opts.adminUser) {
          const { user, oneTimePassword } = await createAccount(
            handle.db,
            created.regionId,
            {
              username: opts.adminUser,
              displayName: opts.adminUser,
              role: 'administrator',
              municipalityCodes: [],
            },
            context,
          );
          console.log(`Временный пароль администратора ${user.username} (показывается один раз):`);
          console.log(`  ${oneTimePassword}`);
        }
        console.log(
          `Дальше: MUNIRANK_REGION=${opts.code} munirank serve — см. docs/new-region.md.`,
        );
      } finally {
        await handle.close();
      }
    });
}

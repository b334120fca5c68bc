import { type Command, Option } from 'commander';
import {
  MUNICIPALITY_KIND_LABELS,
  MUNICIPALITY_KINDS,
  type Municipality,
  type MunicipalityKind,
} from '../../domain/municipality.js';
import type { MunicipalityChanges } from '../../domain/registry.js';
import {
  createMunicipality,
  editMunicipality,
} from '../../server/features/registry/registry-edit-service.js';
import { closeMunicipality } from '../../server/features/registry/registry-lifecycle-service.js';
import { mergeMunicipalities } from '../../server/features/registry/registry-merge-service.js';
import { listRegionMunicipalities } from '../../server/features/registry/registry-service.js';
import { cliAuditContext } from '../cli-audit-context.js';
import { dataDirOption, inRegion } from '../with-database.js';

function kindOf(kind: string): MunicipalityKind {
  if (!(MUNICIPALITY_KINDS as readonly string[]).includes(kind))
    throw new Error(
      `Поле «вид»: неизвестный вид «${kind}», допустимы ${MUNICIPALITY_KINDS.join(', ')}`,
    );
  return kind as MunicipalityKind;
}

const repeatable = (flags: string, description: string) => {
  const option = new Option(flags, description);
  option.variadic = true;
  return option;
};

/** One line of the registry: code, name, kind, ОКТМО, validity, successor, groups. */
export function registryLine(m: Municipality): string {
  const validity = `${m.validFrom ?? '…'}—${m.validTo ?? '…'}`;
  return [
    m.code,
    m.name,
    MUNICIPALITY_KIND_LABELS[m.kind],
    m.oktmo ?? '—',
    validity,
    m.successorCode ? `→ ${m.successorCode}` : '',
    m.groups.join(', '),
  ].join('\t');
}

export function registerRegistryCommand(program: Command): void {
  const registry = program
    .command('registry')
    .description('Реестр муниципальных образований (изменения записываются в журнал аудита)');

  registry
    .command('list')
    .description('Все ОМСУ региона: код, наименование, вид, ОКТМО, срок действия, правопреемник')
    .option(...dataDirOption)
    .action(async (opts: { dataDir?: string }) => {
      await inRegion(opts.dataDir, async (handle, regionId) => {
        for (const m of await listRegionMunicipalities(handle.db, regionId))
          console.log(registryLine(m));
      });
    });

  registry
    .command('add <код> <наименование>')
    .description('Добавить ОМСУ')
    .requiredOption('-k, --kind <вид>', `вид: ${MUNICIPALITY_KINDS.join(', ')}`)
    .option('--oktmo <код>', 'код ОКТМО (8 или 11 цифр)')
    .option('--from <дата>', 'действует с (ГГГГ-ММ-ДД)')
    .addOption(repeatable('-a, --alias <вариант...>', 'вариант наименования (можно несколько)'))
    .addOption(repeatable('-g, --group <код...>', 'код группы (можно несколько)'))
    .option(...dataDirOption)
    .action(
      async (
        code: string,
        name: string,
        opts: {
          kind: string;
          oktmo?: string;
          from?: string;
          alias?: string[];
          group?: string[];
          dataDir?: string;
        },
      ) => {
        await inRegion(opts.dataDir, async (handle, regionId) => {
          const m = await createMunicipality(
            handle.db,
            regionId,
            {
              code,
              name,
              kind: kindOf(opts.kind),
              oktmo: opts.oktmo ?? null,
              validFrom: opts.from ?? null,
              aliases: opts.alias ?? [],
              groups: opts.group ?? [],
            },
            cliAuditContext(),
          );
          console.log(`Добавлено: ${registryLine(m)}`);
        });
      },
    );

  registry
    .command('edit <код>')
    .description('Изменить ОМСУ: указанное заменяет записанное (код не меняется)')
    .option('-n, --name <наименование>', 'новое наименование (прежнее станет вариантом)')
    .option('-k, --kind <вид>', `вид: ${MUNICIPALITY_KINDS.join(', ')}`)
    .option('--oktmo <код>', 'код ОКТМО (8 или 11 цифр; «-» — стереть)')
    .option('--from <дата>', 'действует с (ГГГГ-ММ-ДД)')
    .addOption(repeatable('-a, --alias <вариант...>', 'все варианты наименования'))
    .addOption(repeatable('-g, --group <код...>', 'все группы'))
    .option(...dataDirOption)
    .action(
      async (
        code: string,
        opts: {
          name?: string;
          kind?: string;
          oktmo?: string;
          from?: string;
          alias?: string[];
          group?: string[];
          dataDir?: string;
        },
      ) => {
        const changes: MunicipalityChanges = {
          ...(opts.name === undefined ? {} : { name: opts.name }),
          ...(opts.kind === undefined ? {} : { kind: kindOf(opts.kind) }),
          ...(opts.oktmo === undefined ? {} : { oktmo: opts.oktmo === '-' ? null : opts.oktmo }),
          ...(opts.from === undefined ? {} : { validFrom: opts.from }),
          ...(opts.alias === undefined ? {} : { aliases: opts.alias }),
          ...(opts.group === undefined ? {} : { groups: opts.group }),
        };
        await inRegion(opts.dataDir, async (handle, regionId) => {
          const m = await editMunicipality(handle.db, regionId, code, changes, cliAuditContext());
          console.log(`Изменено: ${registryLine(m)}`);
        });
      },
    );

  registry
    .command('close <код>')
    .description('Закрыть ОМСУ: последний день действия и, если есть, правопреемник')
    .requiredOption('--to <дата>', 'последний день действия (ГГГГ-ММ-ДД)')
    .option('-s, --successor <код>', 'код правопреемника')
    .option(...dataDirOption)
    .action(async (code: string, opts: { to: string; successor?: string; dataDir?: string }) => {
      await inRegion(opts.dataDir, async (handle, regionId) => {
        const m = await closeMunicipality(
          handle.db,
          regionId,
          code,
          { validTo: opts.to, successor: opts.successor ?? null },
          cliAuditContext(),
        );
        console.log(`Закрыто: ${registryLine(m)}`);
      });
    });

  registry
    .command('merge <предшественники...>')
    .description(
      'Объединить ОМСУ: предшественники закрываются накануне даты, правопреемник действует с неё',
    )
    .requiredOption('--date <дата>', 'дата образования правопреемника (ГГГГ-ММ-ДД)')
    .requiredOption('--into <код>', 'код правопреемника (действующего или нового)')
    .option('--name <наименование>', 'наименование нового правопреемника')
    .option('-k, --kind <вид>', 'вид нового правопреемника', 'municipal_okrug')
    .option('--oktmo <код>', 'код ОКТМО нового правопреемника')
    .option(...dataDirOption)
    .action(
      async (
        predecessors: string[],
        opts: {
          date: string;
          into: string;
          name?: string;
          kind: string;
          oktmo?: string;
          dataDir?: string;
        },
      ) => {
        await inRegion(opts.dataDir, async (handle, regionId) => {
          const result = await mergeMunicipalities(
            handle.db,
            regionId,
            {
              predecessors,
              date: opts.date,
              ...(opts.name === undefined
                ? { successor: opts.into }
                : {
                    newSuccessor: {
                      code: opts.into,
                      name: opts.name,
                      kind: kindOf(opts.kind),
                      oktmo: opts.oktmo ?? null,
                    },
                  }),
            },
            cliAuditContext(),
          );
          console.log(
            `Объединено с ${result.date}: ${result.predecessors.map((p) => p.name).join(', ')} → ${result.successor.name} (${result.successor.code})`,
          );
        });
      },
    );
}

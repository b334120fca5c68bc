import {
  MUNICIPALITY_KIND_LABELS,
  MUNICIPALITY_KINDS,
  type MunicipalityKind,
} from '../domain/municipality.js';
import { isRegistryCode, oktmoProblem } from '../domain/registry.js';
import { slugOf } from '../domain/slug.js';
import type { InputProblem } from './input-problem.js';
import type { RawTable } from './raw-table.js';
import { type ColumnSpec, columnTitle, readColumnTable } from './read-column-table.js';

type RegistryColumn = 'name' | 'kind' | 'oktmo' | 'code' | 'aliases' | 'groups';

export const REGISTRY_FILE_COLUMNS: readonly ColumnSpec<RegistryColumn>[] = [
  { key: 'name', header: 'Наименование|название|name', required: true },
  { key: 'kind', header: 'Вид|тип|kind', required: true },
  { key: 'oktmo', header: 'ОКТМО|код ОКТМО|oktmo', required: true },
  { key: 'code', header: 'Код|code', required: false },
  { key: 'aliases', header: 'Другие написания|синонимы|aliases', required: false },
  { key: 'groups', header: 'Группы|группа|groups', required: false },
];

/** A unit as the registry file gives it; groups by name, created with the region. */
export interface RegistryFileUnit {
  line: number;
  code: string;
  name: string;
  kind: MunicipalityKind;
  oktmo: string;
  aliases: string[];
  groups: string[];
}

const KIND_BY_WORDS = new Map<string, MunicipalityKind>(
  MUNICIPALITY_KINDS.flatMap((k) => [
    [MUNICIPALITY_KIND_LABELS[k].toLowerCase(), k],
    [k, k],
  ]),
);
const KIND_WORDS = MUNICIPALITY_KINDS.map((k) => `«${MUNICIPALITY_KIND_LABELS[k]}»`).join(', ');
const list = (cell: string) =>
  cell
    .split(';')
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter((s) => s !== '');

/**
 * The units of a registry file (graphs «Наименование», «Вид», «ОКТМО», optional «Код»,
 * «Другие написания» and «Группы», lists separated by «;»), or every problem in it.
 */
export function readRegistryFile(table: RawTable): {
  units: RegistryFileUnit[];
  problems: InputProblem[];
} {
  const { rows, problems } = readColumnTable(table, REGISTRY_FILE_COLUMNS);
  const title = (key: RegistryColumn) =>
    columnTitle(REGISTRY_FILE_COLUMNS.find((c) => c.key === key) as ColumnSpec<RegistryColumn>);
  const units: RegistryFileUnit[] = [];
  if (problems.length > 0) return { units, problems };
  const codes = new Map<string, number>();
  const oktmos = new Map<string, number>();
  for (const { line, cells } of rows) {
    const before = problems.length;
    const refuse = (key: RegistryColumn, message: string) =>
      problems.push({ file: table.file, row: line, column: title(key), message });
    const name = cells.name.replace(/\s+/g, ' ');
    if (name === '') refuse('name', 'не указано наименование');
    const kind = KIND_BY_WORDS.get(cells.kind.toLowerCase().replace(/\s+/g, ' '));
    if (!kind)
      refuse(
        'kind',
        `«${cells.kind}» — не вид муниципального образования; допустимы ${KIND_WORDS}`,
      );
    const oktmo = cells.oktmo.replace(/\s+/g, '');
    const badOktmo = oktmo === '' ? 'не указан код ОКТМО' : oktmoProblem(oktmo);
    if (badOktmo) refuse('oktmo', badOktmo);
    else if (oktmos.has(oktmo))
      refuse('oktmo', `код ОКТМО «${oktmo}» уже указан в строке ${oktmos.get(oktmo)}`);
    const code = cells.code === '' ? slugOf(name) : cells.code;
    if (name === '') {
      // Nothing to name the unit by: the name's problem is enough.
    } else if (!isRegistryCode(code))
      refuse(
        'code',
        `«${code}» не подходит: строчные латинские буквы, цифры и дефис, до 100 знаков`,
      );
    else if (codes.has(code))
      refuse(
        'code',
        `код «${code}» уже получила строка ${codes.get(code)}; укажите другой в графе «Код»`,
      );
    else codes.set(code, line);
    if (!badOktmo && !oktmos.has(oktmo)) oktmos.set(oktmo, line);
    if (kind && problems.length === before)
      units.push({
        line,
        code,
        name,
        kind,
        oktmo,
        aliases: list(cells.aliases),
        groups: list(cells.groups),
      });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({
      file: table.file,
      row: null,
      column: null,
      message: 'в файле нет ни одного ОМСУ',
    });
  return { units, problems };
}

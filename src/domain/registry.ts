import { Type } from 'typebox';
import { MunicipalityKindSchema, MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';

const Code = Type.String({ maxLength: 100 });
const Text = (maxLength: number) => Type.String({ maxLength });
/** Dates are checked by the service, so that a bad one is refused in Russian naming the field. */
const DateText = Type.String({ maxLength: 40 });

/** A new unit of the registry. */
export const NewMunicipality = Type.Object(
  {
    code: Code,
    name: Text(300),
    kind: MunicipalityKindSchema,
    oktmo: Type.Optional(Nullable(Text(40))),
    validFrom: Type.Optional(Nullable(DateText)),
    aliases: Type.Optional(Type.Array(Text(300), { maxItems: 50 })),
    groups: Type.Optional(Type.Array(Code, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type NewMunicipality = Type.Static<typeof NewMunicipality>;

/** Changes to a unit: what is given replaces what is stored; the code never changes. */
export const MunicipalityChanges = Type.Object(
  {
    name: Type.Optional(Text(300)),
    kind: Type.Optional(MunicipalityKindSchema),
    oktmo: Type.Optional(Nullable(Text(40))),
    validFrom: Type.Optional(Nullable(DateText)),
    aliases: Type.Optional(Type.Array(Text(300), { maxItems: 50 })),
    groups: Type.Optional(Type.Array(Code, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type MunicipalityChanges = Type.Static<typeof MunicipalityChanges>;

/** Closing a unit: its last day of validity and, where there is one, its successor. */
export const MunicipalityClosure = Type.Object(
  { validTo: DateText, successor: Type.Optional(Nullable(Code)) },
  { additionalProperties: false },
);
export type MunicipalityClosure = Type.Static<typeof MunicipalityClosure>;

/**
 * A merger: the predecessors close the day before `date`, and the successor — an open unit
 * of the registry or a new one made here — carries on from `date`.
 */
export const MunicipalityMerger = Type.Object(
  {
    predecessors: Type.Array(Code, { maxItems: 50 }),
    date: DateText,
    successor: Type.Optional(Code),
    newSuccessor: Type.Optional(NewMunicipality),
  },
  { additionalProperties: false },
);
export type MunicipalityMerger = Type.Static<typeof MunicipalityMerger>;

export const MergerResult = Type.Object({
  successor: MunicipalityRef,
  predecessors: Type.Array(MunicipalityRef),
  date: Type.String(),
});
export type MergerResult = Type.Static<typeof MergerResult>;

export const UnitGroup = Type.Object({
  code: Type.String(),
  name: Type.String(),
  members: Type.Array(Type.String()),
});
export type UnitGroup = Type.Static<typeof UnitGroup>;

export const NewUnitGroup = Type.Object(
  { code: Code, name: Text(300) },
  { additionalProperties: false },
);
export type NewUnitGroup = Type.Static<typeof NewUnitGroup>;

/** Where a field of the registry is refused, as the message names it. */
export const REGISTRY_FIELD_LABELS = {
  code: 'код',
  name: 'наименование',
  kind: 'вид',
  oktmo: 'ОКТМО',
  validFrom: 'действует с',
  validTo: 'действует по',
  successor: 'правопреемник',
  predecessors: 'предшественники',
  date: 'дата преобразования',
  aliases: 'варианты наименования',
  groups: 'группы',
} as const;
export type RegistryField = keyof typeof REGISTRY_FIELD_LABELS;

/**
 * Why an ОКТМО code is refused, or null when it is 8 digits (a municipality) or 11 (a
 * settlement within one).
 *
 * @example oktmoProblem('5370000') === 'код ОКТМО — 8 или 11 цифр, а здесь 7 цифр: «5370000»'
 */
export function oktmoProblem(oktmo: string): string | null {
  if (!/^\d+$/.test(oktmo)) return `код ОКТМО состоит только из цифр: «${oktmo}»`;
  if (oktmo.length === 8 || oktmo.length === 11) return null;
  return `код ОКТМО — 8 или 11 цифр, а здесь ${oktmo.length} ${digitsWord(oktmo.length)}: «${oktmo}»`;
}

function digitsWord(n: number): string {
  const last = n % 10;
  const tens = n % 100;
  if (last === 1 && tens !== 11) return 'цифра';
  if (last >= 2 && last <= 4 && (tens < 12 || tens > 14)) return 'цифры';
  return 'цифр';
}

/** A calendar date written as YYYY-MM-DD that exists (no 31 April). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** @example dayBefore('2021-01-01') === '2020-12-31' */
export function dayBefore(text: string): string {
  const date = new Date(`${text}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Unit and group codes as URLs and files use them. */
export const isRegistryCode = (code: string) => /^[a-z0-9][a-z0-9-]{0,99}$/.test(code);

import { Type } from 'typebox';
import { Nullable } from './nullable.js';

/** Kinds of first-level municipalities (see the glossary in docs/glossary.md). */
export const MUNICIPALITY_KINDS = [
  'city_okrug',
  'municipal_district',
  'municipal_okrug',
  'city',
  'zato',
] as const;
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number];

export const MUNICIPALITY_KIND_LABELS: Record<MunicipalityKind, string> = {
  city_okrug: 'городской округ',
  municipal_district: 'муниципальный район',
  municipal_okrug: 'муниципальный округ',
  city: 'город',
  zato: 'ЗАТО',
};

export const MunicipalityKindSchema = Type.Union([
  Type.Literal('city_okrug'),
  Type.Literal('municipal_district'),
  Type.Literal('municipal_okrug'),
  Type.Literal('city'),
  Type.Literal('zato'),
]);

export const MunicipalityRef = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: MunicipalityKindSchema,
});
export type MunicipalityRef = Type.Static<typeof MunicipalityRef>;

export const Municipality = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: MunicipalityKindSchema,
  oktmo: Nullable(Type.String()),
  validFrom: Nullable(Type.String({ format: 'date' })),
  validTo: Nullable(Type.String({ format: 'date' })),
  successorId: Nullable(Type.Integer()),
  /** The code of the unit that took over from this one (a merger), if any. */
  successorCode: Nullable(Type.String()),
  aliases: Type.Array(Type.String()),
  /** Codes of the unit's groups (population bands, curators…). */
  groups: Type.Array(Type.String()),
});
export type Municipality = Type.Static<typeof Municipality>;

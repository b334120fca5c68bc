import { Type } from 'typebox';
import { Nullable } from './nullable.js';

/** Larger files are refused before parsing: a region's boundaries fit well under this. */
export const MAX_BOUNDARY_BYTES = 50 * 1024 * 1024;

const FeatureName = Type.String({ minLength: 1, maxLength: 300 });
const UnitCode = Type.String({ pattern: '^[a-z0-9-]{1,100}$' });

/** What an administrator decided for one feature: its unit, or null to leave it off the map. */
export const BoundaryChoice = Type.Object(
  {
    feature: FeatureName,
    municipality: Type.Union([Type.Null(), UnitCode], {
      description: 'код ОМСУ; null — не показывать объект на карте',
    }),
  },
  { additionalProperties: false },
);
export type BoundaryChoice = Type.Static<typeof BoundaryChoice>;

/** A boundary file as JSON: its text (GeoJSON or TopoJSON) and the administrator's choices. */
export const BoundaryUpload = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    text: Type.String({ description: 'содержимое файла GeoJSON или TopoJSON' }),
    choices: Type.Optional(Type.Array(BoundaryChoice, { maxItems: 5000 })),
    attribution: Type.Optional(
      Type.String({ maxLength: 300, description: 'строка об источнике и лицензии под картой' }),
    ),
    /** Saving only: the SHA-256 of the file the administrator previewed; another file is refused. */
    expectedSha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
  },
  { additionalProperties: false },
);
export type BoundaryUpload = Type.Static<typeof BoundaryUpload>;

const MatchedFeature = Type.Object({
  feature: Type.String(),
  code: Type.String(),
  name: Type.String(),
  confirmed: Type.Boolean({
    description: 'сопоставлен по выбору администратора, а не по названию',
  }),
});

/** What an upload would store: nothing is written by a preview. */
export const BoundaryPreview = Type.Object({
  fileName: Type.String(),
  sha256: Type.String(),
  features: Type.Integer({ description: 'объектов в файле' }),
  matched: Type.Array(MatchedFeature),
  unmatched: Type.Array(
    Type.Object({
      feature: Type.String(),
      candidates: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    }),
  ),
  leftOut: Type.Array(Type.String()),
  /** Units of the registry that no feature shows. */
  unitsWithout: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  simplifiedBytes: Type.Integer({ description: 'размер упрощённых границ, байт' }),
});
export type BoundaryPreview = Type.Static<typeof BoundaryPreview>;

/** The boundaries a region's map shows. */
export const BoundaryRecord = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  sha256: Type.String(),
  uploadedAt: Type.String(),
  uploadedBy: Nullable(Type.String()),
  matched: Type.Array(MatchedFeature),
  leftOut: Type.Array(Type.String()),
  attribution: Nullable(Type.String()),
});
export type BoundaryRecord = Type.Static<typeof BoundaryRecord>;

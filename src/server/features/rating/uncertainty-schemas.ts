import { Type } from 'typebox';
import { Nullable } from '../../../domain/nullable.js';

/** Limits of one run: enough for a stable 5–95 % band, small enough to bound a run's time. */
export const UNCERTAINTY_LIMITS = {
  draws: { min: 1, max: 10_000, default: 1000 },
  seed: { min: 0, max: 2_147_483_647, default: 42 },
  noise: { min: 0, max: 0.9, default: 0.25 },
  workers: { min: 1, max: 4 },
} as const;

const L = UNCERTAINTY_LIMITS;

/** What a run may be asked for; every field has a default. */
export const UncertaintyRequest = Type.Object(
  {
    draws: Type.Optional(
      Type.Integer({ minimum: L.draws.min, maximum: L.draws.max, default: L.draws.default }),
    ),
    seed: Type.Optional(
      Type.Integer({ minimum: L.seed.min, maximum: L.seed.max, default: L.seed.default }),
    ),
    noise: Type.Optional(
      Type.Number({ minimum: L.noise.min, maximum: L.noise.max, default: L.noise.default }),
    ),
    alternatives: Type.Optional(Type.Boolean({ default: true })),
    /** Worker threads; the server uses at most as many as it allows (reported in `settings`). */
    workers: Type.Optional(Type.Integer({ minimum: L.workers.min, maximum: L.workers.max })),
  },
  { additionalProperties: false },
);
export type UncertaintyRequest = Type.Static<typeof UncertaintyRequest>;

const Place = Nullable(Type.Number());

export const UncertaintySettings = Type.Object({
  draws: Type.Integer(),
  seed: Type.Integer(),
  noise: Type.Number(),
  alternatives: Type.Boolean(),
  workers: Type.Integer(),
});
export type UncertaintySettings = Type.Static<typeof UncertaintySettings>;

export const UncertaintyResult = Type.Object({
  snapshot: Type.Object({ code: Type.String(), title: Type.String() }),
  methodology: Type.Object({ code: Type.String(), version: Type.Integer() }),
  settings: UncertaintySettings,
  /** Wall time of the run in seconds (the only field that differs between equal runs). */
  seconds: Type.Number(),
  /** In order of the snapshot's places, units without a place last. */
  units: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      /** The place in the snapshot. */
      place: Nullable(Type.Integer()),
      median: Place,
      p05: Place,
      p95: Place,
    }),
  ),
});
export type UncertaintyResult = Type.Static<typeof UncertaintyResult>;

/** One line of the NDJSON answer: progress lines, then exactly one result or error line. */
export type UncertaintyLine =
  | { progress: { done: number; total: number } }
  | { result: UncertaintyResult }
  | { error: { error: string; message: string } };

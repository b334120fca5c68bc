import { Type } from 'typebox';
import { ImportPreview, ImportResult } from './import-preview.js';
import { Nullable } from './nullable.js';

export const ImportJobMode = Type.Union([Type.Literal('preview'), Type.Literal('commit')]);
export type ImportJobMode = Type.Static<typeof ImportJobMode>;

/**
 * A preview or commit running in the server process, as its owner polls it: the phase with
 * done of total, then the outcome. `rejected` is a commit refused for problems in the file
 * (nothing written, the preview lists them); `failed` is any other refusal (access, server).
 */
export const ImportJobStatus = Type.Object({
  id: Type.String(),
  mode: ImportJobMode,
  state: Type.Union([
    Type.Literal('running'),
    Type.Literal('succeeded'),
    Type.Literal('rejected'),
    Type.Literal('failed'),
  ]),
  phase: Nullable(
    Type.Union([
      Type.Literal('чтение'),
      Type.Literal('проверка'),
      Type.Literal('сравнение'),
      Type.Literal('запись'),
    ]),
  ),
  done: Type.Number(),
  total: Type.Number(),
  percent: Type.Integer({ minimum: 0, maximum: 100, description: 'готовность текущей фазы' }),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  preview: Nullable(ImportPreview),
  result: Nullable(ImportResult),
  error: Nullable(Type.Object({ status: Type.Integer(), message: Type.String() })),
});
export type ImportJobStatus = Type.Static<typeof ImportJobStatus>;

/** Percent of a phase done, whole, never 100 before the phase is complete. */
export function phasePercent(done: number, total: number): number {
  if (total <= 0) return done > 0 ? 100 : 0;
  if (done >= total) return 100;
  return Math.min(99, Math.floor((done / total) * 100));
}

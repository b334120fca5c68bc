import { Type } from 'typebox';
import { Nullable } from './nullable.js';

export const InputProblemSchema = Type.Object({
  file: Type.String(),
  row: Nullable(Type.Integer()),
  column: Nullable(Type.String()),
  message: Type.String(),
});

const ValueRef = {
  row: Type.Integer({ description: 'строка файла' }),
  municipality: Type.Object({ code: Type.String(), name: Type.String() }),
  indicator: Type.String({ description: 'код показателя' }),
  indicatorName: Type.String({ description: 'наименование показателя, как его видит человек' }),
  period: Type.String(),
};

const Candidates = Type.Array(Type.Object({ code: Type.String(), name: Type.String() }));

export const PreviewInsert = Type.Object({ ...ValueRef, value: Type.Number() });
export const PreviewUpdate = Type.Object({
  ...ValueRef,
  oldValue: Nullable(Type.Number()),
  newValue: Type.Number(),
});

/** A reference value of the file that moves more than the set share from the previous year. */
export const ReferenceJump = Type.Object({
  row: Type.Integer({ description: 'строка файла' }),
  municipality: Type.Object({ code: Type.String(), name: Type.String() }),
  label: Type.String(),
  year: Type.Integer(),
  previous: Type.Number({ description: 'значение прошлого года' }),
  newValue: Type.Number(),
  share: Type.Number({ description: 'изменение как доля прошлогоднего значения' }),
  message: Type.String(),
});

/**
 * A reference value, annual target or a target's start-of-year value an import would add or
 * change (oldValue null: add).
 */
export const ReferenceChange = Type.Object({
  row: Type.Integer({ description: 'строка файла' }),
  municipality: Type.Object({ code: Type.String(), name: Type.String() }),
  kind: Type.Union([
    Type.Literal('population'),
    Type.Literal('econ_active_14_72'),
    Type.Literal('target'),
    Type.Literal('target_start'),
  ]),
  indicator: Nullable(Type.String({ description: 'код показателя целевого значения' })),
  label: Type.String({
    description:
      'что это: «Численность населения», «Целевое значение …», «Значение на начало года …»',
  }),
  year: Type.Integer(),
  oldValue: Nullable(Type.Number()),
  newValue: Type.Number(),
});
export type ReferenceChange = Type.Static<typeof ReferenceChange>;

export const ImportPreview = Type.Object({
  fileName: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  readAs: Type.String({ description: 'как прочитан файл: формат, кодировка, разделитель, лист' }),
  sourceSystem: Nullable(Type.String()),
  mappingName: Nullable(Type.String()),
  headerRow: Nullable(Type.Integer()),
  ignoredColumns: Type.Array(Type.String(), {
    description: 'графы, из которых ничего не прочитано',
  }),
  columns: Type.Array(
    Type.Object({
      column: Type.String(),
      indicator: Type.Object({ code: Type.String(), name: Type.String() }),
      period: Nullable(Type.String()),
    }),
    { description: 'широкая таблица: какая графа прочитана как какой показатель' },
  ),
  totalRows: Type.Array(Type.Object({ row: Type.Integer(), name: Type.String() }), {
    description: 'строки итогов («Итого», «Всего по области»): пропущены',
  }),
  formulaValues: Type.Object(
    {
      count: Type.Integer(),
      cells: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String() })),
    },
    { description: 'значения XLSX, взятые из сохранённого результата формулы (первые ячейки)' },
  ),
  counts: Type.Object({
    valuesRead: Type.Integer(),
    insert: Type.Integer(),
    update: Type.Integer(),
    unchanged: Type.Integer(),
    missing: Type.Integer({ description: 'пустые ячейки и «—»: ничего не записывается' }),
    problems: Type.Integer(),
  }),
  inserts: Type.Array(PreviewInsert, { description: 'первые значения для добавления' }),
  updates: Type.Array(PreviewUpdate, { description: 'первые изменения: было → станет' }),
  reference: Type.Object(
    {
      insert: Type.Integer(),
      update: Type.Integer(),
      unchanged: Type.Integer(),
      changes: Type.Array(ReferenceChange, { description: 'первые добавления и изменения' }),
      jumps: Type.Array(ReferenceJump, {
        description:
          'значения, отличающиеся от прошлого года больше порога (записываются, но требуют проверки)',
      }),
    },
    {
      description:
        'справочные данные в файле (численность населения, целевые значения и значения на начало года); они входят и в общие счётчики',
    },
  ),
  problems: Type.Array(InputProblemSchema),
  unknownNames: Type.Array(
    Type.Object({
      name: Type.String(),
      rows: Type.Array(Type.Integer()),
      candidates: Candidates,
    }),
  ),
  unknownIndicators: Type.Array(
    Type.Object({
      name: Type.String({ description: 'заголовок графы или название показателя в файле' }),
      rows: Type.Array(Type.Integer(), { description: 'пусто для заголовка графы' }),
      candidates: Candidates,
    }),
  ),
  earlierImports: Type.Array(
    Type.Object({
      batchId: Type.Integer(),
      importedAt: Type.String(),
      author: Type.String(),
    }),
  ),
  noChanges: Type.Boolean(),
  summary: Type.String(),
});
export type ImportPreview = Type.Static<typeof ImportPreview>;

export const ImportResult = Type.Object({
  outcome: Type.Union([Type.Literal('committed'), Type.Literal('no-changes')]),
  batchId: Nullable(Type.Integer()),
  preview: ImportPreview,
});
export type ImportResult = Type.Static<typeof ImportResult>;

export const ValueRevision = Type.Object({
  revision: Type.Integer(),
  oldValue: Nullable(Type.Number()),
  newValue: Nullable(Type.Number()),
  author: Type.String(),
  changedAt: Type.String(),
  source: Type.String(),
  note: Nullable(Type.String()),
  batch: Nullable(
    Type.Object({
      id: Type.Integer(),
      fileName: Nullable(Type.String()),
      sha256: Nullable(Type.String()),
      sourceSystem: Nullable(Type.String()),
      row: Nullable(Type.Integer()),
    }),
  ),
});
export type ValueRevision = Type.Static<typeof ValueRevision>;

/** One change of a reference value or target: what, old → new, who, when, from which import. */
export const ReferenceRevision = Type.Object({
  kind: Type.String({
    description:
      'population, econ_active_14_72, target (целевое значение) или target_start (значение на начало года, от которого отсчитывается цель)',
  }),
  indicator: Nullable(Type.String({ description: 'показатель целевого значения' })),
  oldValue: Nullable(Type.Number()),
  newValue: Type.Number(),
  author: Type.String(),
  changedAt: Type.String(),
  source: Type.String(),
  batch: Nullable(
    Type.Object({
      id: Type.Integer(),
      fileName: Nullable(Type.String()),
      sha256: Nullable(Type.String()),
      sourceSystem: Nullable(Type.String()),
      row: Nullable(Type.Integer()),
    }),
  ),
});
export type ReferenceRevision = Type.Static<typeof ReferenceRevision>;

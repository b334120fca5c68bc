import { BOARD_FILTER_LABELS, type CollectionBoard } from '../domain/collection-board.js';
import { SUBMISSION_STATUS_LABELS } from '../domain/entry-form.js';
import { entryPeriodLabel } from '../domain/entry-period.js';
import { MEASURE_STATUS_LABELS, type MeasureSummary } from '../domain/plan-measure.js';
import { formatDateRu, formatDateTimeRu } from '../domain/russian-date-format.js';
import type { ValuePage } from '../domain/value-browser.js';
import type { Tabular } from './tabular.js';

/** The values browser's selection: every matching value with its source and last change. */
export function valuesTable(page: ValuePage, filterLabel: string): Tabular {
  return {
    title: `Значения показателей${filterLabel ? ` (${filterLabel})` : ''}`,
    sheetName: 'Значения',
    columns: [
      { title: 'ОМСУ', width: 28 },
      { title: 'Код ОМСУ', width: 18 },
      { title: 'Показатель', width: 40 },
      { title: 'Код показателя', width: 16 },
      { title: 'Ед. изм.', width: 10 },
      { title: 'Период', width: 10 },
      {
        title: 'Значение',
        decimals: 0,
        decimalsByRow: page.rows.map((r) => r.indicator.decimals),
        width: 14,
      },
      { title: 'Источник', width: 24 },
      { title: 'Кто изменил', width: 18 },
      { title: 'Когда', width: 18 },
      { title: 'Редакция', decimals: 0, width: 9 },
    ],
    rows: page.rows.map((r) => [
      r.municipality.name,
      r.municipality.code,
      r.indicator.name,
      r.indicator.code,
      r.indicator.unit,
      r.period,
      r.value,
      r.source,
      r.author,
      formatDateTimeRu(r.recordedAt),
      r.revision,
    ]),
    notes:
      page.total > page.rows.length
        ? [`Показаны первые ${page.rows.length} из ${page.total} значений: сузьте отбор.`]
        : [],
  };
}

const yesNo = (value: boolean) => (value ? 'да' : 'нет');

/** The collection board of a period: each municipality's status, completeness and lateness. */
export function collectionBoardTable(board: CollectionBoard): Tabular {
  const set = board.dataSet ? `, набор «${board.dataSet.name}»` : '';
  return {
    title: `Сбор данных за ${entryPeriodLabel(board.period)}${set}${board.dueDate ? `, срок ${formatDateRu(board.dueDate)}` : ''}`,
    sheetName: 'Сбор данных',
    columns: [
      { title: 'ОМСУ', width: 30 },
      { title: 'Статус', width: 22 },
      { title: 'Не начато', width: 10 },
      { title: 'Заполнено показателей', decimals: 0, width: 12 },
      { title: 'Всего показателей', decimals: 0, width: 12 },
      { title: 'Отправлено', width: 18 },
      { title: 'Опоздание', width: 10 },
      { title: 'Комментарий', width: 36 },
    ],
    rows: board.rows.map((r) => [
      r.municipality.name,
      SUBMISSION_STATUS_LABELS[r.status],
      yesNo(r.notStarted),
      r.filled,
      r.expected,
      r.submittedAt ? formatDateTimeRu(r.submittedAt) : null,
      yesNo(r.late),
      r.comment,
    ]),
    notes: [
      `Отбор: ${BOARD_FILTER_LABELS[board.filter]}. Всего ОМСУ: ${board.counts.total}; отправлено: ${board.counts.submitted}; утверждено: ${board.counts.approved}; опаздывают: ${board.counts.late}.`,
    ],
  };
}

/** Measures by municipality and quarter, counted by their reported status. */
export function measureQuarterTable(summary: MeasureSummary): Tabular {
  return {
    title: `Сводка по мероприятиям планов на ${summary.year} год (на ${formatDateRu(summary.asOf)})`,
    sheetName: 'По кварталам',
    columns: [
      { title: 'ОМСУ', width: 30 },
      { title: 'Квартал', decimals: 0, width: 9 },
      { title: 'Всего мероприятий', decimals: 0, width: 12 },
      ...(['not_started', 'in_progress', 'done', 'not_done'] as const).map((s) => ({
        title: MEASURE_STATUS_LABELS[s],
        decimals: 0,
        width: 12,
      })),
    ],
    rows: summary.rows.map((r) => [
      r.municipality.name,
      r.quarter,
      r.total,
      r.not_started,
      r.in_progress,
      r.done,
      r.not_done,
    ]),
  };
}

/** The commission's roll-up: per municipality and responsible official, done, late, not started. */
export function measureOfficialTable(summary: MeasureSummary): Tabular {
  return {
    title: `Мероприятия по ответственным должностным лицам на ${formatDateRu(summary.asOf)}`,
    sheetName: 'По ответственным',
    columns: [
      { title: 'ОМСУ', width: 22 },
      { title: 'Ответственный', width: 22 },
      { title: 'Всего', decimals: 0, width: 8 },
      { title: 'Выполнено', decimals: 0, width: 11 },
      { title: 'В работе', decimals: 0, width: 10 },
      { title: 'Не начато', decimals: 0, width: 10 },
      { title: 'Просрочено', decimals: 0, width: 12 },
    ],
    rows: summary.byOfficial.map((r) => [
      r.municipality.name,
      r.responsibleName,
      r.total,
      r.done,
      r.inProgress,
      r.notStarted,
      r.late,
    ]),
  };
}

/** Measures past their deadline and not done, with the deadline and the last reported status. */
export function overdueMeasuresTable(summary: MeasureSummary): Tabular {
  return {
    title: `Просроченные мероприятия на ${formatDateRu(summary.asOf)}`,
    sheetName: 'Просроченные',
    columns: [
      { title: 'ОМСУ', width: 20 },
      { title: 'Мероприятие', width: 36 },
      { title: 'Ответственный', width: 18 },
      { title: 'Срок', width: 12 },
      { title: 'Последний статус', width: 13 },
    ],
    rows: summary.overdue.map((m) => [
      m.municipality.name,
      m.title,
      m.responsibleName,
      formatDateRu(m.deadline),
      MEASURE_STATUS_LABELS[m.status],
    ]),
  };
}

/** The measure summary as files show it: by quarter, by responsible official, the overdue. */
export const measureSummaryTables = (summary: MeasureSummary): Tabular[] => [
  measureQuarterTable(summary),
  measureOfficialTable(summary),
  overdueMeasuresTable(summary),
];

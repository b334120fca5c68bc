import type { CommissionReport, PlanStanding } from '../domain/commission-report.js';
import { FORECAST_METHOD_LABELS, PLAN_STATUS_LABELS } from '../domain/plan-month.js';
import { formatDateRu } from '../domain/russian-date-format.js';
import { formatNumberRu, formatPercentRu } from '../domain/russian-number-format.js';
import { type ChartImage, forecastChart, scoreChart } from './charts.js';
import { planExecutionTable, ratingTable } from './seed-tables.js';
import { measureOfficialTable, overdueMeasuresTable } from './staff-tables.js';
import type { Tabular } from './tabular.js';

/** One block of the briefing note, in reading order; each writer (DOCX, PDF) lays them out. */
export type NoteBlock =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; table: Tabular }
  | { kind: 'chart'; chart: ChartImage; caption: string }
  /** A wide table on a landscape page of its own, after the note. */
  | { kind: 'appendix'; title: string; table: Tabular };

export interface CommissionNote {
  title: string;
  blocks: NoteBlock[];
}

const place = (n: number) => `${n}-е место`;

/**
 * At most this many rows in a table of the note's text: a large region's note lists those
 * that need the commission's attention first (the rest are in the appendices and the files).
 */
export const NOTE_ROWS = 40;

/** The first `NOTE_ROWS` of `rows` and, when some are left out, a line saying how many. */
function firstRows<T>(rows: T[], of: string): { rows: T[]; notes: string[] } {
  if (rows.length <= NOTE_ROWS) return { rows, notes: [] };
  return {
    rows: rows.slice(0, NOTE_ROWS),
    notes: [`Показаны первые ${NOTE_ROWS} из ${rows.length} ${of}.`],
  };
}

/** Names listed in a sentence: all of them, or the first 20 and how many more. */
const namesText = (names: string[]) =>
  names.length === 0
    ? 'нет'
    : names.length <= 20
      ? names.join(', ')
      : `${names.slice(0, 20).join(', ')} и ещё ${names.length - 20}`;
const moveText = (m: { name: string; from: number; to: number }) =>
  `${m.name}: с ${m.from}-го на ${m.to}-е место`;

function ratingBlocks(report: CommissionReport): NoteBlock[] {
  const { rating } = report;
  const column = rating.columns[0];
  const shownValue = (r: (typeof rating.rows)[number]) =>
    column ? formatNumberRu(r.values[column.key] ?? null, column.decimals) : '—';
  const listed = (rows: typeof rating.rows) =>
    rows.map((r) => `${r.placeLabel}. ${r.municipality.name} — ${shownValue(r)}`);
  const blocks: NoteBlock[] = [
    { kind: 'heading', text: '1. Рейтинг муниципальных образований' },
    {
      kind: 'paragraph',
      text: `Последний опубликованный рейтинг — «${rating.title}» на ${formatDateRu(rating.asOf)}${rating.publishedAt ? ` (опубликован ${formatDateRu(rating.publishedAt)})` : ''}: ${rating.rows.length} муниципальных образований${column ? `, показатель «${column.title}»` : ''}. Контрольная сумма снимка ${rating.contentHash.slice(0, 16)}…; полная таблица — в приложении 1.`,
    },
    { kind: 'paragraph', text: 'Первые места рейтинга:' },
    { kind: 'list', items: listed(report.top) },
  ];
  if (report.bottom.length > 0)
    blocks.push(
      { kind: 'paragraph', text: 'Последние места рейтинга:' },
      { kind: 'list', items: listed(report.bottom) },
    );
  if (report.previousRating === null)
    blocks.push({
      kind: 'paragraph',
      text: 'Предыдущего опубликованного рейтинга по той же методике нет: изменения мест не приводятся.',
    });
  else if (report.risers.length + report.fallers.length === 0)
    blocks.push({
      kind: 'paragraph',
      text: `По сравнению с рейтингом на ${formatDateRu(report.previousRating.asOf)} места не изменились.`,
    });
  else {
    blocks.push({
      kind: 'paragraph',
      text: `Наибольшие изменения мест по сравнению с рейтингом на ${formatDateRu(report.previousRating.asOf)}:`,
    });
    if (report.risers.length > 0)
      blocks.push({
        kind: 'list',
        items: report.risers.map((m) => `поднялись — ${moveText(m)} (+${m.change})`),
      });
    if (report.fallers.length > 0)
      blocks.push({
        kind: 'list',
        items: report.fallers.map((m) => `опустились — ${moveText(m)} (${m.change})`),
      });
  }
  if (column)
    blocks.push({
      kind: 'chart',
      chart: scoreChart(
        rating.rows.map((r) => ({
          name: r.municipality.name,
          score: r.values[column.key] ?? null,
        })),
        column.title,
        column.decimals,
      ),
      caption: `Рисунок 1. ${column.title} по рейтингу на ${formatDateRu(rating.asOf)} (${place(1)} — вверху)`,
    });
  return blocks;
}

const statusText = (s: PlanStanding) =>
  s.status === null
    ? 'нет данных'
    : `${PLAN_STATUS_LABELS[s.status].arrow} ${PLAN_STATUS_LABELS[s.status].label}`;

const standingRow = (s: PlanStanding) => [
  s.name,
  s.yearPlan,
  s.sinceJanuary,
  s.forecast,
  s.forecastPercent,
  s.method === null ? null : s.method === 'linear' ? 'линейный' : 'сезонный',
  statusText(s),
];

function planBlocks(report: CommissionReport): NoteBlock[] {
  const { plan, standings } = report;
  if (!plan)
    return [
      { kind: 'heading', text: '2. Выполнение плана' },
      { kind: 'paragraph', text: 'Отчётов о выполнении плана на дату заседания нет.' },
    ];
  const yearPlan = standings.reduce((sum, s) => sum + (s.yearPlan ?? 0), 0);
  const done = standings.reduce((sum, s) => sum + s.sinceJanuary, 0);
  const named = (status: PlanStanding['status']) =>
    standings.filter((s) => s.status === status).map((s) => s.name);
  const atRisk = named('at-risk');
  const offTrack = named('off-track');
  return [
    { kind: 'heading', text: '2. Выполнение плана' },
    {
      kind: 'paragraph',
      text: `${plan.title} на ${formatDateRu(plan.asOf)}: с начала года зарегистрировано ${formatNumberRu(done, 0)} при плане на год ${formatNumberRu(yearPlan, 0)} (${formatPercentRu(yearPlan > 0 ? (done / yearPlan) * 100 : null, 2)}). Таблица 2 — в приложении 2.`,
    },
    {
      kind: 'paragraph',
      text: `Прогноз на конец года: ${FORECAST_METHOD_LABELS.linear}, или ${FORECAST_METHOD_LABELS['seasonal-naive']}, где есть данные прошлого года. Статус: «${PLAN_STATUS_LABELS['on-track'].label}» — прогноз не ниже плана на год, «${PLAN_STATUS_LABELS['at-risk'].label}» — от 80 до 100 % плана, «${PLAN_STATUS_LABELS['off-track'].label}» — ниже 80 %.`,
    },
    {
      kind: 'list',
      items: [
        `${PLAN_STATUS_LABELS['off-track'].label}: ${namesText(offTrack)}`,
        `${PLAN_STATUS_LABELS['at-risk'].label}: ${namesText(atRisk)}`,
      ],
    },
    {
      kind: 'table',
      table: {
        title:
          standings.length > NOTE_ROWS
            ? 'Прогноз выполнения плана на конец года: ОМСУ с наименьшим прогнозом'
            : 'Прогноз выполнения плана на конец года',
        sheetName: 'Прогноз',
        columns: [
          { title: 'ОМСУ', width: 26 },
          { title: 'План на год', decimals: 0 },
          { title: 'С начала года', decimals: 0 },
          { title: 'Прогноз на конец года', decimals: 0 },
          { title: 'Прогноз, % плана', decimals: 1, percent: true },
          { title: 'Метод прогноза', width: 10 },
          { title: 'Статус', width: 16 },
        ],
        ...(() => {
          // A large region's note starts from those furthest behind (no forecast first).
          const ordered =
            standings.length > NOTE_ROWS
              ? [...standings].sort((a, b) => (a.forecastPercent ?? -1) - (b.forecastPercent ?? -1))
              : standings;
          const shown = firstRows(ordered, 'ОМСУ');
          return { rows: shown.rows.map(standingRow), notes: shown.notes };
        })(),
      },
    },
    {
      kind: 'chart',
      chart: forecastChart(standings.map((s) => ({ name: s.name, percent: s.forecastPercent }))),
      caption: 'Рисунок 2. Прогноз выполнения плана на конец года, % от плана на год',
    },
  ];
}

/** A table cut to the note's length, saying how many rows were left out. */
function shortened(table: Tabular, of: string): Tabular {
  const shown = firstRows(table.rows, of);
  return { ...table, rows: shown.rows, notes: [...(table.notes ?? []), ...shown.notes] };
}

function measureBlocks(report: CommissionReport): NoteBlock[] {
  const { measures } = report;
  const heading: NoteBlock = {
    kind: 'heading',
    text: '3. Мероприятия планов муниципальных образований',
  };
  if (measures.byOfficial.length === 0)
    return [
      heading,
      { kind: 'paragraph', text: `Мероприятий в планах на ${measures.year} год нет.` },
    ];
  const sum = (key: 'total' | 'done' | 'inProgress' | 'notStarted' | 'late') =>
    measures.byOfficial.reduce((s, r) => s + r[key], 0);
  return [
    heading,
    {
      kind: 'paragraph',
      text: `По квартальным отчётам муниципальных образований на ${formatDateRu(measures.asOf)}: мероприятий ${sum('total')}, выполнено ${sum('done')}, в работе ${sum('inProgress')}, не начато ${sum('notStarted')}, просрочено ${sum('late')}.`,
    },
    { kind: 'table', table: shortened(measureOfficialTable(measures), 'строк') },
    ...(measures.overdue.length > 0
      ? [
          {
            kind: 'table',
            table: shortened(overdueMeasuresTable(measures), 'просроченных мероприятий'),
          } as const,
        ]
      : []),
  ];
}

/** The briefing note for the commission's meeting, as blocks the DOCX and PDF writers share. */
export function commissionNote(report: CommissionReport): CommissionNote {
  const title = `Справка к заседанию комиссии ${formatDateRu(report.meetingDate)}`;
  const blocks: NoteBlock[] = [
    { kind: 'title', text: title },
    {
      kind: 'subtitle',
      text: `о рейтинге муниципальных образований по уровню цифрового развития, выполнении планов и мероприятий${report.regionName ? ` (${report.regionName})` : ''}`,
    },
    ...ratingBlocks(report),
    ...planBlocks(report),
    ...measureBlocks(report),
    { kind: 'appendix', title: 'Приложение 1', table: ratingTable(report.rating) },
  ];
  if (report.plan)
    blocks.push({
      kind: 'appendix',
      title: 'Приложение 2',
      table: planExecutionTable(report.plan),
    });
  return { title, blocks };
}

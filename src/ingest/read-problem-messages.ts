import type { ColumnMapping } from '../domain/import-mapping.js';
import type { MatchCandidate } from './match-municipality.js';
import { PERIOD_EXAMPLES } from './period-cells.js';

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);
const listCandidates = (candidates: MatchCandidate[]) =>
  candidates.map((c) => `«${c.name}» (${c.code})`).join(', ');

export function describeUnknownUnit(name: string, candidates: MatchCandidate[]): string {
  const shown = shorten(name);
  if (candidates.length === 0)
    return `неизвестное муниципальное образование «${shown}»: в реестре нет ни одного ОМСУ`;
  return `неизвестное муниципальное образование «${shown}»; ближайшие: ${listCandidates(candidates)}. Подтвердите соответствие: --alias "${shown}=код"`;
}

/** A long table's indicator cell that names no indicator of the registry. */
export function describeUnknownIndicator(text: string, candidates: MatchCandidate[]): string {
  const shown = shorten(text);
  if (candidates.length === 0)
    return `неизвестный показатель «${shown}»: укажите код или наименование показателя из реестра`;
  return `неизвестный показатель «${shown}»; ближайшие: ${listCandidates(candidates)}. Подтвердите, какой это показатель`;
}

/** A wide table's header that looks like an indicator the registry does not know by it. */
export function describeUnknownHeader(label: string, candidates: MatchCandidate[]): string {
  return `графа «${shorten(label)}» похожа на показатель, но не сопоставлена; ближайшие: ${listCandidates(candidates)}. Подтвердите, какой это показатель, или уберите графу из файла`;
}

export const describeBadPeriod = (text: string) =>
  `период «${shorten(text)}» не распознан (ожидается ${PERIOD_EXAMPLES})`;

export function describeMissingHeader(mapping: ColumnMapping): string {
  const wanted = [
    mapping.unitColumn,
    mapping.indicatorColumn,
    mapping.periodColumn,
    mapping.valueColumn,
    ...(mapping.columns ?? []).map((c) => c.column),
  ]
    .filter((c): c is string => c !== undefined)
    .map((c) => `«${c.split('|')[0]}»`);
  return `не найдена строка заголовка таблицы: в первых 50 строках нет граф ${wanted.join(', ')}${mapping.format === 'wide' && !mapping.columns ? ' и граф с кодами или наименованиями показателей' : ''}. Проверьте формат (--format), сопоставление граф (--mapping) и разделитель (--delimiter)`;
}

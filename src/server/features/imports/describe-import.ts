import type { NewValue } from '../../../db/repositories/observation-bulk-repository.js';
import type { ColumnMapping } from '../../../domain/import-mapping.js';
import type { ImportPreview } from '../../../domain/import-preview.js';
import { describeDelimiter, type ImportTable } from '../../../ingest/read-import-table.js';
import type { LoadedRegistry } from './import-registry.js';

/** A value of a preview as a person reads it: the unit and the indicator by name. */
export function describeValue(registry: LoadedRegistry, v: NewValue) {
  const unit = registry.units.get(v.municipalityId);
  const indicator = registry.indicatorsById.get(v.indicatorId);
  return {
    row: v.row,
    municipality: { code: unit?.code ?? '', name: unit?.name ?? '' },
    indicator: indicator?.code ?? '',
    indicatorName: indicator?.name ?? '',
    period: v.period,
  };
}

/** How the file was read: format, encoding, delimiter, sheet, table format. */
export function describeReadAs(t: ImportTable, mapping: ColumnMapping | null): string {
  return [
    t.kind === 'text' ? 'вставленный текст' : t.kind.toUpperCase(),
    t.encoding === 'cp1251'
      ? 'Windows-1251'
      : t.encoding === 'utf16le'
        ? 'UTF-16'
        : t.encoding === 'utf8'
          ? 'UTF-8'
          : null,
    t.delimiter ? `разделитель ${describeDelimiter(t.delimiter)}` : null,
    t.sheet ? `лист «${t.sheet}»` : null,
    mapping ? (mapping.format === 'long' ? 'длинный формат' : 'широкий формат') : null,
  ]
    .filter((p) => p !== null)
    .join('; ');
}

/** The preview in one sentence. */
export function summarise(p: ImportPreview): string {
  if (p.counts.problems > 0)
    return `Найдено ошибок: ${p.counts.problems}. Ничего не записано: исправьте файл и повторите импорт.`;
  const first = p.earlierImports.at(-1);
  const again = first
    ? ` Этот файл уже импортирован ${first.importedAt.slice(0, 16).replace('T', ' ')} (пакет №${first.batchId}, ${first.author}).`
    : '';
  if (p.noChanges) return `Изменений нет: все ${p.counts.valuesRead} значений уже в базе.${again}`;
  return `Будет добавлено: ${p.counts.insert}, изменено: ${p.counts.update}, без изменений: ${p.counts.unchanged}.${again}`;
}

import type { ImportPreview } from '../../../src/domain/import-preview.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';

/**
 * How the file was understood, beyond the counts: which column is which indicator, what was
 * left unused, which total rows were skipped, which values a formula gave.
 */
export function ImportReadingFacts({ preview }: { preview: ImportPreview }) {
  const f = preview.formulaValues;
  return (
    <>
      {preview.columns.length > 0 ? (
        <>
          <dt>Графы показателей</dt>
          <dd>
            <ul className="import-columns" data-testid="import-columns">
              {preview.columns.map((c) => (
                <li key={c.column}>
                  «{c.column}» → {c.indicator.name}
                  {c.period ? ` (${c.period})` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {preview.ignoredColumns.length > 0 ? (
        <>
          <dt>Не используются графы</dt>
          <dd data-testid="import-ignored">{preview.ignoredColumns.join('; ')}</dd>
        </>
      ) : null}
      {preview.totalRows.length > 0 ? (
        <>
          <dt>Строки итогов (пропущены)</dt>
          <dd data-testid="import-totals">
            {preview.totalRows.map((t) => `строка ${t.row} «${t.name}»`).join('; ')}
          </dd>
        </>
      ) : null}
      {f.count > 0 ? (
        <>
          <dt>Значения из формул</dt>
          <dd data-testid="import-formulas">
            {formatNumberRu(f.count, 0)} — взят результат формулы, сохранённый в файле (
            {f.cells.map((c) => `строка ${c.row}, графа «${c.column}»`).join('; ')}
            {f.count > f.cells.length ? '; …' : ''})
          </dd>
        </>
      ) : null}
    </>
  );
}

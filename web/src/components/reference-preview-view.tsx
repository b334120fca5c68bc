import type { ImportPreview } from '../../../src/domain/import-preview.js';
import { formatExactRu, formatNumberRu } from '../../../src/domain/russian-number-format.js';

const n = formatExactRu;

/** The reference data in a file (population, targets, start values): counts and the first changes. */
export function ReferencePreviewView({ reference }: { reference: ImportPreview['reference'] }) {
  const { insert, update, unchanged, changes, jumps } = reference;
  if (insert + update + unchanged === 0) return null;
  return (
    <section data-testid="import-reference" aria-label="Справочные данные">
      <h3>Справочные данные (численность населения, целевые значения и значения на начало года)</h3>
      <p>
        Добавить: <span data-testid="reference-insert">{formatNumberRu(insert, 0)}</span>, изменить:{' '}
        <span data-testid="reference-update">{formatNumberRu(update, 0)}</span>, без изменений:{' '}
        {formatNumberRu(unchanged, 0)}.
      </p>
      {jumps.length > 0 ? (
        <div className="status status--warn" role="status" data-testid="reference-jumps">
          <p>Скачок к прошлому году — проверьте перед записью:</p>
          <ul>
            {jumps.map((j) => (
              <li key={`${j.row}-${j.label}-${j.year}`}>
                строка {j.row}, {j.municipality.name}: {j.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {changes.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Строка</th>
              <th scope="col">ОМСУ</th>
              <th scope="col">Что</th>
              <th scope="col">Год</th>
              <th scope="col" className="num">
                Было
              </th>
              <th scope="col" className="num">
                Станет
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={`${c.row}-${c.kind}-${c.indicator ?? ''}-${c.year}`}>
                <td className="num">{c.row}</td>
                <td>{c.municipality.name}</td>
                <td>{c.label}</td>
                <td className="num">{c.year}</td>
                <td className="num">{c.oldValue === null ? '—' : n(c.oldValue)}</td>
                <td className="num">{n(c.newValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

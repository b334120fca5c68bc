import {
  REFERENCE_DATA_KIND_LABELS,
  REFERENCE_DATA_KINDS,
  type ReferenceCell,
  type ReferenceTable,
} from '../../../src/domain/reference-data.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { formatExactRu, formatNumberRu } from '../../../src/domain/russian-number-format.js';

function provenance(cell: ReferenceCell): string {
  const parts = [
    cell.source ? `источник: ${cell.source}` : null,
    cell.derivedFrom,
    cell.illustrative ? 'условное значение демо' : null,
    cell.changedBy && cell.changedAt
      ? `изменил ${cell.changedBy} ${formatDateRu(cell.changedAt.slice(0, 10))}${cell.file ? `, файл «${cell.file}»` : ''}`
      : null,
  ];
  return parts.filter((p) => p !== null).join('; ');
}

function CellView({ cell, year }: { cell: ReferenceCell; year: number }) {
  if (cell.value === null) return <td className="num">—</td>;
  const change =
    cell.changeShare === null || cell.previous === null
      ? null
      : `${cell.value >= cell.previous ? '+' : '−'}${formatNumberRu(cell.changeShare * 100, 1)} % к ${year - 1} (${formatExactRu(cell.previous)})`;
  return (
    <td
      className={cell.jump ? 'num reference-jump' : 'num'}
      data-jump={cell.jump ? 'true' : undefined}
    >
      <strong>{formatExactRu(cell.value)}</strong>
      {change ? <div>{cell.jump ? `скачок: ${change}` : change}</div> : null}
      <div className="reference-provenance">{provenance(cell)}</div>
    </td>
  );
}

/** The year's reference data per unit, jumps over the threshold marked. */
export function ReferenceTableView({ table }: { table: ReferenceTable }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="reference-table">
        <caption>Справочные данные за {table.year} год</caption>
        <thead>
          <tr>
            <th scope="col">ОМСУ</th>
            {REFERENCE_DATA_KINDS.map((k) => (
              <th key={k} scope="col" className="num">
                {REFERENCE_DATA_KIND_LABELS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.municipality.code} data-code={r.municipality.code}>
              <th scope="row">{r.municipality.name}</th>
              {REFERENCE_DATA_KINDS.map((k) => (
                <CellView key={k} cell={r.cells[k]} year={table.year} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

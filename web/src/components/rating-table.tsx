import type { ReactNode } from 'react';
import type { RatingSnapshotView, SnapshotRow } from '../../../src/domain/rating-snapshot.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';

/**
 * The league table as the snapshot stores it: place, municipality, one column per value;
 * `rowAction` adds a last column («Объяснение»); `ownCodes` marks the signed-in official's
 * municipalities («Ваше место»).
 */
export function RatingTable({
  snapshot,
  rowAction,
  ownCodes,
}: {
  snapshot: RatingSnapshotView;
  rowAction?: ((row: SnapshotRow) => ReactNode) | undefined;
  ownCodes?: ReadonlySet<string> | undefined;
}) {
  return (
    <table
      className="data-table rating-table"
      data-testid="rating-table"
      data-snapshot={snapshot.code}
    >
      <caption className="visually-hidden">{snapshot.title}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            Место
          </th>
          <th scope="col">Наименование ОМСУ</th>
          {snapshot.columns.map((column) => (
            <th key={column.key} scope="col" className="num" data-column={column.key}>
              {column.title}
            </th>
          ))}
          {rowAction ? (
            <th scope="col">
              <span className="visually-hidden">Действия</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {snapshot.rows.map((row) => {
          const own = ownCodes?.has(row.municipality.code) ?? false;
          return (
            <tr
              key={row.municipality.code}
              className={own ? 'rating-row--own' : undefined}
              data-testid="rating-row"
              data-municipality={row.municipality.code}
              data-place={row.place ?? undefined}
            >
              <td className="num place">{row.placeLabel}</td>
              <th scope="row" className="name">
                {row.municipality.name}
                {own ? (
                  <>
                    {' '}
                    <span className="own-mark">Ваше место</span>
                  </>
                ) : null}
              </th>
              {snapshot.columns.map((column) => (
                <td key={column.key} className="num" data-column={column.key}>
                  {formatNumberRu(row.values[column.key] ?? null, column.decimals)}
                </td>
              ))}
              {rowAction ? <td>{rowAction(row)}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import type { RatingPlaceHistory } from '../../../src/server/features/rating/rating-schemas.js';
import { useApiData } from '../api/use-api-data.js';
import { Link } from '../routing/link.js';
import { ratingPath } from '../routing/match-route.js';
import { ErrorState } from './error-state.js';
import { LoadingState } from './loading-state.js';

type PlaceEntry = RatingPlaceHistory['places'][number];

const placeText = (p: PlaceEntry) =>
  p.listed ? (p.placeLabel ?? '—') : 'нет в опубликованной таблице';

/** A municipality's places in every published rating, newest first; `current` is marked. */
export function PlaceHistory({
  municipalityCode,
  current,
}: {
  municipalityCode: string;
  current: string;
}) {
  const data = useApiData<RatingPlaceHistory>(
    `/api/municipalities/${encodeURIComponent(municipalityCode)}/rating-places`,
  );
  if (data.status === 'loading' || data.status === 'idle') return <LoadingState />;
  if (data.status === 'error') return <ErrorState message={data.message} />;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="place-history">
        <caption>Места {data.data.municipality.name} в опубликованных рейтингах</caption>
        <thead>
          <tr>
            <th scope="col">Рейтинг</th>
            <th scope="col">По состоянию на</th>
            <th scope="col" className="num">
              Место
            </th>
          </tr>
        </thead>
        <tbody>
          {data.data.places.map((p) => (
            <tr
              key={p.snapshot.code}
              data-snapshot={p.snapshot.code}
              aria-current={p.snapshot.code === current ? 'true' : undefined}
            >
              <th scope="row">
                <Link href={ratingPath(p.snapshot.code)}>{p.snapshot.title}</Link>
                {p.snapshot.corrected ? ' (исправлен)' : null}
              </th>
              <td>{formatDateRu(p.snapshot.asOf)}</td>
              <td className="num" data-testid="history-place">
                {placeText(p)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.data.predecessors.length > 0 ? (
        <table className="data-table" data-testid="predecessor-places">
          <caption>До объединения: места предшественников под их наименованиями</caption>
          <thead>
            <tr>
              <th scope="col">ОМСУ</th>
              <th scope="col">Объединение</th>
              <th scope="col">Рейтинг</th>
              <th scope="col" className="num">
                Место
              </th>
            </tr>
          </thead>
          <tbody>
            {data.data.predecessors.flatMap((x) =>
              x.places
                .filter((p) => p.listed)
                .map((p) => (
                  <tr key={`${x.municipality.code}/${p.snapshot.code}`}>
                    <th scope="row">{x.municipality.name}</th>
                    <td>
                      вошло в {x.mergedInto.name}
                      {x.validTo ? ` (действовало по ${formatDateRu(x.validTo)})` : ''}
                    </td>
                    <td>
                      <Link href={ratingPath(p.snapshot.code)}>{p.snapshot.title}</Link>
                    </td>
                    <td className="num">{placeText(p)}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

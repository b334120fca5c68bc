import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import type { UncertaintyResult } from '../../../src/server/features/rating/uncertainty-schemas.js';

type Unit = UncertaintyResult['units'][number];

/** A place as printed: places (the median and the band's ends too) are whole. */
const placeText = (value: number | null) => formatNumberRu(value, 0);

/**
 * The 5–95 % band on the scale of all places (1 at the left), with the median as a long tick and
 * the snapshot's place as a short orange one. SVG attributes, not inline styles (the CSP forbids those).
 */
function RankBand({ unit, places }: { unit: Unit; places: number }) {
  if (unit.p05 === null || unit.p95 === null || unit.median === null) return null;
  const x = (place: number) => (places > 1 ? ((place - 1) / (places - 1)) * 100 : 50);
  const from = x(unit.p05);
  const width = Math.max(x(unit.p95) - from, 0.8);
  return (
    <svg
      className="rank-band"
      viewBox="-2 0 104 12"
      preserveAspectRatio="none"
      role="img"
      aria-label={`места от ${placeText(unit.p05)} до ${placeText(unit.p95)}, медиана ${placeText(unit.median)}`}
    >
      <line className="rank-band__axis" x1="0" x2="100" y1="6" y2="6" />
      <rect className="rank-band__range" x={from} width={width} y="2" height="8" />
      <line className="rank-band__median" x1={x(unit.median)} x2={x(unit.median)} y1="0" y2="12" />
      {unit.place !== null ? (
        <line className="rank-band__place" x1={x(unit.place)} x2={x(unit.place)} y1="3" y2="9" />
      ) : null}
    </svg>
  );
}

/** Every unit of the snapshot in order of its place, with the median and the 5–95 % band. */
export function RankBandTable({ result }: { result: UncertaintyResult }) {
  const places = Math.max(1, ...result.units.map((u) => u.place ?? 0));
  return (
    <div className="table-scroll">
      <table className="data-table rank-bands" data-testid="uncertainty-table">
        <caption className="visually-hidden">
          Медиана места и диапазон 5–95 % по испытаниям Монте-Карло
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Место в снимке
            </th>
            <th scope="col">Наименование ОМСУ</th>
            <th scope="col" className="num">
              Медиана места
            </th>
            <th scope="col" className="num">
              Места 5–95 %
            </th>
            <th scope="col">
              Диапазон (1-е место слева; синяя черта — медиана, оранжевая — место в снимке)
            </th>
          </tr>
        </thead>
        <tbody>
          {result.units.map((u) => (
            <tr key={u.code} data-testid="uncertainty-row" data-municipality={u.code}>
              <td className="num">{u.place ?? '—'}</td>
              <th scope="row">{u.name}</th>
              <td className="num" data-testid="uncertainty-median">
                {placeText(u.median)}
              </td>
              <td className="num" data-testid="uncertainty-band">
                {u.p05 === null ? '—' : `${placeText(u.p05)}–${placeText(u.p95)}`}
              </td>
              <td className="rank-band-cell">
                <RankBand unit={u} places={places} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

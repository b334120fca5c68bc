import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import type { SimulationResult } from '../../../src/server/features/rating/rating-schemas.js';

type Unit = SimulationResult['units'][number];

const place = (p: number | null) => p ?? Number.POSITIVE_INFINITY;

function shiftText(shift: number | null): string {
  if (shift === null) return '—';
  if (shift === 0) return '0';
  return shift > 0 ? `▲ ${shift}` : `▼ ${-shift}`;
}

/**
 * The editor's live preview: the table the edited methodology gives on a period's data, with
 * each unit's shift against the version in force (units without a place under either last).
 */
export function MethodologyPreviewTable({ result }: { result: SimulationResult }) {
  const units = [...result.units]
    .filter((u) => u.rankAfter !== null || u.rankBefore !== null)
    .sort((a: Unit, b: Unit) => place(a.rankAfter) - place(b.rankAfter));
  return (
    <div data-testid="editor-preview">
      <p>
        Данные за {result.period}; сдвиг — против версии {result.before.version}, действующей в этом
        периоде.
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">
            Предпросмотр рейтинга по редактируемой методике
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Место
              </th>
              <th scope="col">Наименование ОМСУ</th>
              <th scope="col" className="num">
                Индекс
              </th>
              <th scope="col" className="num">
                Место по действующей
              </th>
              <th scope="col" className="num">
                Сдвиг
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.code} data-testid="preview-row" data-municipality={u.code}>
                <td className="num">{u.rankAfter ?? '—'}</td>
                <th scope="row">{u.name}</th>
                <td className="num">{formatNumberRu(u.scoreAfter, 2)}</td>
                <td className="num">{u.rankBefore ?? '—'}</td>
                <td
                  className={`num ${u.shift && u.shift > 0 ? 'shift--up' : u.shift && u.shift < 0 ? 'shift--down' : ''}`}
                  data-testid="preview-shift"
                >
                  {shiftText(u.shift)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

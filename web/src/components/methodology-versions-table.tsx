import { formatDateTimeRu } from '../../../src/domain/russian-date-format.js';
import type { MethodologyVersionList } from '../../../src/server/features/methodologies/methodology-version-schemas.js';

/** A methodology's versions: in force from, the change note, who saved it, the JSON file. */
export function MethodologyVersionsTable({ list }: { list: MethodologyVersionList }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="methodology-versions">
        <caption>Версии методики «{list.code}»</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Версия
            </th>
            <th scope="col">Действует с</th>
            <th scope="col">Что изменено</th>
            <th scope="col">Сохранил</th>
            <th scope="col">Файл</th>
          </tr>
        </thead>
        <tbody>
          {list.versions.map((v) => (
            <tr key={v.version} data-testid="version-row" data-version={v.version}>
              <td className="num">
                {v.version}
                {v.version === list.inForceNow ? ' (действует сейчас)' : ''}
              </td>
              <td>{v.effectiveFrom}</td>
              <td>{v.changeNote ?? '—'}</td>
              <td>
                {v.createdBy ?? '—'}, {formatDateTimeRu(v.createdAt)}
              </td>
              <td>
                <a
                  href={`/api/methodologies/${encodeURIComponent(list.code)}/versions/${v.version}`}
                  download
                >
                  JSON
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { IndicatorView } from '../../../src/domain/indicator-passport.js';

/** Whether editing makes a new version, and the earlier versions a published rating used. */
export function IndicatorVersions({ indicator }: { indicator: IndicatorView }) {
  return (
    <section data-testid="indicator-versions">
      {indicator.usedBySnapshot ? (
        <p className="status" data-testid="indicator-in-use">
          Паспорт использует опубликованный рейтинг «{indicator.usedBySnapshot}»: изменение
          сохранится как новая версия, а прежняя останется доступной, и опубликованный рейтинг будет
          показывать то же, что показывал.
        </p>
      ) : null}
      <p>
        Версия {indicator.version}
        {indicator.validFrom ? `, действует с ${indicator.validFrom}` : ''}
        {indicator.updatedBy ? `; изменил ${indicator.updatedBy}` : ''}.
      </p>
      {indicator.versions.length > 0 ? (
        <table className="data-table">
          <caption>Прежние версии</caption>
          <thead>
            <tr>
              <th scope="col">Версия</th>
              <th scope="col">Действовала</th>
              <th scope="col">Наименование, единица</th>
              <th scope="col">Диапазон</th>
              <th scope="col">Формула</th>
              <th scope="col">Рейтинг</th>
            </tr>
          </thead>
          <tbody>
            {indicator.versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">{v.version}</th>
                <td>
                  {v.validFrom ? `с ${v.validFrom} ` : ''}по {v.validTo}
                </td>
                <td>
                  {v.passport.name}, {v.passport.unit}
                </td>
                <td>
                  {v.passport.rangeMin ?? '…'}—{v.passport.rangeMax ?? '…'}
                </td>
                <td>{v.passport.formula ?? '—'}</td>
                <td>{v.snapshotCode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

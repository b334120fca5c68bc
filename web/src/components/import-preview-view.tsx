import type { ImportPreview } from '../../../src/domain/import-preview.js';
import { formatExactRu, formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { ImportReadingFacts } from './import-reading-facts.js';
import { ReferencePreviewView } from './reference-preview-view.js';
import { UnknownSpellingsView } from './unknown-spellings-view.js';

const n = formatExactRu;

/** What an import would do: counts, problems (file · row · column), unknown names, first changes. */
export function ImportPreviewView({
  preview,
  onConfirmAlias,
  onConfirmIndicator,
  written = false,
}: {
  preview: ImportPreview;
  /** The import was committed: the same figures now say what was written. */
  written?: boolean;
  onConfirmAlias: (name: string, municipalityCode: string) => void;
  onConfirmIndicator: (name: string, indicatorCode: string) => void;
}) {
  const c = preview.counts;
  return (
    <section
      className="import-preview"
      data-testid="import-preview"
      aria-label={written ? 'Записанный импорт' : 'Предпросмотр импорта'}
    >
      <h2>{written ? 'Записано в базу' : 'Предпросмотр'}</h2>
      {written ? null : <p>{preview.summary}</p>}
      <dl className="import-facts">
        <dt>Файл</dt>
        <dd>
          {preview.fileName} ({formatNumberRu(preview.size, 0)} байт), SHA-256{' '}
          <code>{preview.sha256.slice(0, 16)}…</code>
        </dd>
        <dt>Прочитан как</dt>
        <dd>{preview.readAs}</dd>
        <ImportReadingFacts preview={preview} />
      </dl>
      <table className="data-table import-counts">
        <tbody>
          <tr>
            <th scope="row">Прочитано значений</th>
            <td className="num">{formatNumberRu(c.valuesRead, 0)}</td>
          </tr>
          <tr>
            <th scope="row">{written ? 'Добавлено' : 'Будет добавлено'}</th>
            <td className="num" data-testid="count-insert">
              {formatNumberRu(c.insert, 0)}
            </td>
          </tr>
          <tr>
            <th scope="row">{written ? 'Изменено' : 'Будет изменено'}</th>
            <td className="num" data-testid="count-update">
              {formatNumberRu(c.update, 0)}
            </td>
          </tr>
          <tr>
            <th scope="row">Без изменений</th>
            <td className="num">{formatNumberRu(c.unchanged, 0)}</td>
          </tr>
          <tr>
            <th scope="row">Пустые ячейки (не записываются)</th>
            <td className="num">{formatNumberRu(c.missing, 0)}</td>
          </tr>
          <tr>
            <th scope="row">Ошибки</th>
            <td className="num" data-testid="count-problems">
              {formatNumberRu(c.problems, 0)}
            </td>
          </tr>
        </tbody>
      </table>
      {preview.earlierImports.length > 0 ? (
        <p className="status">
          Этот файл уже импортировался:{' '}
          {preview.earlierImports
            .map(
              (e) =>
                `пакет №${e.batchId}, ${new Date(e.importedAt).toLocaleString('ru-RU')}, ${e.author}`,
            )
            .join('; ')}
          .
        </p>
      ) : null}
      <UnknownSpellingsView
        title="Неизвестные названия ОМСУ"
        items={preview.unknownNames}
        testId="unknown-names"
        onConfirm={onConfirmAlias}
      />
      <UnknownSpellingsView
        title="Неопознанные показатели"
        items={preview.unknownIndicators}
        testId="unknown-indicators"
        onConfirm={onConfirmIndicator}
      />
      {preview.problems.length > 0 ? (
        <>
          <h3>Ошибки — ничего не будет записано, пока они есть</h3>
          <table className="data-table" data-testid="import-problems">
            <thead>
              <tr>
                <th scope="col">Файл</th>
                <th scope="col">Строка</th>
                <th scope="col">Графа</th>
                <th scope="col">Сообщение</th>
              </tr>
            </thead>
            <tbody>
              {preview.problems.map((p, i) => (
                // Problems have no identity of their own; their order is the file's.
                // biome-ignore lint/suspicious/noArrayIndexKey: stable order from the server
                <tr key={i}>
                  <td>{p.file}</td>
                  <td className="num">{p.row ?? '—'}</td>
                  <td>{p.column ?? '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <ReferencePreviewView reference={preview.reference} />
      {preview.updates.length > 0 ? (
        <>
          <h3>Изменения (было → станет)</h3>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Строка</th>
                <th scope="col">ОМСУ</th>
                <th scope="col">Показатель</th>
                <th scope="col">Период</th>
                <th scope="col" className="num">
                  Было
                </th>
                <th scope="col" className="num">
                  Станет
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.updates.map((u) => (
                <tr key={`${u.row}-${u.indicator}-${u.period}`}>
                  <td className="num">{u.row}</td>
                  <td>{u.municipality.name}</td>
                  <td>{u.indicatorName}</td>
                  <td>{u.period}</td>
                  <td className="num">{n(u.oldValue)}</td>
                  <td className="num">{n(u.newValue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {preview.inserts.length > 0 ? (
        <>
          <h3>
            Новые значения
            {preview.inserts.length < c.insert - preview.reference.insert
              ? ` (первые ${preview.inserts.length})`
              : ''}
          </h3>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Строка</th>
                <th scope="col">ОМСУ</th>
                <th scope="col">Показатель</th>
                <th scope="col">Период</th>
                <th scope="col" className="num">
                  Значение
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.inserts.map((v) => (
                <tr key={`${v.row}-${v.indicator}-${v.period}`}>
                  <td className="num">{v.row}</td>
                  <td>{v.municipality.name}</td>
                  <td>{v.indicatorName}</td>
                  <td>{v.period}</td>
                  <td className="num">{n(v.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

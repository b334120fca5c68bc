import { useState } from 'react';
import type { BoundaryRecord } from '../../../src/domain/boundaries.js';
import { useApiData } from '../api/use-api-data.js';
import { AdminOnly } from '../components/admin-only.js';
import { BoundaryUploadForm } from '../components/boundary-upload-form.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { PortalLicenceForm } from '../components/portal-licence-form.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/** «Границы для карты»: the administrator uploads the region's boundaries once and sets the licence line. */
export function BoundariesPage() {
  useDocumentTitle('Границы ОМСУ для карты');
  return (
    <AdminOnly title="Границы ОМСУ для карты" permission="boundaries.manage">
      <BoundariesAdmin />
    </AdminOnly>
  );
}

function BoundariesAdmin() {
  const [version, setVersion] = useState(0);
  const current = useApiData<BoundaryRecord | null>(`/api/boundaries?v=${version}`);
  return (
    <>
      <p>
        Файл GeoJSON или TopoJSON с границами муниципальных образований (например, выгрузка
        OpenStreetMap). Объекты сопоставляются с ОМСУ по названию так же, как при импорте; то, что
        не сопоставилось, нужно подтвердить или отметить «не показывать на карте». Границы
        упрощаются при загрузке, чтобы посетитель портала скачивал мало.
      </p>
      <h2>Сейчас на карте</h2>
      {current.status === 'loading' ? <LoadingState /> : null}
      {current.status === 'error' ? <ErrorState message={current.message} /> : null}
      {current.status === 'ok' ? <CurrentBoundaries record={current.data} /> : null}
      <BoundaryUploadForm onSaved={() => setVersion((v) => v + 1)} />
      <PortalLicenceForm />
    </>
  );
}

function CurrentBoundaries({ record }: { record: BoundaryRecord | null }) {
  if (record === null)
    return (
      <p data-testid="boundaries-current">
        Границы ещё не загружены: карта портала показывает только таблицу.
      </p>
    );
  return (
    <dl className="import-facts" data-testid="boundaries-current">
      <dt>Файл</dt>
      <dd>{record.fileName}</dd>
      <dt>Загружен</dt>
      <dd>
        {new Date(record.uploadedAt).toLocaleString('ru-RU')}
        {record.uploadedBy ? `, ${record.uploadedBy}` : ''}
      </dd>
      <dt>ОМСУ на карте</dt>
      <dd>{record.matched.length}</dd>
      <dt>Не показаны</dt>
      <dd>{record.leftOut.length > 0 ? record.leftOut.join('; ') : 'нет'}</dd>
      <dt>Источник и лицензия</dt>
      <dd>{record.attribution ?? 'не указаны'}</dd>
    </dl>
  );
}

import { type FormEvent, useState } from 'react';
import type { ResponsibleOfficial } from '../../../src/domain/access.js';
import type { Municipality } from '../../../src/domain/municipality.js';
import {
  MEASURE_STATUS_LABELS,
  MEASURE_STATUSES,
  type MeasurePlan,
  type MeasureStatus,
  type PlanMeasure,
} from '../../../src/domain/plan-measure.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { sendJson } from '../api/send-json.js';
import { useSession } from '../api/session-store.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { Link } from '../routing/link.js';

type Message = { kind: 'ok' | 'error'; text: string } | null;

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function StatusLine({ message, testId }: { message: Message; testId: string }) {
  if (message === null) return null;
  return (
    <p
      className={`status ${message.kind === 'ok' ? 'status--ok' : 'status--error'}`}
      role={message.kind === 'ok' ? 'status' : 'alert'}
      data-testid={testId}
    >
      {message.text}
    </p>
  );
}

/** A file's bytes as base64 (without the `data:` prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`Файл «${file.name}» не удалось прочитать.`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** «План мероприятий»: a municipality's measures for a year and the quarterly reports on them. */
export function MeasuresPage() {
  useDocumentTitle('План мероприятий');
  const session = useSession();
  const params = new URLSearchParams(window.location.search);
  const [code, setCode] = useState(params.get('m') ?? '');
  const [yearText, setYearText] = useState(params.get('y') ?? String(new Date().getFullYear()));
  const [year, setYear] = useState<number | null>(null);
  const municipalities = useApiData<Municipality[]>('/api/municipalities');
  if (session === null) return null;
  if (!session.authenticated)
    return (
      <p className="status">
        <Link href="/login">Войдите</Link>, чтобы открыть план мероприятий.
      </p>
    );
  const own = session.user.municipalities;
  const choices = own.length > 0 ? own : municipalities.status === 'ok' ? municipalities.data : [];
  const selected = code || (choices[0]?.code ?? '');
  const open = (event: FormEvent) => {
    event.preventDefault();
    setYear(Number(yearText.trim()));
  };
  const yearValid = year !== null && Number.isInteger(year) && year >= 2000 && year <= 2100;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">План мероприятий</h1>
      <form className="filters" onSubmit={open}>
        <label>
          Муниципальное образование
          <select value={selected} onChange={(e) => setCode(e.target.value)}>
            {choices.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Год
          <input
            value={yearText}
            inputMode="numeric"
            onChange={(e) => setYearText(e.target.value)}
          />
        </label>
        <button type="submit" className="button">
          Открыть план
        </button>
      </form>
      {year !== null && !yearValid ? (
        <p className="status status--error" role="alert">
          Год «{yearText}» не распознан: введите год, например 2025.
        </p>
      ) : null}
      {yearValid && selected ? (
        <PlanView key={`${selected}/${year}`} code={selected} year={year} />
      ) : null}
    </section>
  );
}

function PlanView({ code, year }: { code: string; year: number }) {
  const [version, setVersion] = useState(0);
  const [quarter, setQuarter] = useState(1);
  const [editing, setEditing] = useState<PlanMeasure | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const url = `/api/measure-plans/${encodeURIComponent(code)}/${year}`;
  const data = useApiData<MeasurePlan>(`${url}?v=${version}`);
  const officials = useApiData<ResponsibleOfficial[]>(
    `/api/municipalities/${encodeURIComponent(code)}/responsible-officials`,
  );
  if (data.status === 'error') return <ErrorState message={data.message} />;
  if (data.status !== 'ok') return <LoadingState />;
  const plan = data.data;
  const reload = () => setVersion((v) => v + 1);
  const approve = async (approved: boolean) => {
    setMessage(null);
    try {
      await sendJson('PUT', `${url}/approval`, { approved });
      setMessage({ kind: 'ok', text: approved ? 'План утверждён.' : 'План возвращён в работу.' });
      reload();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  return (
    <>
      <h2>
        {plan.municipality.name}: план мероприятий на {plan.year} год
      </h2>
      <p className="hint" data-testid="plan-state">
        {plan.approved
          ? 'План утверждён: мероприятия меняет только аналитик, отчёты по кварталам — ОМСУ.'
          : 'План не утверждён: мероприятия можно добавлять и изменять.'}
      </p>
      {plan.canApprove ? (
        <p className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => approve(!plan.approved)}
          >
            {plan.approved ? 'Вернуть план в работу' : 'Утвердить план'}
          </button>
        </p>
      ) : null}
      <StatusLine message={message} testId="plan-message" />
      <div className="filters">
        <label>
          Квартал отчёта
          <select value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {q} квартал
              </option>
            ))}
          </select>
        </label>
      </div>
      {plan.measures.length === 0 ? (
        <p className="status">В плане пока нет мероприятий.</p>
      ) : (
        <ol className="measure-list">
          {plan.measures.map((m) => (
            <MeasureItem
              key={`${m.id}/${quarter}/${version}`}
              measure={m}
              quarter={quarter}
              editable={plan.editable}
              reportable={plan.reportable}
              onEdit={() => setEditing(m)}
              onSaved={reload}
              onDeleted={(text) => {
                if (editing?.id === m.id) setEditing(null);
                setMessage({ kind: 'ok', text });
                reload();
              }}
            />
          ))}
        </ol>
      )}
      {plan.editable ? (
        <MeasureForm
          key={editing?.id ?? 'new'}
          url={url}
          editing={editing}
          officials={officials.status === 'ok' ? officials.data : []}
          onDone={(text) => {
            setEditing(null);
            setMessage({ kind: 'ok', text });
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function MeasureForm({
  url,
  editing,
  officials,
  onDone,
  onCancel,
}: {
  url: string;
  editing: PlanMeasure | null;
  officials: ResponsibleOfficial[];
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(editing?.title ?? '');
  const [officialId, setOfficialId] = useState(
    editing?.responsibleOfficialId ? String(editing.responsibleOfficialId) : '',
  );
  const [name, setName] = useState(
    editing?.responsibleOfficialId ? '' : (editing?.responsibleName ?? ''),
  );
  const [position, setPosition] = useState(
    editing?.responsibleOfficialId ? '' : (editing?.responsiblePosition ?? ''),
  );
  const [deadline, setDeadline] = useState(editing?.deadline ?? '');
  const [message, setMessage] = useState<Message>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const body = {
      title,
      deadline,
      ...(officialId
        ? { responsibleOfficialId: Number(officialId) }
        : { responsibleName: name, responsiblePosition: position }),
    };
    try {
      if (editing) await sendJson('PUT', `/api/plan-measures/${editing.id}`, body);
      else await sendJson('POST', `${url}/measures`, body);
      onDone(editing ? 'Мероприятие изменено.' : 'Мероприятие добавлено.');
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  return (
    <form className="form measure-form" onSubmit={submit}>
      <h3>{editing ? 'Изменить мероприятие' : 'Добавить мероприятие'}</h3>
      <label>
        Наименование мероприятия
        <input value={title} required onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Ответственный из списка
        <select value={officialId} onChange={(e) => setOfficialId(e.target.value)}>
          <option value="">— вписать вручную —</option>
          {officials.map((o) => (
            <option key={o.id} value={o.id}>
              {o.fullName}, {o.position}
            </option>
          ))}
        </select>
      </label>
      {officialId ? null : (
        <>
          <label>
            Ответственный (ФИО)
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Должность ответственного
            <input value={position} onChange={(e) => setPosition(e.target.value)} />
          </label>
        </>
      )}
      <label>
        Срок исполнения
        <input
          type="date"
          value={deadline}
          required
          onChange={(e) => setDeadline(e.target.value)}
        />
      </label>
      <StatusLine message={message} testId="measure-form-message" />
      <p className="form-actions">
        <button type="submit" className="button">
          {editing ? 'Сохранить мероприятие' : 'Добавить мероприятие'}
        </button>
        {editing ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Отмена
          </button>
        ) : null}
      </p>
    </form>
  );
}

function MeasureItem({
  measure,
  quarter,
  editable,
  reportable,
  onEdit,
  onSaved,
  onDeleted,
}: {
  measure: PlanMeasure;
  quarter: number;
  editable: boolean;
  reportable: boolean;
  onEdit: () => void;
  onSaved: () => void;
  onDeleted: (text: string) => void;
}) {
  const report = measure.reports.find((r) => r.quarter === quarter);
  const [status, setStatus] = useState<MeasureStatus>(report?.status ?? 'not_started');
  const [comment, setComment] = useState(report?.comment ?? '');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/plan-measures/${measure.id}/reports/${quarter}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      await sendJson('PUT', base, { status, comment });
      onSaved();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  const upload = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setMessage(null);
    if (file.size > MAX_BYTES) {
      setMessage({
        kind: 'error',
        text: `Файл «${file.name}» больше 10 МБ: приложите файл меньшего размера.`,
      });
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await readBase64(file);
      await sendJson('POST', `${base}/attachments`, { fileName: file.name, contentBase64 });
      onSaved();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const label = `«${measure.title}»`;
  const removeMeasure = async () => {
    if (!window.confirm(`Удалить мероприятие ${label}? Это действие попадёт в журнал аудита.`))
      return;
    setMessage(null);
    try {
      await sendJson('DELETE', `/api/plan-measures/${measure.id}`);
      onDeleted(`Мероприятие ${label} удалено.`);
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  const removeFile = async (id: number, fileName: string) => {
    if (!window.confirm(`Удалить файл «${fileName}» из отчёта за ${quarter} квартал?`)) return;
    setMessage(null);
    try {
      await sendJson('DELETE', `/api/measure-attachments/${id}`);
      onSaved();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  return (
    <li className="measure" data-testid="measure">
      <div className="measure__head">
        <strong className="measure__title">{measure.title}</strong>
        <span className="hint">
          {' '}
          Ответственный: {measure.responsibleName}
          {measure.responsiblePosition ? `, ${measure.responsiblePosition}` : ''}. Срок:{' '}
          {formatDateRu(measure.deadline)}.
        </span>
        {editable ? (
          <button
            type="button"
            className="link-button measure__edit"
            onClick={onEdit}
            aria-label={`Изменить ${label}`}
          >
            изменить
          </button>
        ) : null}
        {editable ? (
          <button
            type="button"
            className="link-button measure__edit"
            onClick={() => void removeMeasure()}
            aria-label={`Удалить ${label}`}
          >
            удалить
          </button>
        ) : null}
      </div>
      <p className="measure__quarters hint">
        {measure.reports
          .map((r) => `${r.quarter} кв.: ${MEASURE_STATUS_LABELS[r.status]}`)
          .join(' · ')}
      </p>
      <form className="measure__report" onSubmit={save}>
        <label>
          Статус за {quarter} квартал
          <select
            aria-label={`Статус за ${quarter} квартал: ${measure.title}`}
            value={status}
            disabled={!reportable}
            onChange={(e) => setStatus(e.target.value as MeasureStatus)}
          >
            {MEASURE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {MEASURE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="measure__comment">
          Комментарий
          <input
            aria-label={`Комментарий за ${quarter} квартал: ${measure.title}`}
            value={comment}
            disabled={!reportable}
            onChange={(e) => setComment(e.target.value)}
          />
        </label>
        {reportable ? (
          <button type="submit" className="button" aria-label={`Сохранить отчёт: ${measure.title}`}>
            Сохранить отчёт
          </button>
        ) : null}
      </form>
      <div className="measure__files">
        {report && report.attachments.length > 0 ? (
          <ul data-testid="attachments">
            {report.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/api/measure-attachments/${a.id}`} download={a.fileName}>
                  {a.fileName}
                </a>{' '}
                <span className="hint">({Math.max(1, Math.round(a.size / 1024))} КБ)</span>
                {reportable ? (
                  <button
                    type="button"
                    className="link-button measure__edit"
                    onClick={() => void removeFile(a.id, a.fileName)}
                    aria-label={`Удалить файл «${a.fileName}»`}
                  >
                    удалить
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">Вложений за {quarter} квартал нет.</p>
        )}
        {reportable ? (
          <label>
            Приложить файл (PDF, DOCX, XLSX, JPG, PNG, до 10 МБ)
            <input
              type="file"
              accept={ACCEPT}
              disabled={busy}
              aria-label={`Приложить файл: ${measure.title}`}
              onChange={(e) => {
                void upload(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        ) : null}
      </div>
      <StatusLine message={message} testId="measure-message" />
    </li>
  );
}

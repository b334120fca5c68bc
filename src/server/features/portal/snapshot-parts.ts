import { formatDateRu } from '../../../domain/russian-date-format.js';
import type { SnapshotViewWithErrata } from '../rating/rating-schemas.js';
import { html, type SafeHtml } from './html.js';

/** The addresses of a published snapshot's open data files. */
export const snapshotFiles = (code: string) => ({
  csv: `/open-data/${code}.csv`,
  xlsx: `/open-data/${code}.xlsx`,
  json: `/open-data/${code}.json`,
});

/** Which snapshot this one corrects, and which published ones correct it. */
export function errataNotices(
  s: Pick<SnapshotViewWithErrata, 'supersedes' | 'errataNote' | 'correctedBy'>,
): SafeHtml {
  return html`${s.supersedes ? html`<p class="portal-notice" data-testid="errata-supersedes">Исправленная публикация: заменяет <a href="/rating/${s.supersedes.code}">«${s.supersedes.title}»</a>. Причина: ${s.errataNote ?? ''}</p>` : ''}
${s.correctedBy.map(
  (c) =>
    html`<p class="portal-notice" data-testid="errata-corrected">Этот рейтинг исправлен${c.publishedAt ? html` ${formatDateRu(c.publishedAt)}` : ''}: действующая публикация — <a href="/rating/${c.code}">«${c.title}»</a>. Причина: ${c.errataNote}</p>`,
)}`;
}

/** The methodology, the map and the files of a snapshot, as links under its title. */
export function snapshotLinks(code: string, methodologyCode: string | null): SafeHtml {
  const files = snapshotFiles(code);
  return html`<nav class="portal-lead" aria-label="Материалы рейтинга"><ul class="inline-list">
${methodologyCode ? html`<li><a href="/methodology/${methodologyCode}">Методика расчёта</a></li>` : ''}
<li><a href="/map/${code}">Карта</a></li>
<li>Скачать: <a href="${files.csv}" download>CSV</a>, <a href="${files.xlsx}" download>XLSX</a>, <a href="${files.json}" download>JSON для проверки</a></li>
</ul></nav>`;
}

import { openDataColumns } from '../../../documents/snapshot-table.js';
import { formatDateRu } from '../../../domain/russian-date-format.js';
import type { SnapshotSummaryWithErrata } from '../rating/rating-schemas.js';
import { html } from './html.js';
import type { PortalPage } from './portal-layout.js';
import { snapshotFiles } from './snapshot-parts.js';

/** Every published snapshot's files, the data dictionary and the licence. */
export function openDataPage(
  published: (SnapshotSummaryWithErrata & {
    columns: Parameters<typeof openDataColumns>[0]['columns'];
  })[],
  licence: string,
): PortalPage {
  const body = html`<h1>Открытые данные</h1>
<p class="portal-lead">${licence}</p>
<p>Каждый опубликованный рейтинг — в трёх видах: CSV (UTF-8 с BOM, разделитель «;», десятичная запятая — открывается в русском Excel двойным щелчком), XLSX (числа — числовые ячейки) и JSON для проверки: методика, исходные данные, все промежуточные значения и контрольная сумма. Проверить опубликованные числа может каждый: <code>munirank verify ФАЙЛ.json</code> пересчитывает рейтинг и сверяет все числа до последней цифры. Те же файлы отдаёт API: <code>GET /api/snapshots/{код}/download</code>.</p>
<div class="table-scroll"><table class="league-table" data-testid="open-data-table"><caption class="visually-hidden">Файлы опубликованных рейтингов</caption>
<thead><tr><th scope="col">Рейтинг</th><th scope="col">Данные на</th><th scope="col">Файлы</th></tr></thead>
<tbody>${published.map((s) => {
    const f = snapshotFiles(s.code);
    return html`<tr><th scope="row"><a href="/rating/${s.code}">${s.title}</a>${s.correctedBy.length > 0 ? ' (исправлен)' : ''}</th><td>${formatDateRu(s.asOf)}</td><td><a href="${f.csv}" download>CSV</a>, <a href="${f.xlsx}" download>XLSX</a>, <a href="${f.json}" download>JSON для проверки</a></td></tr>`;
  })}</tbody></table></div>
<h2 id="dictionary">Словарь данных</h2>
${published.map((s) => html`<h3>${s.title}</h3><dl>${openDataColumns(s).map((c) => html`<dt>${c.header}</dt><dd>${c.meaning}${c.decimals !== null && c.decimals > 0 ? `; число, ${c.decimals} знак(а) после запятой` : c.decimals === 0 ? '; целое число' : '; текст'}</dd>`)}</dl>`)}`;
  return {
    title: 'Открытые данные — рейтинг ОМСУ',
    description:
      'Опубликованные рейтинги ОМСУ в CSV, XLSX и JSON для проверки, словарь данных и лицензия.',
    path: '/open-data',
    body,
  };
}

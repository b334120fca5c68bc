import { formatDateRu } from '../../../domain/russian-date-format.js';
import type { SnapshotSummaryWithErrata } from '../rating/rating-schemas.js';
import { html } from './html.js';
import type { PortalPage } from './portal-layout.js';

/** Every published correction: when, why, and both snapshots. */
export function errataPage(published: SnapshotSummaryWithErrata[]): PortalPage {
  const corrections = published.filter((s) => s.supersedes !== null);
  const body = html`<h1>Исправления опубликованных рейтингов</h1>
<p class="portal-lead">Опубликованный рейтинг не меняется: ошибку исправляет новая публикация, а прежняя остаётся доступной с отметкой об исправлении.</p>
${
  corrections.length === 0
    ? html`<p data-testid="errata-empty">Исправлений не было.</p>`
    : html`<div class="table-scroll"><table class="league-table" data-testid="errata-table"><caption class="visually-hidden">Журнал исправлений</caption>
<thead><tr><th scope="col">Дата</th><th scope="col">Исправленный рейтинг</th><th scope="col">Новая публикация</th><th scope="col">Причина</th></tr></thead>
<tbody>${corrections.map((s) => html`<tr><td>${s.publishedAt ? formatDateRu(s.publishedAt) : '—'}</td><td><a href="/rating/${s.supersedes?.code}">${s.supersedes?.title}</a></td><td><a href="/rating/${s.code}">${s.title}</a></td><td>${s.errataNote ?? ''}</td></tr>`)}</tbody></table></div>`
}`;
  return {
    title: 'Исправления — рейтинг ОМСУ',
    description:
      'Журнал исправлений опубликованных рейтингов ОМСУ: дата, причина и ссылки на обе публикации.',
    path: '/errata',
    body,
  };
}

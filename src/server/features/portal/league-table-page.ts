import { MUNICIPALITY_KIND_LABELS, type MunicipalityKind } from '../../../domain/municipality.js';
import { formatDateRu } from '../../../domain/russian-date-format.js';
import { formatNumberRu, plainNumber } from '../../../domain/russian-number-format.js';
import { searchText } from '../../../domain/search-text.js';
import { html, type SafeHtml } from './html.js';
import type { LeagueRow, LeagueTable } from './league-table-model.js';
import type { PortalPage } from './portal-layout.js';
import { errataNotices, snapshotLinks } from './snapshot-parts.js';

/** What a visitor without JavaScript chose in the filter form (the query string). */
export interface LeagueFilter {
  q: string;
  kind: string;
  group: string;
}

const matches = (row: LeagueRow, f: LeagueFilter): boolean =>
  (f.q === '' || searchText(row.municipality.name).includes(searchText(f.q))) &&
  (f.kind === '' || row.municipality.kind === f.kind) &&
  (f.group === '' || row.group === f.group);

function changeCell(row: LeagueRow): SafeHtml {
  if (row.change === null) return html`<td class="num" data-value="">—</td>`;
  if (row.change === 0) return html`<td class="num" data-value="0">без изменений</td>`;
  const up = row.change > 0;
  return html`<td class="num ${up ? 'change-up' : 'change-down'}" data-value="${row.change}"><span aria-hidden="true">${up ? '▲' : '▼'}</span> ${up ? '+' : '−'}${Math.abs(row.change)}<span class="visually-hidden"> (${up ? 'поднялся' : 'опустился'}, было ${row.previousPlace})</span></td>`;
}

function filterForm(t: LeagueTable, path: string, f: LeagueFilter): SafeHtml {
  const kinds = [...new Set(t.rows.map((r) => r.municipality.kind))] as MunicipalityKind[];
  const option = (value: string, label: string, chosen: string) =>
    html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;
  return html`<form id="league-filter" class="league-filter" method="get" action="${path}" role="search" aria-label="Отбор ОМСУ" data-status="league-status">
<label>Поиск по названию <input type="search" name="q" value="${f.q}" autocomplete="off"></label>
<label>Вид ОМСУ <select name="kind">${option('', 'все', f.kind)}${kinds.map((k) => option(k, MUNICIPALITY_KIND_LABELS[k], f.kind))}</select></label>
${t.groups.length > 0 ? html`<label>Группа <select name="group">${option('', 'все', f.group)}${t.groups.map((g) => option(g, g, f.group))}</select></label>` : ''}
<button type="submit">Показать</button>
</form>`;
}

function legend(t: LeagueTable): SafeHtml {
  if (t.thresholds.length === 0) return html``;
  return html`<p class="portal-lead">Цвет — уровень по методике: ${t.thresholds.map(
    (th, i) =>
      html`<span class="tone-swatch tone-${i}" aria-hidden="true"></span>${th.label} (от ${formatNumberRu(th.from, 0)}) `,
  )}</p>`;
}

function bandCell(row: LeagueRow): SafeHtml {
  const b = row.band;
  if (b === null) return html`<td class="num" data-value="">—</td>`;
  const text = b.p05 === b.p95 ? `${b.p05}` : `${b.p05}–${b.p95}`;
  return html`<td class="num" data-value="${b.p95 - b.p05}">${text}<span class="visually-hidden"> (медиана ${b.median})</span></td>`;
}

function bandNote(t: LeagueTable): SafeHtml | string {
  const u = t.uncertainty;
  if (!u) return '';
  const noise = formatNumberRu(u.noise * 100, 0);
  return html`<p class="portal-lead" data-testid="band-note">Диапазон мест — от 5-го до 95-го процентиля мест в ${formatNumberRu(u.draws, 0)} пересчётах рейтинга, в которых веса случайно менялись в пределах ±${noise} %${u.alternatives ? ', а нормировка и способ агрегирования — на допустимые альтернативы' : ''} (оценка от ${formatDateRu(u.computedAt.slice(0, 10))}). Узкий диапазон — место устойчиво к выбору методики.</p>`;
}

/** The league table of a published snapshot: the landing page shows the latest one. */
export function leagueTablePage(t: LeagueTable, path: string, filter: LeagueFilter): PortalPage {
  const s = t.snapshot;
  const hasChange = t.previous !== null;
  const hasBand = t.uncertainty !== null;
  const rows = t.rows.filter((r) => matches(r, filter));
  const valueCells = (r: LeagueRow) =>
    s.columns.map((c) => {
      const v = r.values[c.key] ?? null;
      const swatch =
        c.key === 'index' && r.tone !== null
          ? html`<span class="tone-swatch tone-${r.tone}" aria-hidden="true"></span><span class="visually-hidden">${t.thresholds[r.tone]?.label}: </span>`
          : '';
      return html`<td class="num${c.key === 'index' ? '' : ' wide'}" data-value="${v === null ? '' : plainNumber(v)}">${swatch}${formatNumberRu(v, c.decimals)}</td>`;
    });
  const body = html`<h1>${s.title}</h1>
<p class="portal-lead">Данные на <span data-testid="as-of">${formatDateRu(s.asOf)}</span>. Источник: <span data-testid="source">${[s.source.document, s.source.table].filter(Boolean).join(', ')}</span>.</p>
${errataNotices(s)}
${snapshotLinks(s.code, t.methodology?.code ?? null)}
${hasChange ? html`<p class="portal-lead">Изменение места — по сравнению с рейтингом <a href="/rating/${t.previous?.code}">«${t.previous?.title}»</a>.</p>` : ''}
${bandNote(t)}
${legend(t)}
${filterForm(t, path, filter)}
<p id="league-status" role="status" aria-live="polite">Показано ОМСУ: ${rows.length}</p>
<div class="table-scroll">
<table class="league-table" data-league data-filter="league-filter" data-testid="rating-table">
<caption class="visually-hidden">${s.title}: место, ОМСУ${hasChange ? ', изменение места' : ''}${hasBand ? ', диапазон мест' : ''} и значения</caption>
<thead><tr><th scope="col" class="num" data-sort="number">Место</th><th scope="col" data-sort="text">ОМСУ</th>${hasChange ? html`<th scope="col" class="num" data-sort="number">Изменение</th>` : ''}${hasBand ? html`<th scope="col" class="num" data-sort="number">Диапазон мест (5–95 %)</th>` : ''}${s.columns.map((c) => html`<th scope="col" class="num${c.key === 'index' ? '' : ' wide'}" data-sort="number">${c.title}${c.unit ? `, ${c.unit}` : ''}</th>`)}</tr></thead>
<tbody>
${rows.map(
  (r) =>
    html`<tr data-testid="rating-row" data-kind="${r.municipality.kind}" data-group="${r.group ?? ''}" data-search="${searchText(r.municipality.name)}"><td class="num" data-value="${r.place ?? ''}">${r.placeLabel}</td><th scope="row"><a href="/municipalities/${r.municipality.code}">${r.municipality.name}</a></th>${hasChange ? changeCell(r) : ''}${hasBand ? bandCell(r) : ''}${valueCells(r)}</tr>\n`,
)}
</tbody>
</table>
</div>
${s.notes.length > 0 ? html`<h2>Примечания</h2><ul>${s.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}`;
  return {
    title: `${s.title} — рейтинг ОМСУ`,
    description: `Рейтинг муниципальных образований по уровню цифрового развития: ${s.title}, данные на ${formatDateRu(s.asOf)}. Места, значения, изменения, открытые данные.`,
    path,
    body,
    styles: t.thresholds.length > 0 ? [`/rating/${s.code}/colours.css`] : [],
  };
}

import { formatNumberRu } from '../../../domain/russian-number-format.js';
import { chartIsland } from './chart-island.js';
import { html } from './html.js';
import type { LeagueTable } from './league-table-model.js';
import type { PortalPage } from './portal-layout.js';

/** The choropleth of a snapshot's first value column (the index), with a table alternative. */
export function mapPage(
  t: LeagueTable,
  boundaries: { attribution: string | null } | null,
): PortalPage {
  const s = t.snapshot;
  const column = s.columns[0];
  const values = t.rows.map((r) => ({
    name: r.municipality.code,
    label: r.municipality.name,
    value: column ? (r.values[column.key] ?? null) : null,
    url: `/municipalities/${r.municipality.code}`,
  }));
  const numbers = values.map((v) => v.value).filter((v): v is number => v !== null);
  const map = boundaries
    ? html`${chartIsland(
        'map',
        `Карта: ${column?.title ?? 'значение'} по ОМСУ; те же значения — в таблице ниже`,
        {
          geoUrl: '/map/boundaries.json',
          mapName: 'region',
          option: {
            tooltip: { trigger: 'item', renderMode: 'richText' },
            visualMap: {
              type: 'continuous',
              min: Math.min(...numbers, 0),
              max: Math.max(...numbers, 1),
              calculable: true,
              text: ['больше', 'меньше'],
            },
            series: [
              {
                type: 'map',
                map: 'region',
                nameProperty: 'code',
                roam: false,
                data: values.map((v) => ({ name: v.name, value: v.value, url: v.url })),
              },
            ],
          },
        },
        'portal-map',
      )}${boundaries.attribution ? html`<p class="portal-lead" data-testid="map-attribution">${boundaries.attribution}</p>` : null}`
    : html`<p class="portal-notice">Границы муниципальных образований ещё не загружены: значения — в таблице.</p>`;
  const body = html`<h1>Карта: ${s.title}</h1>
<p class="portal-lead">${column?.title ?? ''}. Нажмите на ОМСУ на карте или в таблице, чтобы открыть его профиль. <a href="/rating/${s.code}">Таблица рейтинга</a></p>
${map}
<div class="table-scroll"><table class="league-table" data-testid="map-table"><caption class="visually-hidden">Значения на карте</caption>
<thead><tr><th scope="col">ОМСУ</th><th scope="col" class="num">${column?.title ?? 'Значение'}</th></tr></thead>
<tbody>${values.map((v) => html`<tr><th scope="row"><a href="${v.url}">${v.label}</a></th><td class="num">${formatNumberRu(v.value, column?.decimals ?? 2)}</td></tr>`)}</tbody></table></div>`;
  return {
    title: `Карта — ${s.title}`,
    description: `Карта рейтинга ОМСУ «${s.title}»: значения по муниципальным образованиям.`,
    path: `/map/${s.code}`,
    body,
  };
}

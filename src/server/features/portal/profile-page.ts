import {
  changeText,
  decimalsFor,
  moveUpSummary,
  valueText,
  withUnit,
} from '../../../domain/explanation-wording.js';
import { MUNICIPALITY_KIND_LABELS } from '../../../domain/municipality.js';
import { formatDateRu, formatMonthRu } from '../../../domain/russian-date-format.js';
import { formatNumberRu } from '../../../domain/russian-number-format.js';
import { chartIsland } from './chart-island.js';
import { html, type SafeHtml } from './html.js';
import type { PortalPage } from './portal-layout.js';
import type { Profile } from './profile-model.js';

function historySection(p: Profile): SafeHtml {
  const places = p.history.places.filter((x) => x.listed);
  const chronological = [...places].reverse();
  const chart =
    chronological.filter((x) => x.place !== null).length > 1
      ? chartIsland(
          'history',
          `Место в опубликованных рейтингах: ${chronological.map((x) => `${formatDateRu(x.snapshot.asOf)} — ${x.placeLabel}`).join('; ')}`,
          {
            option: {
              tooltip: { trigger: 'axis', renderMode: 'richText' },
              xAxis: {
                type: 'category',
                data: chronological.map((x) => formatDateRu(x.snapshot.asOf)),
              },
              yAxis: { type: 'value', inverse: true, minInterval: 1, name: 'место' },
              series: [
                {
                  type: 'line',
                  data: chronological.map((x) => ({
                    value: x.place,
                    url: `/rating/${x.snapshot.code}`,
                  })),
                },
              ],
            },
          },
        )
      : '';
  return html`<section aria-labelledby="history-title"><h2 id="history-title">Место в опубликованных рейтингах</h2>
${
  places.length === 0
    ? html`<p>В опубликованных рейтингах этого ОМСУ пока нет.</p>`
    : html`${chart}
<div class="table-scroll"><table class="league-table" data-testid="history-table"><caption class="visually-hidden">Место в каждом опубликованном рейтинге</caption>
<thead><tr><th scope="col">Рейтинг</th><th scope="col">Дата</th><th scope="col" class="num">Место</th></tr></thead>
<tbody>${places.map((x) => html`<tr><th scope="row"><a href="/rating/${x.snapshot.code}">${x.snapshot.title}</a>${x.snapshot.corrected ? ' (исправлен)' : ''}</th><td>${formatDateRu(x.snapshot.asOf)}</td><td class="num">${x.placeLabel}</td></tr>`)}</tbody></table></div>`
}
</section>`;
}

function breakdownSection(p: Profile): SafeHtml {
  const e = p.explanation;
  if (!e) return html``;
  const names = (refs: readonly { name: string }[]) => refs.map((r) => `«${r.name}»`).join(', ');
  const scoreDecimals = e.outputScale === 1 ? 3 : 1;
  return html`<section aria-labelledby="breakdown-title"><h2 id="breakdown-title">Из чего сложился балл</h2>
<p>Рейтинг <a href="/rating/${e.snapshotCode}">«${e.snapshotTitle}»</a>: место ${e.place ?? '—'}, индекс ${formatNumberRu(e.score, scoreDecimals)}. Вклад показателя — его вес, умноженный на нормированный балл.</p>
${p.dimensions.length > 0 ? html`<h3>По направлениям</h3><ul data-testid="dimensions">${p.dimensions.map((d) => html`<li>${d.name}: ${formatNumberRu(d.score, scoreDecimals)}</li>`)}</ul>` : ''}
<div class="table-scroll"><table class="league-table" data-testid="contributions"><caption class="visually-hidden">Вклад каждого показателя в индекс</caption>
<thead><tr><th scope="col">Показатель</th><th scope="col" class="num">Значение</th><th scope="col" class="num">Балл</th><th scope="col" class="num">Вес</th><th scope="col" class="num">Вклад</th></tr></thead>
<tbody>${e.contributions.map((c) => html`<tr data-indicator="${c.indicator}"><th scope="row">${c.name}</th><td class="num">${withUnit(valueText(c.value, c), c)}</td><td class="num">${formatNumberRu(c.score, 1)}</td><td class="num">${formatNumberRu(c.effectiveWeight, 3)}</td><td class="num">${formatNumberRu(c.contribution, 2)}</td></tr>`)}</tbody></table></div>
<div class="portal-columns">
<div><h3>Сильные стороны</h3><p data-testid="strengths">${e.strengths.length > 0 ? names(e.strengths) : 'Нет показателей заметно выше среднего.'}</p></div>
<div><h3>Слабые стороны</h3><p data-testid="weaknesses">${e.weaknesses.length > 0 ? names(e.weaknesses) : 'Нет показателей заметно ниже среднего.'}</p></div>
</div>
<h3>Что поднимет место</h3>
<p data-testid="move-up-summary">${moveUpSummary(e)}</p>
${
  e.overtakes !== null && e.improvements.length > 0
    ? html`<div class="table-scroll"><table class="league-table" data-testid="improvements"><caption class="visually-hidden">Изменение одного показателя при прочих равных, достаточное, чтобы обойти ${e.overtakes.name}</caption>
<thead><tr><th scope="col">Показатель</th><th scope="col" class="num">Сейчас</th><th scope="col" class="num">Нужно</th><th scope="col" class="num">Изменение</th></tr></thead>
<tbody>${e.improvements.map((i) => {
        const d = decimalsFor(i.change, i);
        return html`<tr><th scope="row">${i.name}</th><td class="num">${withUnit(formatNumberRu(i.from, d), i)}</td><td class="num">${withUnit(formatNumberRu(i.to, d), i)}</td><td class="num">${changeText(i.change, i, d)}</td></tr>`;
      })}</tbody></table></div>`
    : ''
}
</section>`;
}

function planSection(p: Profile): SafeHtml {
  if (!p.plan) return html``;
  const { report, row } = p.plan;
  const months = row.inputs.monthly;
  return html`<section aria-labelledby="plan-title"><h2 id="plan-title">Выполнение плана ${report.year} года</h2>
<p><a href="/plan/${report.code}">${report.title}</a>, данные на ${formatDateRu(report.asOf)}.</p>
${months.length > 1 ? chartIsland('plan', `Регистрации по месяцам: ${months.map((m) => `${formatMonthRu(m.month)} — ${formatNumberRu(m.count, 0)}`).join('; ')}`, { option: { tooltip: { renderMode: 'richText' }, xAxis: { type: 'category', data: months.map((m) => formatMonthRu(m.month)) }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: months.map((m) => m.count) }] } }) : ''}
<div class="table-scroll"><table class="league-table" data-testid="plan-row"><caption class="visually-hidden">Строка Таблицы 2 этого ОМСУ</caption>
<thead><tr><th scope="col">Показатель</th><th scope="col" class="num">Значение</th></tr></thead>
<tbody>
<tr><th scope="row">На начало года</th><td class="num">${formatNumberRu(row.inputs.startOfYear, 0)}</td></tr>
${months.map((m) => html`<tr><th scope="row">За ${formatMonthRu(m.month)}</th><td class="num">${formatNumberRu(m.count, 0)}</td></tr>`)}
<tr><th scope="row">Цель на конец года</th><td class="num">${formatNumberRu(row.inputs.targetYearEnd, 0)}</td></tr>
${row.figures.map((f) => html`<tr><th scope="row">${f.label}</th><td class="num">${formatNumberRu(f.computed, f.decimals)}${f.unit === '%' ? '\u00a0%' : ''}</td></tr>`)}
</tbody></table></div>
</section>`;
}

/** A municipality's public profile: history, breakdown, what would move it up, the plan. */
export function profilePage(p: Profile): PortalPage {
  const m = p.history.municipality;
  const latest = p.history.places.find((x) => x.listed);
  const body = html`<h1>${m.name}</h1>
<p class="portal-lead">${MUNICIPALITY_KIND_LABELS[m.kind]}${latest ? html`. Место в рейтинге «${latest.snapshot.title}»: ${latest.placeLabel}` : ''}.</p>
${p.successor ? html`<p class="portal-notice">Преобразовано: правопреемник — <a href="/municipalities/${p.successor.code}">${p.successor.name}</a>.</p>` : ''}
${p.predecessors.length > 0 ? html`<p class="portal-notice">Образовано из: ${p.predecessors.map((x, i) => html`${i > 0 ? ', ' : ''}<a href="/municipalities/${x.code}">${x.name}</a>`)}.</p>` : ''}
${historySection(p)}
${breakdownSection(p)}
${planSection(p)}`;
  return {
    title: `${m.name} — профиль в рейтинге ОМСУ`,
    description: `${m.name}: место в опубликованных рейтингах цифрового развития, вклад показателей, сильные и слабые стороны, выполнение плана.`,
    path: `/municipalities/${m.code}`,
    body,
  };
}

import type { Methodology, MethodologyNode } from '../../../domain/methodology.js';
import { formatNumberRu } from '../../../domain/russian-number-format.js';
import type { SnapshotSummaryWithErrata } from '../rating/rating-schemas.js';
import { html, type SafeHtml } from './html.js';
import {
  AGGREGATION_WORDS,
  methodologyDifferences,
  missingDataWords,
  normalisationWords,
  tieWords,
} from './methodology-wording.js';
import type { PortalPage } from './portal-layout.js';

type Indicator = Extract<MethodologyNode, { kind: 'indicator' }>;

const PERIODICITY: Record<string, string> = {
  monthly: 'ежемесячно',
  quarterly: 'ежеквартально',
  annual: 'ежегодно',
  on_date: 'на дату',
};

function treeList(node: MethodologyNode, share: number): SafeHtml {
  const weight = html`<span class="weight"> — ${formatNumberRu(share * 100, 1)} %</span>`;
  if (node.kind === 'indicator')
    return html`<li><a href="#ind-${node.code}">${node.name}</a>${weight}</li>`;
  const total = node.children.reduce((s, c) => s + c.weight, 0) || 1;
  return html`<li>${node.name}${weight}; свёртка — ${AGGREGATION_WORDS[node.aggregation]}<ul>${node.children.map((c) => treeList(c, c.weight / total))}</ul></li>`;
}

const indicatorsOf = (node: MethodologyNode): Indicator[] =>
  node.kind === 'indicator' ? [node] : node.children.flatMap(indicatorsOf);

function passport(ind: Indicator, scale: number): SafeHtml {
  const words = normalisationWords(ind, scale);
  const p = ind.passport;
  return html`<section class="passport" id="ind-${ind.code}" aria-labelledby="ind-${ind.code}-title"><h3 id="ind-${ind.code}-title">${ind.name}</h3>
<dl>
<dt>Код</dt><dd>${ind.code}</dd>
${p ? html`<dt>Единица измерения</dt><dd>${p.unit}</dd><dt>Периодичность</dt><dd>${PERIODICITY[p.periodicity] ?? p.periodicity}</dd>` : ''}
${p?.sourceSystem ? html`<dt>Источник данных</dt><dd>${p.sourceSystem}</dd>` : ''}
${p?.description ? html`<dt>Что измеряет</dt><dd>${p.description}</dd>` : ''}
${ind.formula ? html`<dt>Расчёт значения</dt><dd><code>${ind.formula}</code></dd>` : ''}
<dt>Направление</dt><dd>${ind.direction === 1 ? 'больше — лучше' : 'меньше — лучше'}</dd>
<dt>Нормировка</dt><dd>${words.sentence} <code>${words.formula}</code></dd>
</dl></section>`;
}

export interface MethodologyVersion {
  methodology: Methodology;
  snapshots: SnapshotSummaryWithErrata[];
}

/** A methodology in plain words, generated from the document the published ratings used. */
export function methodologyPage(
  current: MethodologyVersion,
  previous: MethodologyVersion | null,
): PortalPage {
  const m = current.methodology;
  const differences = previous ? methodologyDifferences(previous.methodology, m) : [];
  const body = html`<h1>${m.title}</h1>
<p class="portal-lead">Методика «${m.code}», версия ${m.version}; действует с периода ${m.effectiveFrom}. Баллы — по шкале от 0 до ${m.outputScale}.</p>
${m.description ? html`<p>${m.description}</p>` : ''}
<p>По этой версии рассчитаны: ${current.snapshots.map((s, i) => html`${i > 0 ? ', ' : ''}<a href="/rating/${s.code}">«${s.title}»</a>`)}.</p>
<h2>Состав индекса и веса</h2>
<ul data-testid="methodology-tree">${treeList(m.tree, 1)}</ul>
<h2>Показатели</h2>
${indicatorsOf(m.tree).map((i) => passport(i, m.outputScale))}
<h2>Правила</h2>
<ul>
<li>Пропуски данных: ${missingDataWords(m)}</li>
<li>Равные баллы: ${tieWords(m)}.</li>
${m.colourThresholds.length > 0 ? html`<li>Цвета уровней: ${m.colourThresholds.map((t) => `${t.label} — от ${formatNumberRu(t.from, 0)}`).join('; ')}.</li>` : ''}
${m.grouping ? html`<li>${m.grouping.title}: ${m.grouping.bands.map((b) => `${b.label} — от ${formatNumberRu(b.from, 0)}`).join('; ')}.</li>` : ''}
</ul>
<h2>Отличия от предыдущей версии</h2>
<p data-testid="methodology-differences">${previous ? (differences.length > 0 ? html`По сравнению с версией ${previous.methodology.version}:</p><ul>${differences.map((d) => html`<li>${d}</li>`)}</ul><p>` : `С версией ${previous.methodology.version} расчёт не различается.`) : 'Это первая опубликованная версия методики.'}</p>`;
  return {
    title: `Методика «${m.title}» — рейтинг ОМСУ`,
    description: `Как считается рейтинг: показатели, веса, нормировка, правила пропусков и равных мест — методика «${m.title}», версия ${m.version}.`,
    path: `/methodology/${m.code}`,
    body,
  };
}

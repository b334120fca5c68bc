import type {
  AggregationMethod,
  Methodology,
  MethodologyNode,
  Normalisation,
} from '../../../domain/methodology.js';
import { formatNumberRu } from '../../../domain/russian-number-format.js';

type Indicator = Extract<MethodologyNode, { kind: 'indicator' }>;

const n = (x: number) => formatNumberRu(x, Number.isInteger(x) ? 0 : 2);

/** An indicator's normalisation as a sentence and a formula (docs/methodology-format.md). */
export function normalisationWords(
  ind: Indicator,
  scale: number,
): { sentence: string; formula: string } {
  const down = ind.direction === -1;
  const norm: Normalisation = ind.normalisation;
  switch (norm.method) {
    case 'min-max': {
      const lo = norm.lower ?? 0;
      const hi = norm.upper ?? scale;
      return {
        sentence: `Значение сравнивается с наименьшим и наибольшим среди всех ОМСУ: ${down ? 'наименьшее' : 'наибольшее'} получает ${n(hi)} баллов, ${down ? 'наибольшее' : 'наименьшее'} — ${n(lo)}, остальные — пропорционально.`,
        formula: down
          ? `балл = (max − x) / (max − min) × (${n(hi)} − ${n(lo)}) + ${n(lo)}`
          : `балл = (x − min) / (max − min) × (${n(hi)} − ${n(lo)}) + ${n(lo)}`,
      };
    }
    case 'goalposts': {
      const s = norm.scale ?? scale;
      return {
        sentence: `Значение сравнивается с постоянными границами ${n(norm.lo)} и ${n(norm.hi)} (сравнимо между годами): за ${down ? 'нижней' : 'верхней'} границей — ${n(s)} баллов, за ${down ? 'верхней' : 'нижней'} — 0.`,
        formula: down
          ? `балл = clamp((${n(norm.hi)} − x) / (${n(norm.hi)} − ${n(norm.lo)}), 0, 1) × ${n(s)}`
          : `балл = clamp((x − ${n(norm.lo)}) / (${n(norm.hi)} − ${n(norm.lo)}), 0, 1) × ${n(s)}`,
      };
    }
    case 'distance-to-target':
      return {
        sentence: `Чем ближе значение к цели ${n(norm.target)}, тем выше балл; достигшие цели получают ${n(scale)}${norm.capAtTarget ? ' (выше цели — не больше)' : ''}.`,
        formula: `балл = (x − min) / (${n(norm.target)} − min) × ${n(scale)}`,
      };
    case 'fraction-of-max':
      return {
        sentence: `Значение делится на наибольшее среди всех ОМСУ: у лучшего — ${n(scale)} баллов.`,
        formula: `балл = x / max × ${n(scale)}`,
      };
    case 'z-score':
      return {
        sentence:
          'Значение сравнивается со средним по всем ОМСУ с учётом разброса (стандартизация).',
        formula: `балл = (x − среднее) / стандартное отклонение × ${n(norm.sd ?? 1)} + ${n(norm.mean ?? 0)}`,
      };
    case 'rank':
      return {
        sentence: 'Баллом служит место ОМСУ по этому показателю: у лучшего — наибольший балл.',
        formula: 'балл = место по возрастанию',
      };
    case 'percentile-rank':
      return {
        sentence: `Баллом служит доля ОМСУ, которых этот опережает по показателю: у лучшего — ${n(scale)}.`,
        formula: `балл = (место − 1) / (n − 1) × ${n(scale)}`,
      };
    case 'points':
      return {
        sentence: `Баллы начисляются по таблице порогов${norm.scoring.mode === 'linear' ? ' с интерполяцией между порогами' : ''}: ${norm.scoring.thresholds.map((t) => `от ${n(t.value)} — ${n(t.points)}`).join(', ')}.`,
        formula: 'балл = по таблице порогов',
      };
  }
}

export const AGGREGATION_WORDS: Record<AggregationMethod, string> = {
  arithmetic: 'взвешенное среднее арифметическое',
  geometric: 'взвешенное среднее геометрическое (слабый показатель не компенсируется сильным)',
  harmonic: 'взвешенное среднее гармоническое',
  sum: 'сумма баллов, умноженных на веса',
};

const IMPUTATION_WORDS: Record<Methodology['missingData']['imputation'], string> = {
  none: 'пропущенное значение ничем не заменяется',
  mean: 'пропущенное значение заменяется средним по всем ОМСУ',
  'group-mean': 'пропущенное значение заменяется средним по группе ОМСУ',
  'last-observation': 'пропущенное значение заменяется последним известным за прошлые периоды',
};

/** The missing-data rule in words. */
export function missingDataWords(m: Methodology): string {
  const share = formatNumberRu(m.missingData.minAvailability * 100, 0);
  const basis =
    m.missingData.availabilityBasis === 'weight' ? 'веса направления' : 'показателей направления';
  return `${IMPUTATION_WORDS[m.missingData.imputation]}; балл направления считается, если есть данные не меньше чем для ${share} % ${basis}, иначе ОМСУ остаётся без места с объяснением причины.`;
}

export const tieWords = (m: Methodology): string =>
  m.tieRule === 'competition'
    ? 'при равных баллах ОМСУ делят место, следующее место пропускается (1, 2, 2, 4)'
    : 'при равных баллах ОМСУ делят место, следующее идёт по порядку (1, 2, 2, 3)';

/** What changed from the previous version: indicators added, removed, reweighted or renormalised. */
export function methodologyDifferences(before: Methodology, after: Methodology): string[] {
  const flat = (node: MethodologyNode): Indicator[] =>
    node.kind === 'indicator' ? [node] : node.children.flatMap(flat);
  const old = new Map(flat(before.tree).map((i) => [i.code, i]));
  const now = new Map(flat(after.tree).map((i) => [i.code, i]));
  const out: string[] = [];
  for (const [code, i] of now) {
    const was = old.get(code);
    if (!was) out.push(`Добавлен показатель «${i.name}».`);
    else {
      if (was.weight !== i.weight)
        out.push(`Вес показателя «${i.name}»: было ${n(was.weight)}, стало ${n(i.weight)}.`);
      if (JSON.stringify(was.normalisation) !== JSON.stringify(i.normalisation))
        out.push(`Изменена нормировка показателя «${i.name}».`);
      if (was.direction !== i.direction) out.push(`Изменено направление показателя «${i.name}».`);
    }
  }
  for (const [code, i] of old) if (!now.has(code)) out.push(`Исключён показатель «${i.name}».`);
  if (
    before.tree.kind === 'group' &&
    after.tree.kind === 'group' &&
    before.tree.aggregation !== after.tree.aggregation
  )
    out.push(`Способ свёртки индекса: ${AGGREGATION_WORDS[after.tree.aggregation]}.`);
  if (JSON.stringify(before.colourThresholds) !== JSON.stringify(after.colourThresholds))
    out.push(
      `Цвета уровней: ${after.colourThresholds.map((t) => `${t.label} — от ${n(t.from)}`).join('; ') || 'без цветов'}.`,
    );
  if (before.tieRule !== after.tieRule) out.push(`Правило равных мест: ${tieWords(after)}.`);
  if (JSON.stringify(before.missingData) !== JSON.stringify(after.missingData))
    out.push(`Правило пропусков: ${missingDataWords(after)}.`);
  return out;
}

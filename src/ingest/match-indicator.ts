import { canonicalUnit, type IndicatorWords, indicatorWords } from './indicator-words.js';
import type { MatchCandidate } from './match-municipality.js';
import type { IndicatorPassport } from './validate-value.js';

export interface IndicatorMatcher {
  byCode: Map<string, IndicatorPassport>;
  /** The indicator a code, a name, an alias or a header means; null if none or several. */
  match(text: string): IndicatorPassport | null;
  /** The indicators whose names share most words with the text, closest first. */
  candidates(text: string, limit?: number): MatchCandidate[];
  /** Whether a column header is close enough to an indicator's name to ask about it. */
  resembles(header: string): boolean;
}

interface Spelling {
  passport: IndicatorPassport;
  words: IndicatorWords;
  key: string;
}

const keyOf = (w: IndicatorWords) => w.words.join(' ');

/** A stated unit must be the indicator's; a header without a unit says nothing against it. */
const unitAgrees = (stated: string | null, passport: IndicatorPassport) =>
  stated === null || stated === canonicalUnit(passport.unit);

/**
 * A header resembles a name when they share two words or more and most of both (Dice's
 * coefficient): «Доля документов, подписанных ЭП» resembles the share of signed documents,
 * «Подписано ЭП», a count beside it, does not.
 */
const RESEMBLING_SCORE = 0.6;

/**
 * Matches what a source calls an indicator — a code, the passport's name, a saved alias, or a
 * header as officials write it («Доля документов, подписанных ЭП, %») — by the words and the
 * unit, not the exact text. Only the same set of words with an agreeing unit matches; a
 * header with fewer or other words gets candidates to confirm, so nothing is guessed.
 *
 * @example buildIndicatorMatcher(passports).match('Население, чел.')?.code // 'population'
 */
export function buildIndicatorMatcher(
  passports: readonly IndicatorPassport[],
  /** Further spellings → indicator code (a mapping's `indicatorNames`). */
  extraNames: Record<string, string> = {},
): IndicatorMatcher {
  const byCode = new Map(passports.map((i) => [i.code, i]));
  const spellings: Spelling[] = [];
  const add = (passport: IndicatorPassport, text: string) => {
    const words = indicatorWords(text);
    if (words.words.length > 0) spellings.push({ passport, words, key: keyOf(words) });
  };
  for (const i of passports) {
    add(i, i.name);
    add(i, i.code.replace(/[_:]/g, ' '));
    for (const alias of i.aliases ?? []) add(i, alias);
  }
  for (const [name, code] of Object.entries(extraNames)) {
    const i = byCode.get(code);
    if (i) add(i, name);
  }
  const byKey = new Map<string, Spelling[]>();
  for (const s of spellings) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);

  const cache = new Map<string, IndicatorPassport | null>();
  const scored = (text: string) => {
    const words = indicatorWords(text);
    const own = new Set(words.words);
    const best = new Map<IndicatorPassport, { score: number; shared: number }>();
    for (const s of spellings) {
      if (!unitAgrees(words.unit, s.passport)) continue;
      const shared = s.words.words.filter((w) => own.has(w)).length;
      if (shared === 0) continue;
      const score = (2 * shared) / (own.size + s.words.words.length);
      const seen = best.get(s.passport);
      if (!seen || score > seen.score) best.set(s.passport, { score, shared });
    }
    return { ranked: [...best.entries()].sort((a, b) => b[1].score - a[1].score) };
  };
  return {
    byCode,
    match(text) {
      let hit = cache.get(text);
      if (hit !== undefined) return hit;
      hit = byCode.get(text.trim()) ?? null;
      if (!hit) {
        const words = indicatorWords(text);
        const found = new Set(
          (byKey.get(keyOf(words)) ?? [])
            .filter((s) => unitAgrees(words.unit, s.passport))
            .map((s) => s.passport),
        );
        hit = found.size === 1 ? ([...found][0] ?? null) : null;
      }
      if (cache.size < 10_000) cache.set(text, hit);
      return hit;
    },
    candidates(text, limit = 3) {
      return scored(text)
        .ranked.slice(0, limit)
        .map(([i]) => ({ code: i.code, name: i.name }));
    },
    resembles(header) {
      const top = scored(header).ranked[0]?.[1];
      return top !== undefined && top.shared >= 2 && top.score >= RESEMBLING_SCORE;
    },
  };
}

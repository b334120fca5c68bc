import { editDistance } from './edit-distance.js';
import { coreName, normaliseName } from './normalise-name.js';

export interface MatchableUnit {
  code: string;
  name: string;
  aliases: string[];
}

/**
 * Builds a lookup from every normalised name and alias to a unit code. Two units claiming
 * the same spelling is a registry error, reported rather than resolved silently.
 */
export function buildNameIndex(units: MatchableUnit[]): (name: string) => string | null {
  const index = new Map<string, string>();
  for (const unit of units) {
    for (const spelling of [unit.name, ...unit.aliases]) {
      const key = normaliseName(spelling);
      const holder = index.get(key);
      if (holder && holder !== unit.code) {
        throw new Error(
          `Написание «${spelling}» относится сразу к двум ОМСУ: ${holder} и ${unit.code}`,
        );
      }
      index.set(key, unit.code);
    }
  }
  return (name) => index.get(normaliseName(name)) ?? null;
}

export interface MatchCandidate {
  code: string;
  name: string;
}

export interface MunicipalityMatcher {
  /** The unit code for a name, alias or OKTMO code; null when nothing matches exactly. */
  match(text: string): string | null;
  /** The closest units by edit distance, for an error message and a confirmation. */
  candidates(text: string, limit?: number): MatchCandidate[];
}

const OKTMO = /^\d{8}(\d{3})?$/;

/**
 * Matches what a source wrote in its municipality column: an OKTMO code (8 or 11 digits), a
 * name or a saved alias, after normalisation. Nothing is guessed: an unknown name is null,
 * and `candidates` ranks the units whose name without kind words is closest, so that
 * "Гайский муниципальный округ" offers "Гайский городской округ" first; there are always
 * candidates while the registry has units.
 *
 * @example buildMunicipalityMatcher(units).candidates('Гайский район')[0].code // 'gayskiy-go'
 */
export function buildMunicipalityMatcher(
  units: (MatchableUnit & { oktmo: string | null })[],
): MunicipalityMatcher {
  const byName = buildNameIndex(units);
  const byOktmo = new Map<string, string>();
  for (const u of units) {
    if (u.oktmo) {
      byOktmo.set(u.oktmo, u.code);
      if (u.oktmo.length === 11 && u.oktmo.endsWith('000'))
        byOktmo.set(u.oktmo.slice(0, 8), u.code);
    }
  }
  const spellings = units.flatMap((u) =>
    [u.name, ...u.aliases].map((s) => ({ unit: u, core: coreName(s), full: normaliseName(s) })),
  );
  const cache = new Map<string, string | null>();
  return {
    match(text) {
      const cached = cache.get(text);
      if (cached !== undefined) return cached;
      const trimmed = text.trim();
      const code = OKTMO.test(trimmed)
        ? (byOktmo.get(trimmed) ?? byOktmo.get(trimmed.slice(0, 8)) ?? null)
        : byName(trimmed);
      if (cache.size < 100_000) cache.set(text, code);
      return code;
    },
    candidates(text, limit = 3) {
      const core = coreName(text);
      const full = normaliseName(text);
      const best = new Map<string, { unit: MatchableUnit; score: number }>();
      for (const s of spellings) {
        const score = editDistance(core, s.core) * 10 + Math.min(editDistance(full, s.full), 9);
        const seen = best.get(s.unit.code);
        if (!seen || score < seen.score) best.set(s.unit.code, { unit: s.unit, score });
      }
      // Always the closest few, however far: a person picks the right one faster from a
      // short list than from a message that there is none.
      return [...best.values()]
        .sort((a, b) => a.score - b.score || a.unit.name.localeCompare(b.unit.name, 'ru'))
        .slice(0, limit)
        .map((b) => ({ code: b.unit.code, name: b.unit.name }));
    },
  };
}

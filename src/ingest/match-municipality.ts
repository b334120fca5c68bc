import { normaliseName } from './normalise-name.js';

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

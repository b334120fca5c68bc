import type { Kysely } from 'kysely';
import { findRegionId } from '../db/repositories/region-repository.js';
import type { Database } from '../db/schema/index.js';

/** What every feature's routes receive: the database and the region this instance serves. */
export interface AppContext {
  db: Kysely<Database>;
  regionCode: string;
  regionId(): Promise<number>;
  /** Called by staff routes after a publication or a boundary upload: public caches drop. */
  publicChanged(): void;
  /** Registers a listener for `publicChanged` (the portal's cache). */
  onPublicChange(listener: () => void): void;
}

export function createAppContext(db: Kysely<Database>, regionCode: string): AppContext {
  let cached: number | null = null;
  const listeners = new Set<() => void>();
  return {
    db,
    regionCode,
    publicChanged() {
      for (const listener of listeners) listener();
    },
    onPublicChange(listener) {
      listeners.add(listener);
    },
    async regionId() {
      if (cached !== null) return cached;
      const id = await findRegionId(db, regionCode);
      if (id === null) {
        throw new Error(
          `Регион «${regionCode}» не найден в базе данных: задайте код своего региона в MUNIRANK_REGION ` +
            '(по умолчанию orenburg — регион демо-данных) или загрузите демо-данные (munirank demo load)',
        );
      }
      cached = id;
      return id;
    },
  };
}

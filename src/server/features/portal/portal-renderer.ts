import {
  findCurrentBoundaries,
  findCurrentBoundaryGeojson,
} from '../../../db/repositories/boundary-repository.js';
import { findRegionName } from '../../../db/repositories/region-repository.js';
import type { RatingSnapshotContent } from '../../../domain/rating-snapshot.js';
import type { AppContext } from '../../app-context.js';
import { NotFoundError } from '../../http-errors.js';
import { findVisibleSnapshot, getSnapshot, listSnapshots } from '../rating/rating-service.js';
import { readSnapshotContent } from '../rating/stored-snapshot-content.js';
import { errataPage } from './errata-page.js';
import { html } from './html.js';
import { loadLeagueTable, storedMethodology } from './league-table-model.js';
import { type LeagueFilter, leagueTablePage } from './league-table-page.js';
import { mapPage } from './map-page.js';
import { type MethodologyVersion, methodologyPage } from './methodology-page.js';
import { openDataPage } from './open-data-page.js';
import { readPortalAssets } from './portal-assets.js';
import { type CachedAnswer, cachedAnswer, IMMUTABLE, REVALIDATE } from './portal-cache.js';
import { type PortalPage, renderPortalPage } from './portal-layout.js';
import { readLicence } from './portal-licence-service.js';
import { loadProfile } from './profile-model.js';
import { profilePage } from './profile-page.js';
import { snapshotFileAnswer } from './snapshot-file-answers.js';

const HTML = 'text/html; charset=utf-8';

/** Renders every public answer from published snapshots; the routes cache what it returns. */
export async function createPortalRenderer(ctx: AppContext, webRoot: string) {
  const assets = readPortalAssets(webRoot);
  const regionId = await ctx.regionId();
  const regionName = (await findRegionName(ctx.db, regionId)) ?? ctx.regionCode;
  const page = async (p: PortalPage, status = REVALIDATE) =>
    cachedAnswer(
      renderPortalPage(p, assets, { regionName, licence: await readLicence(ctx.db) }),
      HTML,
      status,
    );
  /** A published snapshot's stored content, or null (drafts are "not found"). */
  const publishedContent = async (code: string): Promise<RatingSnapshotContent | null> => {
    try {
      const row = await findVisibleSnapshot(ctx.db, regionId, code, {});
      return readSnapshotContent(row.content);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  };
  /** The current (not corrected) newest published snapshot: what the landing page shows. */
  const latestCode = async () => {
    const published = await listSnapshots(ctx.db, regionId);
    return (published.find((s) => s.correctedBy.length === 0) ?? published[0])?.code ?? null;
  };

  return {
    regionId,
    regionName,
    assets,
    latestCode,
    publishedContent,
    async league(
      code: string | null,
      path: string,
      filter: LeagueFilter,
    ): Promise<CachedAnswer | null> {
      const chosen = code ?? (await latestCode());
      if (chosen === null)
        return page({
          title: 'Рейтинг ОМСУ',
          description: 'Опубликованных рейтингов пока нет.',
          path,
          body: html`<h1>Рейтинг ОМСУ</h1><p>Опубликованных рейтингов пока нет.</p>`,
        });
      const content = await publishedContent(chosen);
      if (!content) return null;
      return page(
        leagueTablePage(await loadLeagueTable(ctx.db, regionId, chosen, content), path, filter),
      );
    },
    async colours(code: string): Promise<CachedAnswer | null> {
      const content = await publishedContent(code);
      const thresholds = content ? (storedMethodology(content)?.colourThresholds ?? []) : null;
      if (!thresholds) return null;
      const css = thresholds.map((t, i) => `.tone-${i}{background:${t.colour}}`).join('\n');
      return cachedAnswer(css, 'text/css; charset=utf-8', IMMUTABLE);
    },
    file: (code: string, format: 'csv' | 'xlsx' | 'json') =>
      snapshotFileAnswer(ctx.db, regionId, code, format),
    async notFound(): Promise<CachedAnswer> {
      const answer = await page({
        title: 'Страница не найдена — рейтинг ОМСУ',
        description: 'Такой страницы на портале нет.',
        path: '/',
        body: html`<h1>Страница не найдена</h1><p>Такой страницы нет или рейтинг не опубликован. <a href="/">К рейтингу</a></p>`,
      });
      return { ...answer, cacheControl: 'no-store', status: 404 };
    },
    async openData(): Promise<CachedAnswer | null> {
      const published = await listSnapshots(ctx.db, regionId);
      const withColumns = await Promise.all(
        published.map(async (s) => ({
          ...s,
          columns: (await getSnapshot(ctx.db, regionId, s.code)).columns,
        })),
      );
      return page(openDataPage(withColumns, await readLicence(ctx.db)));
    },
    errata: async (): Promise<CachedAnswer | null> =>
      page(errataPage(await listSnapshots(ctx.db, regionId))),
    async profile(code: string): Promise<CachedAnswer | null> {
      const profile = await loadProfile(ctx.db, regionId, code);
      return profile ? page(profilePage(profile)) : null;
    },
    async methodology(code: string): Promise<CachedAnswer | null> {
      // Only versions a published rating used: a draft's methodology is not public yet.
      const versions = new Map<number, MethodologyVersion>();
      for (const s of await listSnapshots(ctx.db, regionId)) {
        if (s.methodologyCode !== code) continue;
        const content = await publishedContent(s.code);
        const methodology = content ? storedMethodology(content) : null;
        if (!methodology) continue;
        const v = versions.get(methodology.version) ?? { methodology, snapshots: [] };
        v.snapshots.push(s);
        versions.set(methodology.version, v);
      }
      const ordered = [...versions.values()].sort(
        (a, b) => b.methodology.version - a.methodology.version,
      );
      const [current, previous] = ordered;
      return current ? page(methodologyPage(current, previous ?? null)) : null;
    },
    async map(code: string): Promise<CachedAnswer | null> {
      const content = await publishedContent(code);
      if (!content) return null;
      const table = await loadLeagueTable(ctx.db, regionId, code, content);
      return page(mapPage(table, await findCurrentBoundaries(ctx.db, regionId)));
    },
    async boundaries(): Promise<CachedAnswer | null> {
      const geojson = await findCurrentBoundaryGeojson(ctx.db, regionId);
      return geojson === null
        ? null
        : cachedAnswer(geojson, 'application/json; charset=utf-8', REVALIDATE);
    },
  };
}

export type PortalRenderer = Awaited<ReturnType<typeof createPortalRenderer>>;

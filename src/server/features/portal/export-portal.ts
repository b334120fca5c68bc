import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** Where the portal starts: every other page and file is reached by its links from these. */
const ENTRY_PATHS = ['/', '/open-data', '/errata', '/map/boundaries.json'];

/** Paths of the portal's own pages and files a page refers to (links, scripts, JSON islands). */
const PORTAL_PATH =
  /"(\/(?:rating|municipalities|methodology|map|open-data|errata|assets)(?:\/[^"\s<>?#]*)?|\/favicon\.svg|\/)"/g;

/** The file a path is written to: a page as `…/index.html`, a file under its own name. */
export function exportFileOf(path: string): string {
  const clean = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (clean === '') return 'index.html';
  return /\.[a-z0-9]+$/i.test(clean) ? clean : `${clean}/index.html`;
}

export interface PortalExportResult {
  pages: number;
  files: number;
  bytes: number;
}

/**
 * Writes the whole public portal into `dir` as static files — every page reachable from the
 * landing page, the open data files, the map data and the built assets — so that any web
 * server or CDN can serve the public side. Reads the app in-process (published data only:
 * the same answers a visitor gets) and reports progress as it goes.
 */
export async function exportPortal(
  app: FastifyInstance,
  dir: string,
  webRoot: string,
  onProgress: (done: number, queued: number, path: string) => void = () => {},
): Promise<PortalExportResult> {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0)
    throw new Error(`каталог ${dir} не пуст: выгрузка портала пишется в пустой каталог`);
  const seen = new Set<string>(ENTRY_PATHS);
  const queue = [...ENTRY_PATHS];
  const result: PortalExportResult = { pages: 0, files: 0, bytes: 0 };
  // The built assets go as they are: the portal script loads its chart chunk by a relative
  // import that no page names.
  const assets = join(webRoot, 'assets');
  if (existsSync(assets)) cpSync(assets, join(dir, 'assets'), { recursive: true });
  for (const extra of ['favicon.svg']) {
    const file = join(webRoot, extra);
    if (existsSync(file)) cpSync(file, join(dir, extra));
  }
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (path.startsWith('/assets/')) continue;
    const res = await app.inject({ method: 'GET', url: path });
    onProgress(seen.size - queue.length, seen.size, path);
    if (res.statusCode === 404) continue;
    if (res.statusCode !== 200)
      throw new Error(`портал ответил ${res.statusCode} на ${path}: ${res.body.slice(0, 200)}`);
    const file = join(dir, exportFileOf(path));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, res.rawPayload);
    result.bytes += res.rawPayload.length;
    const type = String(res.headers['content-type'] ?? '');
    if (type.startsWith('text/html')) {
      result.pages += 1;
      for (const match of res.body.matchAll(PORTAL_PATH)) {
        const link = match[1] as string;
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    } else result.files += 1;
  }
  return result;
}

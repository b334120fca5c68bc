import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** `web/dist` at the package root: two levels up from both `src/server` and `dist/server`. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Serves the built web app; any other non-API GET path answers with index.html so that the
 * client-side router can show the page. API paths that match nothing get a JSON 404.
 */
export async function registerWebAssets(app: FastifyInstance, webRoot: string): Promise<void> {
  const hasWeb = existsSync(join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && hasWeb) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    const message =
      hasWeb || request.url.startsWith('/api/')
        ? `Адрес ${request.method} ${request.url.split('?')[0]} не найден`
        : 'Веб-интерфейс не собран: выполните npm run build';
    return reply.code(404).send({ error: 'not_found', message });
  });
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { countBoundaryUploads } from '../../../db/repositories/boundary-repository.js';
import { countPublications } from '../../../db/repositories/snapshot-repository.js';
import { countUncertaintyRuns } from '../../../db/repositories/uncertainty-repository.js';
import type { AppContext } from '../../app-context.js';
import type { ReplayAnswers } from '../../replay-answers.js';
import { PUBLIC_ROUTE } from '../access/access-hooks.js';
import { type CachedAnswer, PortalCache } from './portal-cache.js';
import { readLicence } from './portal-licence-service.js';
import { createPortalRenderer, type PortalRenderer } from './portal-renderer.js';

const Code = Type.String({ pattern: '^[a-z0-9-]{1,100}$' });
const hide = { hide: true } as const;

/** Sends a cached answer, or 304 when the browser already holds these bytes. */
function send(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer) {
  if (answer.status === 404)
    return reply
      .code(404)
      .header('cache-control', 'no-store')
      .type(answer.contentType)
      .send(answer.body);
  reply
    .header('etag', answer.etag)
    .header('cache-control', answer.cacheControl)
    .header('vary', 'accept-encoding');
  if (answer.disposition) reply.header('content-disposition', answer.disposition);
  if (request.headers['if-none-match'] === answer.etag) return reply.code(304).send();
  return reply
    .code(answer.status ?? 200)
    .type(answer.contentType)
    .send(answer.body);
}

export interface PortalOptions extends AppContext {
  webRoot: string;
  /** Where answers that are the same for every anonymous visitor are kept to be given again. */
  replay?: ReplayAnswers;
}

/**
 * The public portal: server-rendered pages over published snapshots, each rendered once per
 * publication generation and answered from memory with a strong ETag (decision 0010).
 */
export const portalRoutes: FastifyPluginAsyncTypebox<PortalOptions> = async (app, ctx) => {
  // What the public sees changes with a publication, a boundary upload, an uncertainty run
  // or the licence line.
  const cache = new PortalCache(
    async () =>
      `${
        (await countPublications(ctx.db)) +
        (await countBoundaryUploads(ctx.db)) +
        (await countUncertaintyRuns(ctx.db))
      }|${await readLicence(ctx.db)}`,
  );
  ctx.onPublicChange(() => cache.invalidate());
  let renderer: PortalRenderer | null = null;
  const pages = async () => {
    renderer ??= await createPortalRenderer(ctx, ctx.webRoot);
    return renderer;
  };
  // Requests answered from the cache, with the test of whether that answer still stands.
  const fromCache = new WeakMap<FastifyRequest, () => boolean>();
  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: (r: PortalRenderer) => Promise<CachedAnswer | null>,
  ) => {
    const r = await pages();
    // Taken before the cache is asked: a generation that moves meanwhile voids it.
    const standing = cache.standing();
    const found = await cache.get(key, () => render(r));
    if (found) fromCache.set(request, standing);
    return send(request, reply, found ?? (await r.notFound()));
  };
  // What an anonymous visitor got from the cache, headers included, is given again as it is.
  const replay = ctx.replay;
  if (replay)
    app.addHook('onSend', async (request, reply, payload) => {
      const stillValid = fromCache.get(request);
      if (
        stillValid &&
        reply.statusCode === 200 &&
        Buffer.isBuffer(payload) &&
        !request.url.includes('?') &&
        request.headers.cookie === undefined &&
        request.headers.authorization === undefined
      ) {
        const headers = reply.getHeaders();
        delete headers['x-request-id'];
        delete headers['content-length'];
        replay.record(request.url, {
          route: request.routeOptions.url ?? request.url,
          headers,
          body: payload,
          etag: String(reply.getHeader('etag')),
          stillValid,
        });
      }
      return payload;
    });
  const options = { config: PUBLIC_ROUTE, schema: hide };
  const withCode = {
    config: PUBLIC_ROUTE,
    schema: { ...hide, params: Type.Object({ code: Code }) },
  };
  const Filter = Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(Type.String({ maxLength: 40 })),
    group: Type.Optional(Type.String({ maxLength: 200 })),
  });

  /** A league table; a filtered one (a visitor without JavaScript) is rendered each time. */
  const league = async (
    request: FastifyRequest<{ Querystring: Type.Static<typeof Filter> }>,
    reply: FastifyReply,
    code: string | null,
  ) => {
    const filter = {
      q: request.query.q ?? '',
      kind: request.query.kind ?? '',
      group: request.query.group ?? '',
    };
    const path = code === null ? '/' : `/rating/${code}`;
    const render = (r: PortalRenderer) => r.league(code, path, filter);
    if (filter.q === '' && filter.kind === '' && filter.group === '')
      return answer(request, reply, path, render);
    const r = await pages();
    return send(request, reply, (await render(r)) ?? (await r.notFound()));
  };

  app.get(
    '/',
    { config: PUBLIC_ROUTE, schema: { ...hide, querystring: Filter } },
    (request, reply) => league(request, reply, null),
  );
  app.get(
    '/rating',
    { config: PUBLIC_ROUTE, schema: { ...hide, querystring: Filter } },
    (request, reply) => league(request, reply, null),
  );
  app.get(
    '/rating/:code',
    {
      config: PUBLIC_ROUTE,
      schema: { ...hide, params: Type.Object({ code: Code }), querystring: Filter },
    },
    (request, reply) => league(request, reply, request.params.code),
  );
  app.get('/rating/:code/colours.css', withCode, (request, reply) =>
    answer(request, reply, `colours:${request.params.code}`, (r) => r.colours(request.params.code)),
  );
  app.get(
    '/open-data/:file',
    {
      config: PUBLIC_ROUTE,
      schema: {
        ...hide,
        params: Type.Object({
          file: Type.String({ pattern: '^[a-z0-9-]{1,100}\\.(csv|xlsx|json)$' }),
        }),
      },
    },
    (request, reply) => {
      const [code = '', format = ''] = request.params.file.split('.');
      return answer(request, reply, `file:${request.params.file}`, (r) =>
        r.file(code, format as 'csv' | 'xlsx' | 'json'),
      );
    },
  );
  app.get('/open-data', options, (request, reply) =>
    answer(request, reply, '/open-data', (r) => r.openData()),
  );
  app.get('/errata', options, (request, reply) =>
    answer(request, reply, '/errata', (r) => r.errata()),
  );
  app.get('/municipalities/:code', withCode, (request, reply) =>
    answer(request, reply, `profile:${request.params.code}`, (r) => r.profile(request.params.code)),
  );
  app.get('/methodology/:code', withCode, (request, reply) =>
    answer(request, reply, `methodology:${request.params.code}`, (r) =>
      r.methodology(request.params.code),
    ),
  );
  app.get('/map/boundaries.json', options, (request, reply) =>
    answer(request, reply, 'boundaries', (r) => r.boundaries()),
  );
  app.get('/map/:code', withCode, (request, reply) =>
    answer(request, reply, `map:${request.params.code}`, (r) => r.map(request.params.code)),
  );
};

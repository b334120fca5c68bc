import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayAnswers } from './replay-answers.js';

describe('answers given again before routing', () => {
  const observed: string[] = [];
  let ids = 0;
  let standing = true;
  const replay = new ReplayAnswers({
    genReqId: () => `id-${++ids}`,
    observe: (route, status) => observed.push(`${route} ${status}`),
  });
  let server: Server;
  let base = '';
  beforeAll(async () => {
    // What the replay does not answer, "the application" answers with 418.
    server = createServer((req, res) => {
      if (!replay.serve(req, res)) res.writeHead(418).end('приложение');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    replay.record('/rating/t1', {
      route: '/rating/:code',
      headers: {
        'content-type': 'text/html; charset=utf-8',
        etag: '"e1"',
        'x-frame-options': 'DENY',
      },
      body: Buffer.from('<p>Таблица 1</p>'),
      etag: '"e1"',
      stillValid: () => standing,
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gives the recorded headers and bytes to an anonymous GET of that exact address', async () => {
    const res = await fetch(`${base}/rating/t1`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<p>Таблица 1</p>');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-length')).toBe('23');
    expect(res.headers.get('x-request-id')).toBe('id-1');
    const again = await fetch(`${base}/rating/t1`, { headers: { 'if-none-match': '"e1"' } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-type')).toBeNull();
    expect(again.headers.get('etag')).toBe('"e1"');
    expect(observed).toEqual(['/rating/:code 200', '/rating/:code 304']);
  });

  it('leaves to the application a cookie, a token, another method, a query and a lapsed answer', async () => {
    const app = async (path: string, init?: RequestInit) =>
      (await fetch(`${base}${path}`, init)).status;
    expect(await app('/rating/t1', { headers: { cookie: 'munirank_session=x' } })).toBe(418);
    expect(await app('/rating/t1', { headers: { authorization: 'Bearer t' } })).toBe(418);
    expect(await app('/rating/t1', { method: 'HEAD' })).toBe(418);
    expect(await app('/rating/t1?q=орск')).toBe(418);
    expect(await app('/rating/t2')).toBe(418);
    standing = false;
    expect(await app('/rating/t1')).toBe(418);
    // Dropped, not only skipped: standing again does not bring it back.
    standing = true;
    expect(await app('/rating/t1')).toBe(418);
    expect(observed).toHaveLength(2);
  });
});

import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { ImportJobs } from '../../src/server/features/imports/import-jobs.js';
import { stopGracefully } from '../../src/server/graceful-shutdown.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const PAGE = '/rating/orenburg-2016-03-table1';
const BATCH = 24;

interface RawAnswer {
  status: number;
  body: string;
}

/** A kept-alive HTTP/1.1 connection written to by hand, so that requests leave together. */
class RawConnection {
  #buffer = Buffer.alloc(0);
  #waiter: (() => void) | null = null;
  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#waiter?.();
    });
    socket.on('close', () => this.#waiter?.());
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Writes the request at once (no waiting for the socket). */
  send(path: string): void {
    this.socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: */*\r\n\r\n`);
  }

  /** The next whole answer on the connection (the server sends a content-length). */
  async answer(): Promise<RawAnswer> {
    for (;;) {
      const text = this.#buffer.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end >= 0) {
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
        if (this.#buffer.length >= end + 4 + length) {
          const status = Number(text.slice(9, 12));
          const body = this.#buffer.subarray(end + 4, end + 4 + length).toString('utf8');
          this.#buffer = this.#buffer.subarray(end + 4 + length);
          return { status, body };
        }
      }
      if (this.socket.destroyed) throw new Error(`connection closed: ${text}`);
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
      });
      this.#waiter = null;
    }
  }
}

/**
 * Requests that the application answers wait for their turn of the event loop, in the order
 * they came, while a published page is given again at once (decision 0230). The requests of a
 * batch are written together on connections already open, so that the server finds them all
 * in one poll of its sockets.
 */
describe.each(testDatabases())('requests waiting for their turn on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let port = 0;
  let journal: { msg?: string; req?: { url?: string } }[] = [];
  const importJobs = new ImportJobs();
  beforeEach(async () => {
    instance = await createDemoDatabase(kind);
    journal = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line.trim() !== '') journal.push(JSON.parse(line));
        done();
      },
    });
    app = await buildApp({
      db: instance.handle.db,
      regionCode: 'orenburg',
      importJobs,
      log: { level: 'info', stream },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address !== 'object') throw new Error('no server address');
    port = address.port;
  });
  afterEach(async () => {
    await app.close();
    await instance.dispose();
  });

  /** Connections the server has taken and answered once, so that each is read as it is. */
  const openConnections = async (n: number) => {
    const connections = await Promise.all(
      Array.from({ length: n }, () => RawConnection.open(port)),
    );
    for (const c of connections) c.send('/api/health?warm');
    for (const c of connections) expect((await c.answer()).status).toBe(200);
    return connections;
  };
  const answered = () =>
    journal.filter((l) => l.msg === 'request completed').map((l) => l.req?.url ?? '');

  it('gives a published page before the requests that came with it, and answers those in order', async () => {
    const [visitor, ...staff] = await openConnections(BATCH + 1);
    if (visitor === undefined) throw new Error('no connection');
    // The application renders the page, then answers it from its cache and records that
    // answer, which is given again from then on.
    visitor.send(PAGE);
    const page = await visitor.answer();
    expect(page.status).toBe(200);
    visitor.send(PAGE);
    expect(await visitor.answer()).toEqual(page);
    journal = [];

    staff.forEach((c, i) => {
      c.send(`/api/health?n=${i}`);
    });
    visitor.send(PAGE);
    const answers = await Promise.all(staff.map((c) => c.answer()));
    expect(await visitor.answer()).toEqual(page);

    expect(answers.map((a) => a.status)).toEqual(staff.map(() => 200));
    expect(answers.map((a) => JSON.parse(a.body))).toEqual(staff.map(() => ({ status: 'ok' })));
    expect(answered()).toEqual([PAGE, ...staff.map((_, i) => `/api/health?n=${i}`)]);
    for (const c of [visitor, ...staff]) c.socket.destroy();
  });

  it('answers the requests still waiting when the server is stopped', async () => {
    const connections = await openConnections(BATCH);
    journal = [];
    connections.forEach((c, i) => {
      c.send(`/api/health?n=${i}`);
    });
    // The check runs in the check phase before the queue's own turn, once the server has read
    // the batch: every request of it is still waiting.
    for (let turn = 0; turn < 1000 && app.requestQueue.waiting === 0; turn += 1)
      await new Promise((r) => setImmediate(r));
    const waitingAtStop = app.requestQueue.waiting;
    const said: string[] = [];
    const stopped = stopGracefully(
      {
        app,
        importJobs,
        closeDatabase: async () => {},
        timeoutMs: 10_000,
        say: (l) => said.push(l),
      },
      'SIGTERM',
    );
    const answers = await Promise.all(connections.map((c) => c.answer()));
    expect(waitingAtStop).toBe(BATCH);
    expect(answers.map((a) => a.status)).toEqual(connections.map(() => 200));
    expect(answered()).toEqual(connections.map((_, i) => `/api/health?n=${i}`));
    expect(await stopped).toBe(0);
    expect(said.at(-1)).toBe(
      'munirank остановлен: все начатые запросы и задания импорта завершены.',
    );
    for (const c of connections) c.socket.destroy();
  });
});

// Runs the deployment guide instead of trusting it: `munirank serve` with the settings of
// docs/deployment.md, behind nginx started with docs/deployment/nginx-munirank.conf and a
// self-signed certificate, reached over HTTPS from another loopback address.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertCliBuilt, startCli } from '../support/run-cli.js';

const SITE = fileURLToPath(new URL('../../docs/deployment/nginx-munirank.conf', import.meta.url));
const nginx = inject('nginx');

/** A free loopback port (closed again before it is used). */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Waits until `check` gives true, or fails after `ms` naming what it waited for. */
async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms: number) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`не дождались: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request from `from` (a loopback address other than nginx's own) over HTTP or HTTPS. */
function send(
  secure: boolean,
  port: number,
  from: string,
  path: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const text = JSON.stringify(body);
  const request = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        localAddress: from,
        rejectUnauthorized: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...headers,
        },
      },
      (res) => {
        let data = '';
        res.on('data', (chunk) => {
          data += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }),
        );
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe.skipIf(nginx === null)('deployment behind nginx with TLS (docs/deployment.md)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'munirank-deploy-'));
  let app: ChildProcess | null = null;
  let proxy: ChildProcess | null = null;
  let appPort = 0;
  let httpsPort = 0;
  let admin = { username: '', password: '' };

  beforeAll(async () => {
    assertCliBuilt();
    appPort = await freePort();
    httpsPort = await freePort();
    const httpPort = await freePort();
    // The environment file of the guide, with this test's port and data folder.
    app = startCli(['serve'], {
      HOST: '127.0.0.1',
      PORT: String(appPort),
      MUNIRANK_DATA_DIR: join(dir, 'data'),
      MUNIRANK_TRUST_PROXY: '127.0.0.1',
      MUNIRANK_LOG_LEVEL: 'silent',
    });
    let out = '';
    app.stdout?.on('data', (d) => {
      out += d;
    });
    await waitFor('munirank serve', () => out.includes('munirank работает'), 30_000);
    admin = {
      username: /имя пользователя: (\S+)/.exec(out)?.[1] ?? '',
      password: /временный пароль: (\S+)/.exec(out)?.[1] ?? '',
    };

    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=rating.example.ru',
        '-keyout',
        join(dir, 'privkey.pem'),
        '-out',
        join(dir, 'fullchain.pem'),
      ],
      { stdio: 'ignore' },
    );
    // The guide's site file as it is, with this test's ports and certificate folder.
    const site = readFileSync(SITE, 'utf8')
      .replace('listen 443 ssl;', `listen 127.0.0.1:${httpsPort} ssl;`)
      .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
      .replaceAll('/etc/ssl/munirank/', `${dir}/`)
      .replace('http://127.0.0.1:3000', `http://127.0.0.1:${appPort}`);
    writeFileSync(join(dir, 'site.conf'), site);
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1;\nerror_log ${dir}/error.log;\npid ${dir}/nginx.pid;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  include ${dir}/site.conf;\n}\n`,
    );
    proxy = spawn(
      nginx as string,
      ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off; user root;'],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(
      'nginx',
      async () =>
        (await send(true, httpsPort, '127.0.0.2', '/api/session/login', {}).catch(() => null))
          ?.status === 400,
      15_000,
    );
  });

  afterAll(() => {
    proxy?.kill('SIGTERM');
    app?.kill('SIGTERM');
  });

  const lastLogin = () => {
    const db = new Database(join(dir, 'data', 'munirank.sqlite'), { readonly: true });
    try {
      return db
        .prepare(
          "SELECT ip, outcome FROM audit_event WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1",
        )
        .get() as { ip: string; outcome: string };
    } finally {
      db.close();
    }
  };

  it('signs in over HTTPS with a Secure cookie, and the audit trail records the client, not the proxy', async () => {
    // The client tries to pass itself off as another address: nginx overwrites the header.
    const res = await send(true, httpsPort, '127.0.0.2', '/api/session/login', admin, {
      'x-forwarded-for': '203.0.113.66',
    });
    expect(res.status, res.body).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(
      /^munirank_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/,
    );
    expect(lastLogin()).toEqual({ ip: '127.0.0.2', outcome: 'allowed' });
  });

  it('a request straight to the application port cannot forge the client address', async () => {
    const res = await send(
      false,
      appPort,
      '127.0.0.3',
      '/api/session/login',
      {
        username: admin.username,
        password: 'не тот пароль',
      },
      { 'x-forwarded-for': '203.0.113.66' },
    );
    expect(res.status).toBe(401);
    expect(lastLogin()).toEqual({ ip: '127.0.0.3', outcome: 'failed' });
  });
});

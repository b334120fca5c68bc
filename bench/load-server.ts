// The server under load: `munirank serve` from bin/ (the app the CLI serves, compiled to
// dist/), in a child process on loopback, its journal written to a file; and a fresh
// PostgreSQL database for one run, as test/support makes them.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { cliNodeFlags, root } from './bench-dist.js';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

/** CPU time a process has used so far, user and system, ms (Linux: /proc); 0 once it is gone. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // utime and stime, fields 14 and 15 of /proc/PID/stat, counted after the command's ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** CPU used between two samples of processes by id: what the ones still running added. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/** The latest modification time of any file under `dir`, ms. */
/** Tests and their data are not compiled into dist/ (tsconfig.build.json): not counted. */
const NOT_BUILT = /\.test(-data)?\.ts$/;

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && !NOT_BUILT.test(entry.name))
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return latest;
}

export interface RunningServer {
  base: URL;
  pid: number;
  /** Resident set size of the server process, bytes (Linux: /proc). */
  rss(): number;
  /** CPU time the server process has used so far, user and system, ms (Linux: /proc). */
  cpuMs(): number;
  /** Statements the server has sent to its database so far (its /metrics). */
  statementsSent(): Promise<number>;
  /** Lines of the journal at level error (50) or above. */
  errorLines(): string[];
  stop(): Promise<void>;
}

/** `profileDir`: the server writes a V8 CPU profile there when it stops (`--cpu-prof`). */
export async function startServer(
  env: Record<string, string>,
  journal: string,
  profileDir?: string,
) {
  if (!existsSync(`${root}dist/cli/main.js`) || !existsSync(`${root}web/dist/index.html`))
    throw new Error('munirank не собран: выполните `npm run build` перед замером нагрузки.');
  if (newest(`${root}src`) > newest(`${root}dist`))
    throw new Error(
      'dist/ старше исходников в src/: выполните `npm run build` перед замером нагрузки.',
    );
  const child = spawn(
    process.execPath,
    [
      ...cliNodeFlags(),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      `${root}bin/munirank.js`,
      ...['serve', '--port', '0', '--host', '127.0.0.1'],
    ],
    {
      env: { ...process.env, MUNIRANK_METRICS_ALLOW: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = createWriteStream(journal);
  child.stderr?.pipe(log, { end: false });
  const base = await new Promise<URL>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('utf8');
      const m = /munirank работает: http:\/\/[^:]+:(\d+)\//.exec(head);
      if (m) {
        child.stdout?.off('data', onData);
        resolve(new URL(`http://127.0.0.1:${m[1]}`));
      }
    };
    child.stdout?.on('data', onData);
    child.stdout?.pipe(log);
    child.once('exit', (code) =>
      reject(new Error(`сервер завершился с кодом ${code} до начала работы, журнал: ${journal}`)),
    );
  });
  return running(child, base, journal);
}

function running(child: ChildProcess, base: URL, journal: string): RunningServer {
  const pid = child.pid as number;
  return {
    base,
    pid,
    rss() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(m?.[1] ?? 0) * 1024;
    },
    cpuMs: () => processCpuMs(pid),
    async statementsSent() {
      const text = await (await fetch(new URL('/metrics', base))).text();
      const m = /^munirank_db_statements_total (\d+)$/m.exec(text);
      if (!m) throw new Error(`/metrics без munirank_db_statements_total: ${text.slice(0, 200)}`);
      return Number(m[1]);
    },
    errorLines() {
      return readFileSync(journal, 'utf8')
        .split('\n')
        .filter((l) => /"level":(5|6)\d/.test(l));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface FreshPostgres {
  url: string;
  /**
   * CPU used so far by each PostgreSQL process working for this database, ms by process id:
   * its connections and the server's background processes (WAL writer, checkpointer…).
   * Readable where PostgreSQL runs on this machine, as on loopback.
   */
  cpuMs(): Promise<Map<number, number>>;
  drop(): Promise<void>;
}

/** A new, empty database on the test PostgreSQL server, or null (with the reason) when absent. */
export async function freshPostgres(): Promise<FreshPostgres | string> {
  const adminUrl =
    process.env.MUNIRANK_TEST_POSTGRES_URL ??
    'postgres://munirank:munirank@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  const name = `munirank_load_${randomBytes(4).toString('hex')}`;
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => {});
    return error instanceof Error ? error.message : String(error);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async cpuMs() {
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = $1 OR backend_type <> 'client backend'",
        [name],
      );
      return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
    },
    async drop() {
      // Autovacuum may still be busy with the fresh rows: wait for it rather than fail.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          break;
        } catch (error) {
          if (attempt === 20) throw error;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      await admin.end();
    },
  };
}

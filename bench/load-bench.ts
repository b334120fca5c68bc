// `npm run bench load`: the deadline day. A made-up region of 2,500 municipalities and 2,000
// officials; the server (`munirank serve`, a child process on loopback) on SQLite, then on
// PostgreSQL. The officials log in, then at once each opens its month's form, saves the data
// set and submits it, at most --concurrency calls in flight, while the public league table is
// read at a steady --reads per second. Printed: logins, data sets and reads per second with
// p50/p99, beside two baselines measured in the same run on the same server: as many calls to
// the trivial /api/health at the same concurrency, and the same reads on the idle server.
// Then the database is checked: every value stored exactly once, every form submitted once,
// one audit entry per login, save and submission, no 5xx. `-- --soak 600`: instead, a steady
// mix of saves, form openings and reads for 600 s, the server's RSS sampled every 10 s.
// Bounded: each phase stops taking new work after --max-seconds. Nothing asserts a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type DatabaseHandle, openPostgres, openSqlite } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { call, keptAlive, runPool, Series } from './load-client.js';
import { dataSet, formPath, logIn, readLeagueTable } from './load-officials.js';
import { enteredValue, INDICATORS, LEAGUE_TABLE, REGION, seedLoadRegion } from './load-seed.js';
import { cpuBetween, freshPostgres, type RunningServer, startServer } from './load-server.js';
import { runSoak } from './load-soak.js';
import { verifyBurst } from './load-verify.js';

const { values: args } = parseArgs({
  options: {
    officials: { type: 'string', default: '2000' },
    municipalities: { type: 'string', default: '2500' },
    concurrency: { type: 'string', default: '100' },
    reads: { type: 'string', default: '50' },
    db: { type: 'string' },
    soak: { type: 'string' },
    'max-seconds': { type: 'string', default: '300' },
    profile: { type: 'string' },
  },
  strict: true,
});

const number = (name: keyof typeof args, min: number) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name}: ожидается целое не меньше ${min}`);
  return n;
};
const officials = number('officials', 1);
const municipalities = number('municipalities', 1);
if (officials > municipalities)
  throw new Error('--officials: представителей не может быть больше, чем ОМСУ (--municipalities)');
const concurrency = number('concurrency', 1);
const readsPerSecond = number('reads', 1);
const maxMs = number('max-seconds', 1) * 1000;
const soakSeconds = args.soak === undefined ? null : number('soak', 10);
const databases = (args.db ?? (soakSeconds === null ? 'both' : 'sqlite')).split(',');
if (databases.some((d) => !['sqlite', 'postgres', 'both'].includes(d)))
  throw new Error('--db: sqlite, postgres или both');

const perSecond = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** CPU used so far by the database's own processes, ms by process id (PostgreSQL only). */
type DatabaseCpu = () => Promise<Map<number, number>>;

async function burst(name: string, server: RunningServer, databaseCpu?: DatabaseCpu) {
  const agent = keptAlive(concurrency);
  const readAgent = keptAlive(50);
  // Warm: the league table rendered once into the portal's cache, the code paths compiled.
  await call(readAgent, server.base, 'GET', `/rating/${LEAGUE_TABLE}`);

  const health = new Series();
  const calls = officials * 3;
  let start = performance.now();
  await runPool(calls, concurrency, start + maxMs, async () => {
    health.add(await call(agent, server.base, 'GET', '/api/health'));
  });
  const healthMs = performance.now() - start;

  const idleReads = new Series();
  const idle = readLeagueTable(server, readAgent, readsPerSecond, idleReads);
  await new Promise((r) => setTimeout(r, 5000));
  await idle.stop();
  // The logins take about as long as the server keeps an idle connection (72 s): a socket
  // kept from before them could be closed by the server just as it is reused.
  readAgent.destroy();

  const logins = new Series();
  start = performance.now();
  const sessions = await logIn(server, agent, officials, logins, {
    concurrency,
    deadline: performance.now() + maxMs,
  });
  const loginMs = performance.now() - start;

  const opens = new Series();
  const saves = new Series();
  const submits = new Series();
  const whole = new Series();
  const reads = new Series();
  const rssBefore = server.rss();
  const cpuBefore = server.cpuMs();
  const benchCpuBefore = process.cpuUsage();
  const databaseCpuBefore = await databaseCpu?.();
  const statementsBefore = await server.statementsSent();
  const burstReadAgent = keptAlive(50);
  const reading = readLeagueTable(server, burstReadAgent, readsPerSecond, reads);
  start = performance.now();
  let done = 0;
  await runPool(officials, concurrency, start + maxMs, async (o) => {
    const session = sessions[o];
    if (!session) return;
    const t = performance.now();
    if (!opens.add(await call(agent, server.base, 'GET', formPath(o), session))) return;
    const put = { ...session, body: dataSet(o) };
    if (!saves.add(await call(agent, server.base, 'PUT', formPath(o), put))) return;
    const submit = await call(agent, server.base, 'POST', `${formPath(o)}/transitions`, {
      ...session,
      body: { action: 'submit' },
    });
    if (!submits.add(submit)) return;
    whole.add({ status: 200, body: '', setCookie: [], ms: performance.now() - t });
    done += 1;
  });
  const burstMs = performance.now() - start;
  await reading.stop();
  const rssAfter = server.rss();
  const sets = Math.max(done, 1);
  const cpuPerSet = (server.cpuMs() - cpuBefore) / sets;
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const benchCpuPerSet = (benchCpu.user + benchCpu.system) / 1000 / sets;
  const databaseCpuAfter = await databaseCpu?.();
  const databaseCpuPerSet =
    databaseCpuBefore && databaseCpuAfter
      ? cpuBetween(databaseCpuBefore, databaseCpuAfter) / sets
      : 0;
  const statementsPerSet = ((await server.statementsSent()) - statementsBefore) / sets;
  const totalCpuPerSet = cpuPerSet + databaseCpuPerSet + benchCpuPerSet;
  const cores = availableParallelism();
  agent.destroy();
  burstReadAgent.destroy();

  console.log(
    `${name}: базовая линия — ${calls} запросов GET /api/health (тот же сервер, ${concurrency} одновременно): ` +
      `${perSecond(health.count, healthMs)} запросов/с, ${health.summary()}; ` +
      `таблица рейтинга на простаивающем сервере, ${readsPerSecond}/с: ${idleReads.summary()}`,
  );
  console.log(
    `${name}: вход ${logins.count} представителей: ${perSecond(logins.count, loginMs)} входов/с ` +
      `(${(loginMs / 1000).toFixed(1)} с), ${logins.summary()}`,
  );
  console.log(
    `${name}: отправлено наборов данных ${done} из ${officials} за ${(burstMs / 1000).toFixed(1)} с — ` +
      `${perSecond(done, burstMs)} наборов/с (${perSecond(3 * done, burstMs)} запросов/с, ` +
      `${((100 * (3 * done)) / (burstMs / 1000) / (health.count / (healthMs / 1000))).toFixed(0)} % от /api/health); ` +
      `набор целиком (открыть, сохранить, отправить) ${whole.summary()}; открыть форму ${opens.summary()}; ` +
      `сохранить ${saves.summary()}; отправить ${submits.summary()}; время процессора сервера ` +
      `${cpuPerSet.toFixed(2)} мс на набор (с чтениями таблицы; предел одного ядра ${perSecond(1, cpuPerSet)} наборов/с)`,
  );
  console.log(
    `${name}: на набор — запросов к базе ${statementsPerSet.toFixed(1)}; время процессора: сервер ` +
      `${cpuPerSet.toFixed(2)} мс, ${databaseCpu ? `PostgreSQL ${databaseCpuPerSet.toFixed(2)} мс, ` : ''}` +
      `нагрузка (этот процесс) ${benchCpuPerSet.toFixed(2)} мс, всего ${totalCpuPerSet.toFixed(2)} мс — ` +
      `потолок этой машины (${cores} ядра) ${perSecond(cores, totalCpuPerSet)} наборов/с`,
  );
  console.log(
    `${name}: таблица рейтинга во время отправки, ${reads.count} чтений (${readsPerSecond}/с): ${reads.summary()}; ` +
      `память сервера (RSS) ${mb(rssBefore)} → ${mb(rssAfter)} МБ`,
  );
  return { health, idleReads, logins, opens, saves, submits, reads };
}

/** The burst, then the database and the answers checked: the problems found. */
async function burstAndVerify(
  name: string,
  server: RunningServer,
  open: () => DatabaseHandle,
  databaseCpu?: DatabaseCpu,
) {
  const series = await burst(name, server, databaseCpu);
  await server.stop();
  const handle = open();
  const problems = await verifyBurst(handle.db, officials, (m, i) => enteredValue(m, i));
  await handle.close();
  const failed = Object.values(series).reduce((n, s) => n + s.count5xx(), 0);
  if (failed > 0) problems.push(`ответов 5xx или без соединения: ${failed}`);
  for (const [kind, s] of Object.entries(series))
    if (s.unexpected() > 0)
      problems.push(`${kind}: ответы ${s.statusText()}; первый: ${s.firstFailure}`);
  return problems;
}

/** One database: fresh, seeded, served, loaded, checked. */
async function measure(
  name: string,
  open: () => DatabaseHandle,
  env: Record<string, string>,
  dir: string,
  databaseCpu?: DatabaseCpu,
) {
  const handle = open();
  const seedStart = performance.now();
  await migrateToLatest(handle.db);
  await seedLoadRegion(handle.db, { municipalities, officials });
  await handle.close();
  console.log(
    `${name}: регион из ${municipalities} ОМСУ, ${INDICATORS} показателей, ${officials} представителей — ` +
      `подготовлен за ${((performance.now() - seedStart) / 1000).toFixed(1)} с`,
  );
  const server = await startServer(
    { ...env, MUNIRANK_REGION: REGION },
    join(dir, `${name}.log`),
    args.profile,
  );
  let problems: string[] = [];
  try {
    if (soakSeconds !== null)
      problems = await runSoak(name, server, open, {
        seconds: soakSeconds,
        officials,
        readsPerSecond,
        concurrency,
        maxMs,
      });
    else problems = await burstAndVerify(name, server, open, databaseCpu);
  } finally {
    await server.stop();
    const errors = server.errorLines();
    if (errors.length > 0)
      problems.push(
        `ошибок в журнале сервера: ${errors.length}; первая: ${errors[0]?.slice(0, 300)}`,
      );
  }
  console.log(
    problems.length === 0
      ? soakSeconds === null
        ? `${name}: проверка базы — каждое значение записано ровно один раз, все ${officials} форм отправлены, в журнале аудита по одной записи на вход, сохранение и отправку, ответов 5xx нет.`
        : `${name}: проверка базы — у каждого значения последнее подтверждённое сохранение, по ревизии и записи аудита на каждое сохранение, ответов 5xx нет.`
      : `${name}: ПРОВЕРКА НЕ ПРОЙДЕНА:\n  ${problems.join('\n  ')}`,
  );
  return problems.length === 0;
}

let ok = true;
if (databases.includes('sqlite') || databases.includes('both')) {
  const dir = mkdtempSync(join(tmpdir(), 'munirank-load-'));
  try {
    ok =
      (await measure(
        'SQLite',
        () => openSqlite(join(dir, 'munirank.sqlite')),
        { MUNIRANK_DATA_DIR: dir, DATABASE_URL: '' },
        dir,
      )) && ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (databases.includes('postgres') || databases.includes('both')) {
  const fresh = await freshPostgres();
  if (typeof fresh === 'string') {
    console.log(`!!! PostgreSQL недоступен (${fresh}): замер на PostgreSQL ПРОПУЩЕН.`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'munirank-load-'));
    try {
      ok =
        (await measure(
          'PostgreSQL',
          () => openPostgres(fresh.url),
          { DATABASE_URL: fresh.url },
          dir,
          () => fresh.cpuMs(),
        )) && ok;
    } finally {
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
process.exit(ok ? 0 : 1);

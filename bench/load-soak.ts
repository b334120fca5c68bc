// `npm run bench load -- --soak 600`: a moderate steady mix for N seconds — officials save
// their drafts (10 a second, each save changing every value), open their forms (10 a second),
// visitors read the league table (--reads a second) — with the server's resident memory
// sampled every 10 s. Printed: the series and the growth from the first minute's mean to the
// last minute's (halves of the run when shorter than two minutes); the goal is under 10 %.
import type { DatabaseHandle } from '../src/db/connect.js';
import { call, keptAlive, Series, steadyRate } from './load-client.js';
import { dataSet, formPath, logIn, readLeagueTable } from './load-officials.js';
import { enteredValue } from './load-seed.js';
import type { RunningServer } from './load-server.js';
import { verifySoak } from './load-verify.js';

const SAVES_PER_SECOND = 10;
const OPENINGS_PER_SECOND = 10;
const SAMPLE_MS = 10_000;
/** Officials taking part: enough that one's saves are 20 s apart. */
const SOAK_OFFICIALS = 200;

export interface SoakOptions {
  seconds: number;
  officials: number;
  readsPerSecond: number;
  concurrency: number;
  maxMs: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Growth of the RSS from the first window's mean to the last window's, in %. */
export function rssGrowth(samples: { t: number; rss: number }[], seconds: number) {
  const window = Math.min(60, seconds / 2);
  const first = samples.filter((s) => s.t <= window).map((s) => s.rss);
  const last = samples.filter((s) => s.t >= seconds - window).map((s) => s.rss);
  return {
    window,
    first: mean(first),
    last: mean(last),
    percent: (100 * (mean(last) - mean(first))) / mean(first),
  };
}

export async function runSoak(
  name: string,
  server: RunningServer,
  open: () => DatabaseHandle,
  options: SoakOptions,
): Promise<string[]> {
  const count = Math.min(options.officials, SOAK_OFFICIALS);
  const agent = keptAlive(options.concurrency);
  const logins = new Series();
  const sessions = await logIn(server, agent, count, logins, {
    concurrency: options.concurrency,
    deadline: performance.now() + options.maxMs,
  });
  const saves = new Series();
  const opens = new Series();
  const reads = new Series();
  const acknowledged = new Array<number>(count).fill(0);
  const inFlight = new Set<number>();
  let nextSave = 0;
  let nextOpen = 0;
  const saving = steadyRate(SAVES_PER_SECOND, async () => {
    const o = nextSave;
    nextSave = (nextSave + 1) % count;
    const session = sessions[o];
    // An official waits for a save to answer before saving again.
    if (!session || inFlight.has(o)) return;
    inFlight.add(o);
    const body = dataSet(o, acknowledged[o]);
    if (saves.add(await call(agent, server.base, 'PUT', formPath(o), { ...session, body })))
      acknowledged[o] = (acknowledged[o] as number) + 1;
    inFlight.delete(o);
  });
  const opening = steadyRate(OPENINGS_PER_SECOND, async () => {
    const o = nextOpen;
    nextOpen = (nextOpen + 1) % count;
    const session = sessions[o];
    if (session) opens.add(await call(agent, server.base, 'GET', formPath(o), session));
  });
  const readAgent = keptAlive(50);
  const reading = readLeagueTable(server, readAgent, options.readsPerSecond, reads);

  const samples = [{ t: 0, rss: server.rss() }];
  const start = performance.now();
  while (samples.length * SAMPLE_MS <= options.seconds * 1000) {
    await new Promise((r) =>
      setTimeout(r, Math.max(0, start + samples.length * SAMPLE_MS - performance.now())),
    );
    samples.push({ t: samples.length * (SAMPLE_MS / 1000), rss: server.rss() });
  }
  await Promise.all([saving.stop(), opening.stop(), reading.stop()]);
  agent.destroy();
  readAgent.destroy();
  await server.stop();

  const growth = rssGrowth(samples, options.seconds);
  console.log(
    `${name}: выдержка ${options.seconds} с — ${count} представителей; сохранений ${saves.count} ` +
      `(${SAVES_PER_SECOND}/с): ${saves.summary()}; открытий формы ${opens.count} (${OPENINGS_PER_SECOND}/с): ` +
      `${opens.summary()}; чтений таблицы рейтинга ${reads.count} (${options.readsPerSecond}/с): ${reads.summary()}`,
  );
  console.log(
    `${name}: память сервера (RSS, МБ) каждые 10 с: ${samples.map((s) => mb(s.rss)).join(' ')}`,
  );
  console.log(
    `${name}: рост RSS от среднего за первые ${growth.window} с (${mb(growth.first)} МБ) к среднему за последние ` +
      `${growth.window} с (${mb(growth.last)} МБ): ${growth.percent.toFixed(1)} % (цель — меньше 10 %)`,
  );

  const handle = open();
  const problems = await verifySoak(handle.db, acknowledged, (m, i) =>
    enteredValue(m, i, (acknowledged[m] as number) - 1),
  );
  await handle.close();
  for (const [kind, s] of Object.entries({ logins, saves, opens, reads }))
    if (s.unexpected() > 0)
      problems.push(`${kind}: ответы ${s.statusText()}; первый: ${s.firstFailure}`);
  return problems;
}

// One measurement of `npm run bench plan-month`, run by plan-month-bench.ts in a node process
// started with munirank's own flags on the compiled code in dist/ — as the server, the CLI and
// documents compute Table 2, without tsx and its loader in the process. Opens the seeded
// SQLite file, times Table 2 for December and the baseline read RUNS times each after one
// warm-up, and prints the medians of wall and processor time as JSON.
const [file, regionId, monthlyId, runs] = process.argv
  .slice(2)
  .map((a, i) => (i === 0 ? a : Number(a)));
const dist = new URL('../dist/', import.meta.url);
const { openSqlite } = await import(new URL('db/connect.js', dist).href);
const { findObservationValues } = await import(
  new URL('db/repositories/observation-repository.js', dist).href
);
const { computePlanMonth } = await import(
  new URL('server/features/plans/plan-month-service.js', dist).href
);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Median wall time of the runs, and median processor time of the process over them (its
 * threads' together, the collector's included): on a machine shared with other work the wall
 * time waits for a core, the processor time much less.
 */
async function time(run) {
  const walls = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run();
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const year = Array.from({ length: 12 }, (_, i) => `2017-${String(i + 1).padStart(2, '0')}`);
const handle = openSqlite(file);
try {
  const query = { indicatorCode: 'esia_total', month: '2017-12' };
  const report = await computePlanMonth(handle.db, regionId, query);
  const table2 = await time(() => computePlanMonth(handle.db, regionId, query));
  const baseline = await time(() => findObservationValues(handle.db, monthlyId, year));
  console.log(JSON.stringify({ rows: report.rows.length, table2, baseline }));
} finally {
  await handle.close();
}

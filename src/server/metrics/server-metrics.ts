import { Counter, Gauge, Histogram, renderMetrics } from './prometheus-registry.js';

/**
 * The metrics of this server process, shared by every part that counts something (one
 * process, one set of counters, as Prometheus expects of a scrape target).
 */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequestDuration = new Histogram(
  'munirank_http_request_duration_seconds',
  'Время ответа на HTTP-запрос по маршруту, методу и коду ответа.',
  SECONDS,
);

export const importJobsStarted = new Counter(
  'munirank_import_jobs_started_total',
  'Запущенные задания импорта по режиму (preview, commit).',
);

export const importJobsFinished = new Counter(
  'munirank_import_jobs_finished_total',
  'Завершённые задания импорта по режиму и итогу (succeeded, rejected, failed).',
);

export const importJobDuration = new Histogram(
  'munirank_import_job_duration_seconds',
  'Длительность заданий импорта по режиму.',
  [...SECONDS, 60, 120, 300],
);

export const ratingComputations = new Counter(
  'munirank_rating_computations_total',
  'Расчёты рейтинга, сохранённые снимком, по итогу (stored, failed).',
);

export const ratingComputationDuration = new Histogram(
  'munirank_rating_computation_duration_seconds',
  'Длительность расчёта рейтинга со снимком.',
  SECONDS,
);

/** Connections of a database pool (PostgreSQL); SQLite has one connection and no pool. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * The metrics text of this process; `pool` reads the database pool when there is one,
 * `statementsSent` the statements sent to the database so far.
 */
export function processMetricsText(
  pool?: () => PoolStats | null,
  statementsSent?: () => number,
): string {
  const running = new Gauge(
    'munirank_import_jobs_running',
    'Задания импорта, выполняющиеся сейчас.',
    () => {
      const modes = ['preview', 'commit'];
      return modes.map((mode) => ({
        labels: { mode },
        value:
          importJobsStarted.value({ mode }) -
          ['succeeded', 'rejected', 'failed'].reduce(
            (s, state) => s + importJobsFinished.value({ mode, state }),
            0,
          ),
      }));
    },
  );
  const connections = new Gauge(
    'munirank_db_pool_connections',
    'Соединения пула базы данных: открытые (total), свободные (idle), ожидающие запросы (waiting).',
    () => {
      const stats = pool?.();
      return stats
        ? (['total', 'idle', 'waiting'] as const).map((state) => ({
            labels: { state },
            value: stats[state],
          }))
        : [];
    },
  );
  const statements = new Counter(
    'munirank_db_statements_total',
    'Запросы к базе данных с запуска процесса, включая BEGIN и COMMIT.',
  );
  if (statementsSent) statements.inc({}, statementsSent());
  const memory = new Gauge(
    'munirank_process_resident_memory_bytes',
    'Резидентная память процесса.',
    () => [{ value: process.memoryUsage().rss }],
  );
  return renderMetrics([
    httpRequestDuration,
    importJobsStarted,
    importJobsFinished,
    running,
    importJobDuration,
    ratingComputations,
    ratingComputationDuration,
    connections,
    statements,
    memory,
  ]);
}

import type { ImportJobStatus } from '../../../src/domain/import-job.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';

/** Where an import is: sending the file, then the server's phase with its percentage. */
export type ImportProgressState =
  | { stage: 'preparing' }
  | { stage: 'upload'; sent: number }
  | { stage: 'job'; status: ImportJobStatus };

function describeProgress(state: ImportProgressState): { label: string; percent: number | null } {
  switch (state.stage) {
    case 'preparing':
      return { label: 'Подготовка файла', percent: null };
    case 'upload': {
      const percent = Math.round(state.sent * 100);
      return { label: 'Передача файла', percent };
    }
    case 'job': {
      const { phase, percent, done, total } = state.status;
      if (phase === null) return { label: 'Задание ожидает запуска', percent: null };
      // Reading counts bytes; the other phases count rows and values, worth showing.
      const counts =
        phase === 'чтение' || total === 0
          ? ''
          : ` (${formatNumberRu(done, 0)} из ${formatNumberRu(total, 0)})`;
      return { label: `${phase[0]?.toUpperCase()}${phase.slice(1)}${counts}`, percent };
    }
  }
}

/** A progress bar with the phase in words and the percentage of it done. */
export function ImportJobProgress({ state }: { state: ImportProgressState }) {
  const { label, percent } = describeProgress(state);
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <span data-testid="import-progress-label">
        {percent === null ? `${label}…` : `${label}: ${percent} %`}
      </span>
      <progress max={100} value={percent ?? undefined} aria-label={label} />
    </div>
  );
}

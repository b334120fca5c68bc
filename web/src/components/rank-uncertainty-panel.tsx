import { type FormEvent, useState } from 'react';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import type {
  UncertaintyLine,
  UncertaintyResult,
} from '../../../src/server/features/rating/uncertainty-schemas.js';
import { postNdjson } from '../api/post-ndjson.js';
import { RankBandTable } from './rank-band-table.js';

interface Progress {
  done: number;
  total: number;
}

function Settings({ result }: { result: UncertaintyResult }) {
  const s = result.settings;
  return (
    <p data-testid="uncertainty-settings">
      Испытаний: {formatNumberRu(s.draws, 0)}, начальное значение генератора {s.seed}, разброс весов
      ±{formatNumberRu(s.noise * 100, 0)} %,{' '}
      {s.alternatives
        ? 'с альтернативными нормировками и агрегированием'
        : 'только возмущение весов'}
      ; потоков: {s.workers}; расчёт занял {formatNumberRu(result.seconds, 1)} с.
    </p>
  );
}

/**
 * «Неопределённость мест»: Monte Carlo over the weights (and, optionally, the normalisation and
 * aggregation) of a computed snapshot, on the server's worker threads, with a progress bar.
 */
export function RankUncertaintyPanel({ snapshotCode }: { snapshotCode: string }) {
  const [draws, setDraws] = useState('1000');
  const [seed, setSeed] = useState('42');
  const [noise, setNoise] = useState('0,25');
  const [alternatives, setAlternatives] = useState(true);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<UncertaintyResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setResult(null);
    setProgress({ done: 0, total: Number(draws) });
    try {
      await postNdjson<UncertaintyLine>(
        `/api/ratings/${encodeURIComponent(snapshotCode)}/uncertainty`,
        {
          draws: Number(draws),
          seed: Number(seed),
          noise: Number(noise.replace(',', '.')),
          alternatives,
        },
        (line) => {
          if ('progress' in line) setProgress(line.progress);
          else if ('result' in line) setResult(line.result);
          else setProblem(line.error.message);
        },
      );
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setProgress(null);
    }
  };
  const percent = progress && progress.total > 0 ? (progress.done / progress.total) * 100 : 0;

  return (
    <section
      className="uncertainty"
      aria-labelledby="uncertainty-title"
      data-testid="uncertainty-panel"
    >
      <h2 id="uncertainty-title">Неопределённость мест (Монте-Карло)</h2>
      <p className="hint">
        Места пересчитываются заново много раз по методике и исходным данным этого снимка: в каждом
        испытании веса случайно меняются в пределах заданного разброса, а при включённых
        альтернативах ещё и нормировка со способом агрегирования. Медиана — типичное место ОМСУ,
        диапазон 5–95 % — места, которые ОМСУ занимало в 90 % испытаний. Узкий диапазон значит, что
        место устойчиво к спорным решениям методики; широкий — что соседние места различаются скорее
        методикой, чем данными. Тот же seed даёт тот же результат. Снимок не меняется.
      </p>
      <form
        className="form rating-form uncertainty-form"
        onSubmit={start}
        data-testid="uncertainty-form"
      >
        <label>
          Число испытаний (1–10 000)
          <input
            type="number"
            min={1}
            max={10000}
            step={1}
            required
            value={draws}
            onChange={(e) => setDraws(e.target.value)}
            data-testid="uncertainty-draws"
          />
        </label>
        <label>
          Начальное значение генератора (seed)
          <input
            type="number"
            min={0}
            step={1}
            required
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            data-testid="uncertainty-seed"
          />
        </label>
        <label>
          Разброс весов ε (0–0,9): вес × случайное от 1 − ε до 1 + ε
          {/* Text, not a number field: Chromium shows a number field's value with the
              browser's decimal point, and the form speaks Russian (0,25). */}
          <input
            inputMode="decimal"
            pattern="0*([.,][0-9]*)?"
            required
            value={noise}
            onChange={(e) => setNoise(e.target.value)}
            data-testid="uncertainty-noise"
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={alternatives}
            onChange={(e) => setAlternatives(e.target.checked)}
            data-testid="uncertainty-alternatives"
          />{' '}
          Менять также нормировку и способ агрегирования
        </label>
        <button type="submit" className="button" disabled={progress !== null}>
          {progress ? 'Идёт расчёт…' : 'Оценить неопределённость'}
        </button>
      </form>
      {progress ? (
        <div className="uncertainty-progress" role="status" data-testid="uncertainty-progress">
          <progress max={100} value={percent} aria-label="Ход расчёта" />
          <span>
            {formatNumberRu(Math.floor(percent), 0)} % — испытаний {progress.done} из{' '}
            {progress.total}
          </span>
        </div>
      ) : null}
      {problem ? (
        <p className="status status--error" role="alert" data-testid="uncertainty-error">
          {problem}
        </p>
      ) : null}
      {result ? (
        <div data-testid="uncertainty-result">
          <Settings result={result} />
          <RankBandTable result={result} />
        </div>
      ) : null}
    </section>
  );
}

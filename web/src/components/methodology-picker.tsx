import { type ChangeEvent, useId, useState } from 'react';
import type {
  MethodologyChoice,
  StoredMethodology,
} from '../../../src/server/features/rating/rating-schemas.js';

/** A methodology chosen for a computation: a stored version or a JSON file from the computer. */
export type PickedMethodology =
  | { source: 'stored'; stored: StoredMethodology }
  /** Whichever version of `code` is in force for the computed period (chosen by the server). */
  | { source: 'in-force'; code: string }
  | { source: 'file'; fileName: string; definition: Record<string, unknown> };

const FROM_FILE = 'file';
const keyOf = (m: StoredMethodology) => `${m.code}@${m.version}`;
const IN_FORCE = 'in-force:';

/** The methodology document itself, as POST /api/ratings takes it. */
export const methodologyDocument = (p: PickedMethodology): Record<string, unknown> =>
  p.source === 'stored'
    ? (p.stored.definition as Record<string, unknown>)
    : p.source === 'in-force'
      ? { code: p.code }
      : p.definition;

/** A stored methodology by code and version, or the document, as the simulator takes it. */
export const methodologyChoice = (p: PickedMethodology): MethodologyChoice =>
  p.source === 'stored'
    ? { code: p.stored.code, version: p.stored.version }
    : p.source === 'in-force'
      ? { code: p.code }
      : { definition: p.definition };

/** The methodology's own code (for a suggested snapshot code), if it has one. */
export const methodologyCode = (p: PickedMethodology): string | null => {
  const code =
    p.source === 'stored' ? p.stored.code : p.source === 'in-force' ? p.code : p.definition.code;
  return typeof code === 'string' ? code : null;
};

/** What the picker shows first: the given methodology, else the first stored one. */
export function defaultPick(
  stored: readonly StoredMethodology[],
  initial?: StoredMethodology,
): PickedMethodology | null {
  const m = initial ?? stored[0];
  return m ? { source: 'stored', stored: m } : null;
}

interface MethodologyPickerProps {
  label: string;
  stored: readonly StoredMethodology[];
  /** Pre-selected stored methodology (e.g. the one of the snapshot being corrected). */
  initial?: StoredMethodology | undefined;
  onChange: (picked: PickedMethodology | null) => void;
  testId: string;
  /** Offer each methodology's version in force for the period (computations only). */
  offerInForce?: boolean;
}

/**
 * Chooses a stored methodology version or reads one from a JSON file (the shipped examples
 * are in `methodologies/`); the server validates the document and names every error.
 */
export function MethodologyPicker({
  label,
  stored,
  initial,
  onChange,
  testId,
  offerInForce = false,
}: MethodologyPickerProps) {
  const id = useId();
  const first = defaultPick(stored, initial);
  const [mode, setMode] = useState(first?.source === 'stored' ? keyOf(first.stored) : FROM_FILE);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value;
    setMode(next);
    setFileProblem(null);
    const m = stored.find((s) => keyOf(s) === next);
    if (next.startsWith(IN_FORCE))
      onChange({ source: 'in-force', code: next.slice(IN_FORCE.length) });
    else onChange(m ? { source: 'stored', stored: m } : null);
  };
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileProblem(null);
    if (!file) return onChange(null);
    try {
      const definition = JSON.parse((await file.text()).replace(/^\uFEFF/, '')) as unknown;
      if (typeof definition !== 'object' || definition === null || Array.isArray(definition))
        throw new Error('ожидается объект JSON с методикой');
      onChange({
        source: 'file',
        fileName: file.name,
        definition: definition as Record<string, unknown>,
      });
    } catch (error) {
      setFileProblem(
        `Файл «${file.name}» не прочитан: ${error instanceof Error ? error.message : error}`,
      );
      onChange(null);
    }
  };
  return (
    <div className="methodology-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={mode} onChange={choose} data-testid={testId}>
        {offerInForce
          ? [...new Set(stored.map((m) => m.code))].map((code) => (
              <option key={IN_FORCE + code} value={IN_FORCE + code}>
                {code}: версия, действующая в периоде расчёта
              </option>
            ))
          : null}
        {stored.map((m) => (
          <option key={keyOf(m)} value={keyOf(m)}>
            {m.title} ({m.code}, версия {m.version})
          </option>
        ))}
        <option value={FROM_FILE}>Загрузить из файла JSON…</option>
      </select>
      {mode === FROM_FILE ? (
        <label className="methodology-picker__file">
          Файл методики (JSON)
          <input
            type="file"
            accept=".json,application/json"
            onChange={readFile}
            data-testid={`${testId}-file`}
          />
        </label>
      ) : null}
      {fileProblem ? (
        <p className="status status--error" role="alert">
          {fileProblem}
        </p>
      ) : null}
    </div>
  );
}

import {
  MUNICIPALITY_KIND_LABELS,
  MUNICIPALITY_KINDS,
  type MunicipalityKind,
} from '../../../src/domain/municipality.js';

/** A labelled choice of the municipality's kind. */
export function RegistryKindSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: MunicipalityKind;
  onChange: (kind: MunicipalityKind) => void;
}) {
  return (
    <>
      <label htmlFor={id}>Вид</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as MunicipalityKind)}>
        {MUNICIPALITY_KINDS.map((k) => (
          <option key={k} value={k}>
            {MUNICIPALITY_KIND_LABELS[k]}
          </option>
        ))}
      </select>
    </>
  );
}

/** «a; b» as typed in an alias field → the list the API takes. */
export const splitList = (text: string): string[] =>
  text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Runs a registry change; the server's Russian refusal (naming the field) is shown as it is. */
export async function attempt(
  run: () => Promise<string>,
  onDone: (message: string) => void,
  onError: (message: string) => void,
): Promise<void> {
  onError('');
  try {
    onDone(await run());
  } catch (e) {
    onError(e instanceof Error ? e.message : String(e));
  }
}

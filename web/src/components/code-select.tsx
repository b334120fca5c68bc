import { useId } from 'react';

export interface CodeOption {
  code: string;
  label: string;
}

interface CodeSelectProps {
  label: string;
  options: CodeOption[];
  value: string;
  onChange: (code: string) => void;
  testId: string;
}

/** Picks one published document (a rating snapshot, a plan report) by its code. */
export function CodeSelect({ label, options, value, onChange, testId }: CodeSelectProps) {
  const id = useId();
  // A code typed into the URL that the list does not know still shows as selected.
  const known = options.some((o) => o.code === value);
  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      >
        {known ? null : <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

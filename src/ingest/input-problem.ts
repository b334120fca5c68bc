/** A problem in an input file, located as precisely as the input allows. */
export interface InputProblem {
  file: string;
  /** 1-based line or row number in the file; null for a problem with the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
}

export function describeProblem(p: InputProblem): string {
  const where = [
    p.file,
    p.row === null ? null : `строка ${p.row}`,
    p.column === null ? null : `графа «${p.column}»`,
  ]
    .filter((part) => part !== null)
    .join(', ');
  return `${where}: ${p.message}`;
}

/** Thrown when an input cannot be accepted; carries every problem found, not only the first. */
export class InputError extends Error {
  readonly problems: InputProblem[];

  constructor(problems: InputProblem[]) {
    super(problems.map(describeProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}

import { type FieldProblems, problemIdOf } from './methodology-draft.js';

/** `aria-describedby` for the input of a field: its message's id while there is one. */
export const describedBy = (problems: FieldProblems, path: string): string | undefined =>
  problems.has(path) ? problemIdOf(path) : undefined;

/** The server's message about one field, shown beside it (inputs point at it with `describedBy`). */
export function FieldProblem({ problems, path }: { problems: FieldProblems; path: string }) {
  const message = problems.get(path);
  if (!message) return null;
  return (
    <span
      className="field-problem"
      role="alert"
      id={problemIdOf(path)}
      data-testid="field-problem"
      data-path={path}
    >
      {message}
    </span>
  );
}

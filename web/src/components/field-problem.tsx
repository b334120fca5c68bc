import type { FieldProblems } from './methodology-draft.js';

/** The server's message about one field, shown beside it. */
export function FieldProblem({ problems, path }: { problems: FieldProblems; path: string }) {
  const message = problems.get(path);
  if (!message) return null;
  return (
    <span className="field-problem" role="alert" data-testid="field-problem" data-path={path}>
      {message}
    </span>
  );
}

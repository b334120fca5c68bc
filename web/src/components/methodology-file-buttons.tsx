import { useState } from 'react';
import type { Draft } from './methodology-draft.js';

/**
 * Export the draft as the JSON format (docs/methodology-format.md) and import one: the file
 * replaces the draft, which the server checks in the preview as any edit.
 */
export function MethodologyFileButtons({
  code,
  draft,
  onImport,
}: {
  code: string;
  draft: Draft;
  onImport: (draft: Draft) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const download = () => {
    const blob = new Blob([`${JSON.stringify(draft, null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${code}-черновик.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      const parsed: unknown = JSON.parse(await file.text());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('в файле не объект методики');
      setProblem(null);
      onImport(parsed as Draft);
    } catch (error) {
      setProblem(
        `Файл «${file.name}» не прочитан как методика JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  return (
    <p className="methodology-files">
      <button type="button" className="button button--secondary" onClick={download}>
        Выгрузить черновик (JSON)
      </button>{' '}
      <label>
        Загрузить из файла JSON{' '}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="methodology-upload"
          onChange={(e) => upload(e.target.files?.[0])}
        />
      </label>
      {problem ? (
        <span className="status status--error" role="alert">
          {problem}
        </span>
      ) : null}
    </p>
  );
}

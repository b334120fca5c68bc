import type { SourceReference } from '../../../src/domain/source-reference.js';

/** Where the published figures come from, so a reader can check them against the original. */
export function SourceDetails({ source }: { source: SourceReference }) {
  return (
    <div className="source" data-testid="source">
      <p>
        <span className="source__label">Источник: </span>
        {source.document}
        {source.table ? `, ${source.table}` : null}
      </p>
      {source.note ? <p className="source__note">{source.note}</p> : null}
    </div>
  );
}

const LABELS = { xlsx: 'XLSX', csv: 'CSV', pdf: 'PDF' } as const;
export type DownloadFormat = keyof typeof LABELS;

/**
 * «Скачать: XLSX · CSV · PDF» — a table's files, each a plain link that the browser downloads
 * (the session cookie goes with it). `query` holds the table's filters, without `format`.
 */
export function DownloadLinks({
  url,
  query = '',
  formats,
  label = 'Скачать',
  testId,
}: {
  url: string;
  query?: string;
  formats: DownloadFormat[];
  label?: string;
  testId?: string;
}) {
  const join = query === '' ? '?' : `${query.startsWith('?') ? query : `?${query}`}&`;
  return (
    <p className="download-links" data-testid={testId}>
      {label}:{' '}
      {formats.map((f, i) => (
        <span key={f}>
          {i > 0 ? ' · ' : null}
          <a href={`${url}${join}format=${f}`} download>
            {LABELS[f]}
          </a>
        </span>
      ))}
    </p>
  );
}

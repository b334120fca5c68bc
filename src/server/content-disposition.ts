/**
 * `Content-Disposition: attachment` with a plain ASCII fallback name and the real name in
 * RFC 5987 encoding (`filename*=UTF-8''…`), so Cyrillic names survive and nothing breaks out
 * of the header.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

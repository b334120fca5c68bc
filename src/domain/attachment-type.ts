/** The kinds of attachment a measure report accepts, recognised by their first bytes. */
export type AttachmentKind = 'pdf' | 'png' | 'jpg' | 'docx' | 'xlsx';

export const ATTACHMENT_CONTENT_TYPES: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** Names of the entries in a ZIP archive's central directory; null if it cannot be read. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  // End of central directory: 22 bytes plus a comment of up to 65 535 bytes, at the end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** What the file really is by its content (never by its name); null if not an accepted kind. */
export function detectAttachmentKind(bytes: Uint8Array): AttachmentKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes) ?? [];
    if (names.some((n) => n.startsWith('word/'))) return 'docx';
    if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  }
  return null;
}

/** The extension a file name carries, lower case, without the dot (`jpeg` counts as `jpg`). */
export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName);
  const ext = match?.[1]?.toLowerCase() ?? '';
  return ext === 'jpeg' ? 'jpg' : ext;
}

/**
 * Why a file cannot be attached, in Russian and naming the file, or null if it can: an accepted
 * kind by content, an extension that agrees with the content, and at most 10 MB.
 */
export function attachmentProblem(fileName: string, bytes: Uint8Array): string | null {
  if (bytes.length === 0) return `Файл «${fileName}» пуст.`;
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    return `Файл «${fileName}» больше 10 МБ (${(bytes.length / 1024 / 1024).toFixed(1).replace('.', ',')} МБ): приложите файл меньшего размера.`;
  const kind = detectAttachmentKind(bytes);
  if (kind === null)
    return `Файл «${fileName}» не принят: по содержимому это не PDF, DOCX, XLSX, JPG или PNG.`;
  if (extensionOf(fileName) !== kind)
    return `Файл «${fileName}» не принят: по содержимому это ${kind.toUpperCase()}, а расширение имени — другое. Допустимы PDF, DOCX, XLSX, JPG и PNG.`;
  return null;
}

/** A file name safe to store and show: no folders, control characters or overlong names. */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean === '' ? 'файл' : clean).slice(-200);
}

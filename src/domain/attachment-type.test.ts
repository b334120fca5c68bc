import { describe, expect, it } from 'vitest';
import { attachmentProblem, cleanFileName, detectAttachmentKind } from './attachment-type.js';

const enc = new TextEncoder();

/** A ZIP with stored (empty) entries: local headers, central directory, end record. */
function zipWith(names: string[]): Uint8Array {
  const parts: number[] = [];
  const central: number[] = [];
  const le = (n: number, bytes: number) =>
    Array.from({ length: bytes }, (_, i) => (n >>> (8 * i)) & 0xff);
  for (const name of names) {
    const nameBytes = [...enc.encode(name)];
    const offset = parts.length;
    parts.push(...le(0x04034b50, 4), ...new Array(22).fill(0), ...le(nameBytes.length, 2), 0, 0);
    parts.push(...nameBytes);
    central.push(...le(0x02014b50, 4), ...new Array(24).fill(0), ...le(nameBytes.length, 2));
    central.push(...new Array(12).fill(0), ...le(offset, 4), ...nameBytes);
  }
  const start = parts.length;
  const end = [
    ...le(0x06054b50, 4),
    0,
    0,
    0,
    0,
    ...le(names.length, 2),
    ...le(names.length, 2),
    ...le(central.length, 4),
    ...le(start, 4),
    0,
    0,
  ];
  return new Uint8Array([...parts, ...central, ...end]);
}

describe('attachment type by content', () => {
  it('tells DOCX from XLSX by the ZIP central directory', () => {
    expect(detectAttachmentKind(zipWith(['[Content_Types].xml', 'word/document.xml']))).toBe(
      'docx',
    );
    expect(detectAttachmentKind(zipWith(['[Content_Types].xml', 'xl/workbook.xml']))).toBe('xlsx');
    expect(detectAttachmentKind(zipWith(['readme.txt']))).toBeNull();
  });

  it('recognises PDF, PNG and JPEG signatures and nothing else', () => {
    expect(detectAttachmentKind(enc.encode('%PDF-1.7\n'))).toBe('pdf');
    expect(detectAttachmentKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]))).toBe(
      'png',
    );
    expect(detectAttachmentKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(detectAttachmentKind(enc.encode('MZ\x90\x00'))).toBeNull();
  });

  it('names the file in every refusal', () => {
    expect(attachmentProblem('скан.jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
    expect(attachmentProblem('план.xlsx', zipWith(['word/document.xml']))).toBe(
      'Файл «план.xlsx» не принят: по содержимому это DOCX, а расширение имени — другое. Допустимы PDF, DOCX, XLSX, JPG и PNG.',
    );
    expect(attachmentProblem('пусто.pdf', new Uint8Array())).toBe('Файл «пусто.pdf» пуст.');
  });

  it('keeps only the base name without control characters or quotes', () => {
    expect(cleanFileName('C:\\Users\\x\\"отчёт"\n.pdf')).toBe('отчёт.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
  });
});

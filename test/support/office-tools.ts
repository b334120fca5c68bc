import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const found = (command: string, args: string[]) =>
  spawnSync(command, args, { stdio: 'ignore' }).error === undefined;

/** Which of the programs that open exported documents are missing (LibreOffice, pdftotext). */
export function missingOfficeTools(): string[] {
  return [
    ...(found('soffice', ['--version']) ? [] : ['LibreOffice (soffice)']),
    ...(found('pdftotext', ['-v']) ? [] : ['pdftotext (poppler-utils)']),
  ];
}

/** The text layer of a PDF as `pdftotext -layout` reads it. */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'munirank-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`pdftotext: ${result.stderr}`);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opens a document (XLSX, DOCX) in a real LibreOffice as a Russian user would (locale
 * ru-RU: decimal comma, space between thousands), converts it to PDF and returns that PDF.
 * Each call has a profile of its own, so that parallel test files do not share one.
 */
export function convertWithLibreOffice(bytes: Buffer, extension: 'xlsx' | 'docx'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'munirank-office-'));
  try {
    const file = join(dir, `document.${extension}`);
    writeFileSync(file, bytes);
    const result = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, LANG: 'ru_RU.UTF-8', LC_ALL: 'ru_RU.UTF-8' },
        timeout: 120_000,
      },
    );
    if (result.status !== 0) throw new Error(`LibreOffice: ${result.stderr}`);
    return readFileSync(join(dir, 'document.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text a reader sees, with every run of spaces (no-break ones too) made one space. */
export const squeeze = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');

import PDFDocument from 'pdfkit';
import { pdfFonts } from './pdf-fonts.js';
import { cellText, columnWidth, type Tabular } from './tabular.js';

export type Pdf = InstanceType<typeof PDFDocument>;

const MARGIN = 36;
const PADDING = 3;

/** A new A4 document with DejaVu Sans registered as «body» and «bold». */
export function newPdf(layout: 'portrait' | 'landscape', title: string): Pdf {
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin: MARGIN,
    bufferPages: true,
    info: { Title: title, Creator: 'munirank', Producer: 'munirank' },
    lang: 'ru-RU',
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('body');
  return doc;
}

/** Numbers every page «Страница N из M» at the bottom and returns the finished file's bytes. */
export function finishPdf(doc: Pdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#555555')
      .text(`Страница ${i + 1} из ${range.count}`, MARGIN, doc.page.height - MARGIN + 10, {
        width: doc.page.width - 2 * MARGIN,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/**
 * Draws `table` from the current position: its title, a header repeated on every page, rows
 * with borders, numbers right-aligned as Russian documents print them, then its notes.
 */
export function drawTable(doc: Pdf, table: Tabular, preferredFontSize = 8): void {
  const left = doc.page.margins.left;
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const texts = table.rows.map((row, index) =>
    table.columns.map((c, i) => cellText(row[i] ?? null, c, index)),
  );
  // Columns no narrower than their longest header word and their longest number (which must
  // not wrap); the rest of the width shared out as the columns' character widths ask. A table
  // too wide for the page is set in a smaller type, down to 6 pt.
  const minimumWidths = (size: number) =>
    table.columns.map((c, i) => {
      doc.font('bold').fontSize(size);
      // With the space after it: pdfkit splits a word whose width and space overflow the line.
      const word = Math.max(...c.title.split(/\s+/).map((w) => doc.widthOfString(`${w} `)));
      doc.font('body').fontSize(size);
      // A number whole; text by its longest word.
      const cells = texts.map((r) => r[i] ?? '');
      const pieces = c.decimals === undefined ? cells.flatMap((t) => t.split(/\s+/)) : cells;
      const content = Math.max(0, ...pieces.map((t) => doc.widthOfString(`${t} `)));
      return Math.max(word, content) + 2 * PADDING + 1;
    });
  let fontSize = preferredFontSize;
  let minimum = minimumWidths(fontSize);
  while (minimum.reduce((a, b) => a + b, 0) > usable && fontSize > 6) {
    fontSize -= 0.5;
    minimum = minimumWidths(fontSize);
  }
  const chars = table.columns.map((_, i) => columnWidth(table, i));
  const spare = Math.max(0, usable - minimum.reduce((a, b) => a + b, 0));
  const totalChars = chars.reduce((a, b) => a + b, 0);
  const widths = minimum.map((m, i) => m + (spare * (chars[i] ?? 0)) / totalChars);
  const bottom = () => doc.page.height - doc.page.margins.bottom - 12;

  doc
    .font('bold')
    .fontSize(fontSize + 3)
    .fillColor('black');
  doc.text(table.title, left, doc.y, { width: usable });
  doc.moveDown(0.4);

  // A number never wraps (its column is as wide as the widest): one line, not measured.
  const numeric = table.columns.map((c) => c.decimals !== undefined);
  const rowHeight = (cells: string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(fontSize);
    const line = doc.currentLineHeight(true);
    return (
      Math.max(
        ...cells.map((c, i) =>
          font === 'body' && numeric[i]
            ? line
            : doc.heightOfString(c, { width: (widths[i] ?? 0) - 2 * PADDING }),
        ),
      ) +
      2 * PADDING
    );
  };
  const drawRow = (cells: string[], font: 'body' | 'bold', header: boolean) => {
    const height = rowHeight(cells, font);
    const y = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      const width = widths[i] ?? 0;
      if (header) doc.rect(x, y, width, height).fillAndStroke('#E8EEF4', '#808080');
      else doc.rect(x, y, width, height).lineWidth(0.5).stroke('#808080');
      const numeric = !header && table.columns[i]?.decimals !== undefined;
      doc
        .font(font)
        .fontSize(fontSize)
        .fillColor('black')
        .text(text, x + PADDING, y + PADDING, {
          width: width - 2 * PADDING,
          align: header ? 'center' : numeric ? 'right' : 'left',
        });
      x += width;
    });
    doc.x = left;
    doc.y = y + height;
  };

  const header = table.columns.map((c) => c.title);
  if (doc.y + rowHeight(header, 'bold') * 2 > bottom()) doc.addPage();
  drawRow(header, 'bold', true);
  for (const cells of texts) {
    if (doc.y + rowHeight(cells, 'body') > bottom()) {
      doc.addPage();
      drawRow(header, 'bold', true);
    }
    drawRow(cells, 'body', false);
  }
  doc.moveDown(0.5);
  for (const note of table.notes ?? []) {
    doc
      .font('body')
      .fontSize(fontSize - 1)
      .fillColor('#333333');
    doc.text(note, left, doc.y, { width: usable });
  }
  doc.fillColor('black');
}

/** Tables on A4 landscape, each from a new page, as the bytes of a PDF file. */
export async function tabularPdf(tables: Tabular[], title: string): Promise<Buffer> {
  const doc = newPdf('landscape', title);
  tables.forEach((table, i) => {
    if (i > 0) doc.addPage();
    drawTable(doc, table);
  });
  return finishPdf(doc);
}

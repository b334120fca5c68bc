import PDFDocument from 'pdfkit';
import { pdfFonts } from './pdf-fonts.js';
import { cellText, columnWidth, type Tabular } from './tabular.js';

export type Pdf = InstanceType<typeof PDFDocument>;

const MARGIN = 36;
const PADDING = 3;

/**
 * pdfkit keeps the glyph layout of every distinct word it has set for the life of the
 * document, and a table's figures are nearly all distinct (a no-break space makes
 * «1 234,50 %» one word): a long table drops them after each column measured and each page.
 */
function forgetLayouts(doc: Pdf): void {
  const fonts = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })
    ._fontFamilies;
  for (const font of Object.values(fonts ?? {}))
    if (font.layoutCache) font.layoutCache = Object.create(null);
}

/**
 * Characters of a printed figure («−1 234,50 %», «—»): DejaVu Sans kerns none of them, so the
 * width of a figure is the sum of its characters' widths — no glyph layout per cell.
 */
const FIGURE = /^[0-9 \u00a0\u202f,%\u2014-]*$/;

/** Widths of text at 1 pt in the current font: figures summed from cached characters. */
function unitWidths(doc: Pdf) {
  const characters = new Map<string, number>();
  return (text: string): number => {
    if (!FIGURE.test(text)) return doc.widthOfString(text);
    let width = 0;
    for (const c of text) {
      let w = characters.get(c);
      if (w === undefined) {
        w = doc.widthOfString(c);
        characters.set(c, w);
      }
      width += w;
    }
    return width;
  };
}

interface GlyphRun {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}

/**
 * Gives pdfkit the glyph layout of each figure among `cells` in the current font, put
 * together from its characters' layouts (the glyphs and advances fontkit would give, as the
 * font neither kerns nor substitutes them): a figure costs no layout of its own.
 */
function layOutFigures(doc: Pdf, cells: string[]): void {
  const font = (
    doc as unknown as {
      _font?: { layoutCache?: Record<string, GlyphRun>; layoutCached(text: string): GlyphRun };
    }
  )._font;
  const cache = font?.layoutCache;
  if (!font || !cache) return;
  for (const text of cells) {
    // pdfkit lays out text between spaces word by word: such text is left to it.
    if (text === '' || text.includes(' ') || !FIGURE.test(text) || cache[text]) continue;
    const run: GlyphRun = { glyphs: [], positions: [], advanceWidth: 0 };
    for (const c of text) {
      const one = font.layoutCached(c);
      run.glyphs.push(...one.glyphs);
      run.positions.push(...one.positions);
      run.advanceWidth += one.advanceWidth;
    }
    cache[text] = run;
  }
}

interface BufferedPage {
  content: { buffer: Uint8Array[] };
}

/**
 * Pages stay in memory to the end (their footers need the page count), and pdfkit keeps a
 * page's content as one small array per drawing operator — a long table's pages hold
 * hundreds of thousands, each with its own memory block. Once a page is left for the next,
 * its arrays are joined into one: the same bytes, written out the same at the end.
 */
function joinFinishedPages(doc: Pdf): void {
  let joined = 0;
  doc.on('pageAdded', () => {
    const pages = (doc as unknown as { _pageBuffer: BufferedPage[] })._pageBuffer;
    for (; joined < pages.length - 1; joined++) {
      const content = pages[joined]?.content;
      if (content && content.buffer.length > 1) content.buffer = [Buffer.concat(content.buffer)];
    }
  });
}

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
  joinFinishedPages(doc);
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
  // Widths scale with the type size: each column measured once, at 1 pt.
  const bodyWidth = unitWidths(doc);
  const boldWidth = unitWidths(doc);
  const measured = table.columns.map((c, i) => {
    doc.font('bold').fontSize(1);
    // With the space after it: pdfkit splits a word whose width and space overflow the line.
    const word = Math.max(...c.title.split(/\s+/).map((w) => boldWidth(`${w} `)));
    doc.font('body').fontSize(1);
    // A number whole; text by its longest word.
    let content = 0;
    for (const r of texts) {
      const t = r[i] ?? '';
      const pieces = c.decimals === undefined ? t.split(/\s+/) : [t];
      for (const piece of pieces) content = Math.max(content, bodyWidth(`${piece} `));
    }
    forgetLayouts(doc);
    return { word, content };
  });
  const minimumWidths = (size: number) =>
    measured.map((m) => Math.max(m.word * size, m.content * size) + 2 * PADDING + 1);
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

  // A cell that fits its column on one line (every number does: its column is as wide as
  // the widest) is set at a computed position without line breaking; only longer text is
  // wrapped by pdfkit. Text widths are measured once, at 1 pt.
  const numeric = table.columns.map((c) => c.decimals !== undefined);
  const layoutRow = (cells: string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(1);
    const width = font === 'body' ? bodyWidth : boldWidth;
    const unitWidths = cells.map((c) => width(c.replace(/\s+$/, '')));
    doc.fontSize(fontSize);
    const line = doc.currentLineHeight(true);
    const oneLine = cells.map(
      (c, i) => !/\n/.test(c) && (unitWidths[i] ?? 0) * fontSize <= (widths[i] ?? 0) - 2 * PADDING,
    );
    const height =
      Math.max(
        ...cells.map((c, i) =>
          (font === 'body' && numeric[i]) || oneLine[i]
            ? line
            : doc.heightOfString(c, { width: (widths[i] ?? 0) - 2 * PADDING }),
        ),
      ) +
      2 * PADDING;
    return { cells, font, height, unitWidths, oneLine };
  };
  const drawRow = (row: ReturnType<typeof layoutRow>, header: boolean) => {
    const { cells, font, height } = row;
    const y = doc.y;
    let x = left;
    doc.font(font).fontSize(fontSize).fillColor('black');
    layOutFigures(doc, cells);
    // A body row's borders as one path stroked once: fewer drawing operators per cell.
    if (!header) {
      let edge = left;
      for (const width of widths) {
        doc.rect(edge, y, width, height);
        edge += width;
      }
      doc.lineWidth(0.5).stroke('#808080');
    }
    cells.forEach((text, i) => {
      const width = widths[i] ?? 0;
      if (header) {
        doc.rect(x, y, width, height).fillAndStroke('#E8EEF4', '#808080');
        doc.fillColor('black');
      }
      const align = header ? 'center' : numeric[i] ? 'right' : 'left';
      if (row.oneLine[i]) {
        const spare = width - 2 * PADDING - (row.unitWidths[i] ?? 0) * fontSize;
        const shift = align === 'right' ? spare : align === 'center' ? spare / 2 : 0;
        doc.text(text, x + PADDING + shift, y + PADDING, { lineBreak: false });
      } else doc.text(text, x + PADDING, y + PADDING, { width: width - 2 * PADDING, align });
      x += width;
    });
    doc.x = left;
    doc.y = y + height;
  };

  const header = layoutRow(
    table.columns.map((c) => c.title),
    'bold',
  );
  if (doc.y + header.height * 2 > bottom()) doc.addPage();
  drawRow(header, true);
  for (const cells of texts) {
    const row = layoutRow(cells, 'body');
    if (doc.y + row.height > bottom()) {
      forgetLayouts(doc);
      doc.addPage();
      drawRow(header, true);
    }
    drawRow(row, false);
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

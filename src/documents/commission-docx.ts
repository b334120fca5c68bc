import { randomUUID } from 'node:crypto';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  TextRun,
} from 'docx';
import type { CommissionNote } from './commission-note.js';
import { cellText, columnWidth, type Tabular } from './tabular.js';
import { readZip, writeZip } from './zip-entries.js';

const FONT = 'Times New Roman';

/** Paragraph styles of table cells, so that each cell carries no formatting of its own. */
const CELL_STYLES = (fontSize: number) =>
  [
    ['cell-left', AlignmentType.LEFT, false],
    ['cell-right', AlignmentType.RIGHT, false],
    ['cell-head', AlignmentType.CENTER, true],
  ].map(([id, alignment, bold]) => ({
    id: `${id}-${fontSize}`,
    name: `${id} ${fontSize}`,
    run: { font: FONT, size: fontSize, bold: bold as boolean },
    paragraph: { alignment: alignment as (typeof AlignmentType)[keyof typeof AlignmentType] },
  }));

/** Escapes text as the docx package does: markup characters, and control characters dropped. */
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const xmlText = (value: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 has no place for them
  value.replace(/[&<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => TEXT_ESCAPES[c] ?? '');

const BORDER_XML = '<w:{side} w:val="single" w:color="808080" w:sz="4"/>';
const TABLE_BORDERS = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => BORDER_XML.replace('{side}', side))
  .join('')}</w:tblBorders>`;

/**
 * A table as Word lays it out: borders set once for the table, each cell's look from a
 * paragraph style — a cell is only its text. Written as WordprocessingML text, the same
 * bytes the docx package would write, without a layout object per cell: a table of
 * thousands of rows costs a string, not a tree.
 */
function tableXml(table: Tabular, fontSize: number): string {
  const chars = table.columns.map((_, i) => columnWidth(table, i));
  const total = chars.reduce((a, b) => a + b, 0);
  // Twentieths of a point across the text width of the page the table is on.
  const span = fontSize <= 16 ? 15_398 : 9_638;
  const widths = chars.map((c) => Math.round((c / total) * span));
  const cellStart = widths.map((w) => `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${w}"/></w:tcPr>`);
  const paragraph = (style: string, text: string) =>
    `<w:p><w:pPr><w:pStyle w:val="${style}-${fontSize}"/></w:pPr><w:r><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p></w:tc>`;
  const styles = table.columns.map((c) => (c.decimals === undefined ? 'cell-left' : 'cell-right'));
  const parts: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/>${TABLE_BORDERS}</w:tblPr><w:tblGrid>`,
    ...widths.map((w) => `<w:gridCol w:w="${w}"/>`),
    '</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>',
    ...table.columns.map(
      (c, i) =>
        `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widths[i]}"/><w:shd w:fill="E8EEF4" w:color="auto" w:val="clear"/></w:tcPr>${paragraph('cell-head', c.title)}`,
    ),
    '</w:tr>',
  ];
  table.rows.forEach((row, r) => {
    parts.push('<w:tr><w:trPr><w:cantSplit/></w:trPr>');
    table.columns.forEach((c, i) => {
      parts.push(cellStart[i] ?? '', paragraph(styles[i] ?? '', cellText(row[i] ?? null, c, r)));
    });
    parts.push('</w:tr>');
  });
  parts.push('</w:tbl>');
  return parts.join('');
}

/**
 * The document's tables, set in after the docx package has written the rest: each stands as
 * a paragraph holding only its marker until then.
 */
class TableSlots {
  readonly nonce = randomUUID();
  readonly xml: string[] = [];

  /** The marker paragraph of a table, its XML kept to replace it. */
  slot(table: Tabular, fontSize: number): Paragraph {
    this.xml.push(tableXml(table, fontSize));
    return new Paragraph({ children: [new TextRun(this.marker(this.xml.length - 1))] });
  }

  marker(index: number): string {
    return `munirank-table-${this.nonce}-${index}`;
  }

  /** document.xml with each marker paragraph replaced by its table (section properties kept). */
  fill(documentXml: string): string {
    const paragraph = new RegExp(
      `<w:p>(<w:pPr>(?:(?!</w:pPr>).)*</w:pPr>)?<w:r><w:t xml:space="preserve">munirank-table-${this.nonce}-(\\d+)</w:t></w:r></w:p>`,
      'g',
    );
    let filled = 0;
    const result = documentXml.replace(paragraph, (_, properties: string | undefined, index) => {
      filled++;
      const table = this.xml[Number(index)] ?? '';
      // The last paragraph of a section carries its properties: kept as an empty paragraph.
      return properties ? `${table}<w:p>${properties}</w:p>` : table;
    });
    if (filled !== this.xml.length)
      throw new Error(`DOCX: вставлено таблиц ${filled} из ${this.xml.length}`);
    return result;
  }
}

function docxTable(table: Tabular, fontSize: number, slots: TableSlots): Paragraph[] {
  return [
    new Paragraph({
      spacing: { before: 120, after: 80 },
      children: [new TextRun({ text: table.title, bold: true, size: fontSize + 4, font: FONT })],
    }),
    slots.slot(table, fontSize),
    ...(table.notes ?? []).map(
      (note) =>
        new Paragraph({
          spacing: { before: 60 },
          children: [new TextRun({ text: note, italics: true, size: fontSize - 2, font: FONT })],
        }),
    ),
  ];
}

const text = (value: string, options: { size?: number; bold?: boolean } = {}) =>
  new TextRun({ text: value, font: FONT, size: options.size ?? 24, bold: options.bold ?? false });

/** The briefing note as a Word document: portrait text, a landscape section per appendix. */
export async function commissionDocx(note: CommissionNote): Promise<Buffer> {
  const slots = new TableSlots();
  const main: Paragraph[] = [];
  const appendices: { title: string; table: Tabular }[] = [];
  for (const block of note.blocks) {
    switch (block.kind) {
      case 'title':
        main.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            heading: HeadingLevel.TITLE,
            children: [text(block.text, { size: 30, bold: true })],
          }),
        );
        break;
      case 'subtitle':
        main.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [text(block.text)],
          }),
        );
        break;
      case 'heading':
        main.push(
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            spacing: { before: 240, after: 120 },
            children: [text(block.text, { size: 26, bold: true })],
          }),
        );
        break;
      case 'paragraph':
        main.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            spacing: { after: 120 },
            indent: { firstLine: 567 },
            children: [text(block.text)],
          }),
        );
        break;
      case 'list':
        for (const item of block.items)
          main.push(new Paragraph({ bullet: { level: 0 }, children: [text(item)] }));
        break;
      case 'table':
        main.push(...docxTable(block.table, 18, slots));
        break;
      case 'chart': {
        const width = 600;
        const height = Math.round((block.chart.height / block.chart.width) * width);
        main.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 120 },
            children: [
              new ImageRun({
                type: 'png',
                data: block.chart.png,
                transformation: { width, height },
                altText: { title: block.caption, description: block.caption, name: block.caption },
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [text(block.caption, { size: 20 })],
          }),
        );
        break;
      }
      case 'appendix':
        appendices.push({ title: block.title, table: block.table });
        break;
    }
  }
  const document = new Document({
    creator: 'munirank',
    title: note.title,
    styles: {
      default: { document: { run: { font: FONT, size: 24 } } },
      paragraphStyles: [...CELL_STYLES(18), ...CELL_STYLES(16)],
    },
    numbering: { config: [] },
    sections: [
      { properties: {}, children: main },
      ...appendices.map((a) => ({
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: 720, bottom: 720, left: 720, right: 720 },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [text(a.title, { bold: true })],
          }),
          ...docxTable(a.table, 16, slots),
        ],
      })),
    ],
  });
  const entries = readZip(await Packer.toBuffer(document));
  for (const entry of entries)
    if (entry.name === 'word/document.xml')
      entry.data = Buffer.from(slots.fill(entry.data.toString('utf8')), 'utf8');
  return writeZip(entries);
}

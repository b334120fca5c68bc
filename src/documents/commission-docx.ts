import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { CommissionNote } from './commission-note.js';
import { cellText, columnWidth, type Tabular } from './tabular.js';

const FONT = 'Times New Roman';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' };

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

/**
 * A table as Word lays it out: borders set once for the table, each cell's look from a
 * paragraph style — a cell is only its text, which keeps a table of thousands of rows light.
 */
function docxTable(table: Tabular, fontSize: number): (Paragraph | Table)[] {
  const chars = table.columns.map((_, i) => columnWidth(table, i));
  const total = chars.reduce((a, b) => a + b, 0);
  // Twentieths of a point across the text width of the page the table is on.
  const span = fontSize <= 16 ? 15_398 : 9_638;
  const cell = (text: string, style: string, shaded = false) =>
    new TableCell({
      ...(shaded ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF4' } } : {}),
      children: [new Paragraph({ style: `${style}-${fontSize}`, children: [new TextRun(text)] })],
    });
  return [
    new Paragraph({
      spacing: { before: 120, after: 80 },
      children: [new TextRun({ text: table.title, bold: true, size: fontSize + 4, font: FONT })],
    }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: chars.map((c) => Math.round((c / total) * span)),
      borders: {
        top: BORDER,
        bottom: BORDER,
        left: BORDER,
        right: BORDER,
        insideHorizontal: BORDER,
        insideVertical: BORDER,
      },
      rows: [
        new TableRow({
          tableHeader: true,
          children: table.columns.map((c) => cell(c.title, 'cell-head', true)),
        }),
        ...table.rows.map(
          (row, r) =>
            new TableRow({
              cantSplit: true,
              children: table.columns.map((c, i) =>
                cell(
                  cellText(row[i] ?? null, c, r),
                  c.decimals === undefined ? 'cell-left' : 'cell-right',
                ),
              ),
            }),
        ),
      ],
    }),
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
export function commissionDocx(note: CommissionNote): Promise<Buffer> {
  const main: (Paragraph | Table)[] = [];
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
        main.push(...docxTable(block.table, 18));
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
          ...docxTable(a.table, 16),
        ],
      })),
    ],
  });
  return Packer.toBuffer(document);
}

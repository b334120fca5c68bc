import type { CommissionNote } from './commission-note.js';
import { drawTable, finishPdf, newPdf } from './pdf-tabular.js';

/** The briefing note as a PDF: A4 portrait for the text, landscape pages for the appendices. */
export function commissionPdf(note: CommissionNote): Promise<Buffer> {
  const doc = newPdf('portrait', note.title);
  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = () => doc.page.margins.left;
  const roomFor = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom - 12) doc.addPage();
  };
  for (const block of note.blocks) {
    switch (block.kind) {
      case 'title':
        doc
          .font('bold')
          .fontSize(15)
          .text(block.text, left(), doc.y, { width: width(), align: 'center' });
        break;
      case 'subtitle':
        doc
          .font('body')
          .fontSize(11)
          .text(block.text, left(), doc.y, { width: width(), align: 'center' });
        doc.moveDown(1);
        break;
      case 'heading':
        roomFor(60);
        doc.moveDown(0.6);
        doc.font('bold').fontSize(12).text(block.text, left(), doc.y, { width: width() });
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        doc
          .font('body')
          .fontSize(10)
          .text(block.text, left(), doc.y, { width: width(), align: 'justify' });
        doc.moveDown(0.3);
        break;
      case 'list':
        doc
          .font('body')
          .fontSize(10)
          .list(block.items, left() + 10, doc.y, { width: width() - 10, bulletRadius: 1.5 });
        doc.moveDown(0.3);
        break;
      case 'table':
        doc.moveDown(0.3);
        drawTable(doc, block.table, 9);
        doc.moveDown(0.5);
        break;
      case 'chart': {
        const w = Math.min(width(), block.chart.width * 0.75);
        const h = (block.chart.height / block.chart.width) * w;
        roomFor(h + 30);
        doc.image(block.chart.png, left() + (width() - w) / 2, doc.y, { width: w, height: h });
        doc.y += h + 4;
        doc
          .font('body')
          .fontSize(9)
          .fillColor('#333333')
          .text(block.caption, left(), doc.y, { width: width(), align: 'center' });
        doc.fillColor('black').moveDown(0.6);
        break;
      }
      case 'appendix':
        doc.addPage({ size: 'A4', layout: 'landscape', margin: 36 });
        doc
          .font('bold')
          .fontSize(11)
          .text(block.title, left(), doc.y, { width: width(), align: 'right' });
        doc.moveDown(0.3);
        drawTable(doc, block.table);
        break;
    }
  }
  return finishPdf(doc);
}

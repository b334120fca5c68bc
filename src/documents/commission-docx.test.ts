import { describe, expect, it } from 'vitest';
import { commissionDocx } from './commission-docx.js';
import type { Tabular } from './tabular.js';
import { readZip } from './zip-entries.js';

const table: Tabular = {
  title: 'Таблица 1',
  sheetName: 'Таблица 1',
  columns: [
    { title: 'Место', decimals: 0, width: 10 },
    { title: 'Наименование ОМСУ', width: 30 },
    { title: 'Доля', decimals: 2, percent: true, width: 10 },
  ],
  rows: [
    [1, 'Город «А» & <Б>\u0007', 1234.5],
    [2, 'Район', null],
  ],
};

describe('the briefing note as DOCX', () => {
  it('sets each table in place of its marker, cells escaped, section properties kept', async () => {
    const docx = await commissionDocx({
      title: 'Справка',
      blocks: [
        { kind: 'paragraph', text: 'Текст' },
        { kind: 'table', table },
        { kind: 'appendix', title: 'Приложение 1', table: { ...table, notes: ['Источник'] } },
      ],
    });
    const entries = readZip(docx);
    const xml = entries.find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    // Two tables of a header and two rows of three cells each.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(2);
    expect(xml.match(/<w:tc>/g)).toHaveLength(18);
    expect(xml).not.toContain('munirank-table-');
    // The widths of 10 : 30 : 10 characters across 9 638 and 15 398 twentieths of a point.
    expect(xml).toContain('<w:gridCol w:w="1928"/><w:gridCol w:w="5783"/><w:gridCol w:w="1928"/>');
    expect(xml).toContain('<w:gridCol w:w="3080"/><w:gridCol w:w="9239"/><w:gridCol w:w="3080"/>');
    expect(xml).toContain(
      '<w:pStyle w:val="cell-left-18"/></w:pPr><w:r><w:t xml:space="preserve">Город «А» &amp; &lt;Б&gt;</w:t>',
    );
    expect(xml).toContain('<w:t xml:space="preserve">1\u00a0234,50\u00a0%</w:t>');
    expect(xml).toContain(
      '<w:pStyle w:val="cell-right-16"/></w:pPr><w:r><w:t xml:space="preserve">—</w:t>',
    );
    // The first section ends with the table: its properties in an empty paragraph after it.
    expect(xml).toMatch(/<\/w:tbl><w:p><w:pPr><w:sectPr>/);
    expect(entries.map((e) => e.name)).toContain('[Content_Types].xml');
  });
});

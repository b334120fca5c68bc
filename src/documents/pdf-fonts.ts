import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's fonts-dejavu-core puts the fonts; MUNIRANK_FONT_DIR points elsewhere. */
const DEFAULT_FONT_DIR = '/usr/share/fonts/truetype/dejavu';

export interface PdfFonts {
  regular: string;
  bold: string;
}

/**
 * The full TrueType fonts PDF documents are set in (DejaVu Sans: every Cyrillic letter and
 * digit). Full fonts, not subsets: pdfkit embeds what a document uses, with the text layer.
 */
export function pdfFonts(): PdfFonts {
  const dir = process.env.MUNIRANK_FONT_DIR ?? DEFAULT_FONT_DIR;
  const fonts = { regular: join(dir, 'DejaVuSans.ttf'), bold: join(dir, 'DejaVuSans-Bold.ttf') };
  const missing = Object.values(fonts).filter((f) => !existsSync(f));
  if (missing.length > 0)
    throw new Error(
      `Для PDF нужны шрифты DejaVu: не найдено ${missing.join(', ')}. Установите пакет fonts-dejavu-core (npm run setup:system) или укажите каталог шрифтов в MUNIRANK_FONT_DIR.`,
    );
  return fonts;
}

export type TextEncodingName = 'utf8' | 'cp1251';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  hadBom: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Decodes the bytes of a text file written by hand or exported from an office program: UTF-8
 * with or without a byte-order mark, or Windows-1251 (what Russian Excel still writes as
 * "CSV"). Bytes that are not valid UTF-8 are read as Windows-1251, where every byte is a
 * letter; an explicit `encoding` skips the guess.
 *
 * @example decodeText(new Uint8Array([0xcf, 0xf0, 0xe8])).text // 'При'
 */
export function decodeText(bytes: Uint8Array, encoding?: TextEncodingName): DecodedText {
  const hadBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hadBom ? bytes.subarray(3) : bytes;
  if (encoding === 'cp1251') return { text: cp1251(bytes), encoding, hadBom: false };
  if (encoding === 'utf8') return { text: new TextDecoder('utf-8').decode(body), encoding, hadBom };
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(body),
      encoding: 'utf8',
      hadBom,
    };
  } catch {
    return { text: cp1251(bytes), encoding: 'cp1251', hadBom: false };
  }
}

const cp1251 = (bytes: Uint8Array) => new TextDecoder('windows-1251').decode(bytes);

/**
 * How a text decoded with the wrong encoding gives itself away: U+FFFD where UTF-8 could not
 * be read; the typical "РџСЂ" pairs of UTF-8 Cyrillic read as Windows-1251; or KOI8-R read as
 * Windows-1251, where the case of every letter flips and capitals outnumber small letters.
 */
export function looksMisdecoded(text: string, encoding: TextEncodingName): boolean {
  const sample = text.slice(0, 20_000);
  if (sample.includes('\ufffd')) return true;
  if (encoding !== 'cp1251') return false;
  const cyrillic = sample.match(/[\u0400-\u04ff]/g)?.length ?? 0;
  const mojibake =
    sample.match(/[РС][\u0400-\u040f\u0450-\u045f\u0490\u0491\u00a0-\u00bf\u2013-\u203a\u2116]/g)
      ?.length ?? 0;
  if (mojibake > 5 && mojibake * 3 > cyrillic) return true;
  const upper = sample.match(/[А-ЯЁ]/g)?.length ?? 0;
  const lower = sample.match(/[а-яё]/g)?.length ?? 0;
  return upper + lower > 50 && upper > lower * 3;
}

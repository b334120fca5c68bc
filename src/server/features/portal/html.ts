/** Markup that is already safe: produced by `html` or deliberately trusted with `raw`. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/**
 * A template whose interpolations are text: a municipality named `<b>x</b>` is shown as
 * those characters. Arrays are joined; null, undefined and false print nothing.
 *
 * @example html`<td>${name}</td>`.text === '<td>&lt;b&gt;x&lt;/b&gt;</td>'
 */
export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < parts.length; i++) out += render(parts[i] as Part) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Trusted markup, e.g. a JSON island already escaped for a script element. */
export const raw = (text: string): SafeHtml => new SafeHtml(text);

/** Markup that is already safe: built by `h`, or raw text the page trusts (its own CSS and script). */
export class Safe {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

type Part = Safe | string | number | null | undefined | false | readonly Part[];

function partText(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Safe) return part.text;
  if (Array.isArray(part)) return part.map(partText).join('');
  return escapeHtml(String(part));
}

/** A template of HTML: every interpolated value is escaped unless it is `Safe` (arrays are joined). */
export function h(strings: TemplateStringsArray, ...parts: Part[]): Safe {
  let text = strings[0]!;
  parts.forEach((part, index) => {
    text += partText(part) + strings[index + 1]!;
  });
  return new Safe(text);
}

export const raw = (text: string): Safe => new Safe(text);

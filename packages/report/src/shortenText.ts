/** Where a sentence ends: ". ", "! ", "? " or "; " (a list inside a sentence ends at its semicolon). */
const SENTENCE_END = /[.!?;…](?=\s|$)/g;

/**
 * A unit's text cut to about `max` characters at a sentence boundary: whole sentences from the start
 * while they fit; when even the first does not, its first clause (up to a comma) or words up to the
 * limit, ending in "…". Runs of white space become one space; a trailing "." or ";" is dropped so the
 * caller can end the sentence.
 */
export function shortenText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return trimEnd(clean);
  let cut = 0;
  for (const match of clean.matchAll(SENTENCE_END)) {
    const end = match.index! + 1;
    if (end > max) break;
    cut = end;
  }
  if (cut > 0) return trimEnd(clean.slice(0, cut));
  const head = clean.slice(0, max);
  const comma = head.lastIndexOf(',');
  if (comma >= max / 2) return `${head.slice(0, comma)}…`;
  const space = head.lastIndexOf(' ');
  return `${trimEnd(head.slice(0, space > 0 ? space : max))}…`;
}

function trimEnd(text: string): string {
  return text.replace(/[\s.;,:]+$/, '');
}

/** A task title as a short name for headings and lists: its first sentence, at most `max` characters. */
export function shortTitle(title: string, max = 90): string {
  const first = title.replace(/\s+/g, ' ').trim().split(/[.;:](?=\s|$)/)[0]!;
  return shortenText(first, max);
}

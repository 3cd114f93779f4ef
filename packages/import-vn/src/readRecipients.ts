import type { UnitRef } from '@planlog/core';
import type { ImportContext } from './ImportContext.js';
import { fold } from './foldText.js';
import type { Paragraph } from './paragraphs.js';
import { readUnitList } from './parseUnits.js';

/**
 * The names on a recipient line that is not a list of known units: "TT Tỉnh ủy, TT HĐND tỉnh" is two
 * names, each starting with a capital and of two words or more; a part starting in lower case goes on
 * the name before it ("Chủ tịch, các Phó Chủ tịch UBND tỉnh" names one group of people).
 */
function namesOf(text: string): string[] {
  const parts = text.split(/\s*[,;]\s*/u).filter((part) => part !== '');
  const separate = parts.length > 1 && parts.every((part) => /^\p{Lu}/u.test(part) && part.split(/\s+/u).length >= 2);
  return separate ? parts : [text];
}

/**
 * The distribution list (Nơi nhận): one or more units per line, with notes like "(để b/c)" dropped.
 * "Lưu: VT, …" is the issuer's own archive copy, not a recipient.
 */
export function readRecipients(paragraphs: Paragraph[], context: ImportContext): UnitRef[] {
  const recipients: UnitRef[] = [];
  for (const paragraph of paragraphs) {
    context.consume(paragraph);
    const line = paragraph.lines[0]!;
    const text = paragraph.text.replace(/\([^()]*\)/gu, '').replace(/[;,.]+\s*$/u, '').trim();
    const folded = fold(text);
    if (/^luu\s*:/.test(folded) || text.length === 0) continue;
    if (/^nhu (tren|muc|dieu)/.test(folded)) {
      context.warn(line, `recipient "${text}" refers to units named elsewhere: not expanded`);
      continue;
    }
    const list = readUnitList(text, 0, context.directory);
    if (list.units.length > 0 && text.slice(list.end).trim() === '') {
      for (const unit of list.units) recipients.push(context.unit(unit, line));
      continue;
    }
    for (const name of namesOf(text)) {
      const whole = context.directory.resolve(name);
      if (!whole.known) context.warn(line, `recipient "${name}" is not a known unit: id "${whole.unit.id}" derived from its name`);
      recipients.push(whole.unit);
    }
  }
  return recipients;
}

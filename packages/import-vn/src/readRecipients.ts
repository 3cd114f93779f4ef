import type { UnitRef } from '@planlog/core';
import type { ImportContext } from './ImportContext.js';
import { fold } from './foldText.js';
import type { Paragraph } from './paragraphs.js';
import { readUnitList } from './parseUnits.js';

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
    const whole = context.directory.resolve(text);
    if (!whole.known) context.warn(line, `recipient "${text}" is not a known unit: id "${whole.unit.id}" derived from its name`);
    recipients.push(whole.unit);
  }
  return recipients;
}

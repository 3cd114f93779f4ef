import type { UnitRef } from '@planlog/core';
import { cleanText, fold } from './foldText.js';
import { idOfName, type MatchKind, type UnitDirectory } from './unitDirectory.js';

/** A unit read from running text. */
export type UnitRead = {
  unit: UnitRef;
  /** The words as they stand in the text. */
  written: string;
  /** Index in the text just after the unit. */
  end: number;
  /** How the directory matched it; undefined when the directory does not know it. */
  match: MatchKind | undefined;
};

/** Words that open the name of an agency or office. */
const UNIT_HEADS = [
  'Ủy ban nhân dân', 'Uỷ ban nhân dân', 'UBND', 'Ban Chỉ đạo', 'Bộ Chỉ huy', 'Bộ đội', 'Công an', 'Văn phòng',
  'Trung tâm', 'Chi cục', 'Tổng cục', 'Cục', 'Sở', 'Phòng', 'Ban', 'Bộ', 'Viện', 'Tòa án', 'Toà án', 'Mặt trận',
  'Hội', 'Đoàn', 'Liên đoàn', 'Đài', 'Báo', 'Chi bộ', 'Đảng ủy', 'Thanh tra', 'Kho bạc', 'Trường', 'Bệnh viện',
  'Học viện', 'Tỉnh đoàn', 'Hải quan', 'Quỹ', 'Liên hiệp các Hội', 'Liên hiệp', 'Liên minh', 'Hiệp hội', 'Thông tấn xã',
  'Kiểm toán', 'Đài Truyền hình', 'Đài Tiếng nói', 'Ủy ban', 'Uỷ ban',
].map((head) => ({ head, folded: fold(head) }));

/** Lower-case words that may follow a unit head ("Công an tỉnh"). */
const PLACE_WORDS = new Set(['tinh', 'huyen', 'xa', 'thanh', 'thi', 'nhan', 'quan', 'phuong', 'cap', 'dac']);

/** Words after which a unit name has ended: verbs and prepositions, folded (several syllables, so unambiguous). */
const STOP_WORDS = [
  'chu tri', 'phoi hop', 'thuc hien', 'tham muu', 'theo doi', 'trien khai', 'to chuc', 'quan triet', 'huong dan',
  'kiem tra', 'bao cao', 'xay dung', 'ban hanh', 'can cu', 'tong hop', 'don doc', 'ra soat', 'phan anh',
  'thuong xuyen', 'dinh ky', 'nghien cuu', 'chu dong', 'tang cuong', 'de xuat', 'nham', 'doi voi', 'dam bao',
  'bao dam', 'kip thoi', 'phu trach', 'tiep tuc', 'day manh', 'quan ly', 'kiem soat', 'nang cao', 'va cac',
];
/** One-syllable stop words, with their diacritics: folded, "tại" would be "tải" and "về" would be "vệ". */
const STOP_SYLLABLES = [
  'cùng', 'để', 'trong', 'theo', 'về', 'tại', 'của', 'được', 'có', 'chịu', 'khi', 'trên', 'giao', 'làm', 'với',
  'là', 'sẽ', 'phải', 'cần', 'gửi', 'từ', 'đến', 'hoặc',
];

/** Nouns that a collective phrase lists ("các sở, ban, ngành"). */
const GROUP_NOUNS = [
  'so', 'ban', 'nganh', 'phong', 'don vi', 'co quan', 'dia phuong', 'to chuc', 'doan the', 'trung tam', 'huyen',
  'thanh pho', 'thi xa', 'xa', 'phuong', 'thi tran', 'hoi', 'doanh nghiep', 'luc luong', 'bo', 'cap', 'phong ban',
  'chi bo', 'cuc', 'chi cuc', 'tinh', 'dac khu', 'co quan ngang bo', 'vien', 'truong', 'hiep hoi', 'doanh nghiep vien thong',
];
const GROUP_QUALIFIERS = [
  'chuyen mon', 'chuc nang', 'co lien quan', 'lien quan', 'thuoc so', 'truc thuoc so', 'truc thuoc', 'cap tinh',
  'cap huyen', 'cap xa', 'tren dia ban tinh', 'tren dia ban', 'doan the', 'bao chi', 'trong tinh', 'cua tinh',
  'ngang bo', 'thuoc chinh phu', 'truc thuoc trung uong', 'trung uong', 'tinh', 'thanh pho', 'theo quy dinh', 'khac',
];

const isWordEnd = (folded: string, at: number) => at >= folded.length || !/[a-z0-9&]/.test(folded[at]!);

/** If `folded` has one of `words` at `at` as whole words, its length. */
function wordAt(folded: string, at: number, words: readonly string[]): number {
  let best = 0;
  for (const word of words) {
    if (word.length > best && folded.startsWith(word, at) && isWordEnd(folded, at + word.length)) best = word.length;
  }
  return best;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A collective phrase at `start` ("các phòng chuyên môn, đơn vị thuộc Sở"): its end, or 0. */
function groupPhraseEnd(text: string, folded: string, start: number): number {
  let at = start;
  const opener = ['cac ', 'ubnd cac ', 'uy ban nhan dan cac ', 'thu truong cac ', 'truong cac '].find((word) => folded.startsWith(word, at));
  if (!opener) return 0;
  at += opener.length;
  let end = 0;
  for (;;) {
    const noun = wordAt(folded, at, GROUP_NOUNS);
    if (noun === 0) break;
    at += noun;
    for (;;) {
      const qualifier = folded[at] === ' ' ? wordAt(folded, at + 1, GROUP_QUALIFIERS) : 0;
      if (qualifier === 0) break;
      at += 1 + qualifier;
    }
    end = at;
    const separator = /^(, | va )/.exec(folded.slice(at))?.[0];
    if (!separator || wordAt(folded, at + separator.length, GROUP_NOUNS) === 0) break;
    at += separator.length;
  }
  return end;
}

/** An agency name not in the directory, at `start` ("Sở Kế hoạch và Đầu tư"): its end, or 0. */
function properNameEnd(text: string, folded: string, start: number): number {
  const head = UNIT_HEADS.find(({ head: h, folded: f }) => text.startsWith(h, start) && folded.startsWith(f, start) && isWordEnd(folded, start + f.length));
  if (!head) return 0;
  let at = start + head.head.length;
  const firstWord = /^ (\S+)/.exec(text.slice(at))?.[1];
  if (!firstWord || !(/^[\p{Lu}\d]/u.test(firstWord) || PLACE_WORDS.has(fold(firstWord).replace(/[^a-z]/g, '')))) return 0;
  const headEnd = at;
  let end = at;
  for (let words = 0; words < 12; words++) {
    const m = /^( - | )([^\s,;:().“”"]+)/.exec(text.slice(at));
    if (!m) break;
    const wordStart = at + m[1]!.length;
    if (words > 0 && (wordAt(folded, wordStart, STOP_WORDS) > 0 || STOP_SYLLABLES.includes(m[2]!.toLowerCase()))) break;
    const word = m[2]!;
    if (m[1] === ' - ' && !/^\p{Lu}/u.test(word)) break;
    if (fold(word) === 'va') {
      const next = /^ va ([^\s,;:()]+)/.exec(folded.slice(at))?.[1] ?? '';
      const nextWritten = text.slice(at + 4, at + 4 + next.length);
      const nextIsHead = UNIT_HEADS.some(({ head: h }) => text.startsWith(h, at + 4));
      if (!/^\p{Lu}/u.test(nextWritten) || nextIsHead) break;
    }
    at = wordStart + word.length;
    end = at;
  }
  return end > headEnd ? end : 0;
}

/**
 * The unit written at `text[start…]`: a unit of the directory (the longest spelling), a collective
 * phrase, or an agency name that the directory does not know. Leading "Giao", "Trưởng" are not part of it.
 */
export function readUnit(text: string, start: number, directory: UnitDirectory): UnitRead | undefined {
  while (text[start] === ' ') start++;
  // "Bộ trưởng Bộ Công an", "Chủ tịch Ủy ban nhân dân …": the office holder stands for the unit.
  const holder = /^(?:Bộ trưởng|Thủ trưởng|Chủ tịch|Giám đốc|Trưởng) (?=\p{Lu})/u.exec(text.slice(start));
  if (holder && !directory.matchAt(text, start)) {
    const unit = readUnit(text, start + holder[0].length, directory);
    if (unit) return unit;
  }
  const folded = fold(text);
  const known = directory.matchAt(text, start);
  const groupEnd = groupPhraseEnd(text, folded, start);
  if (known && known.end >= groupEnd) {
    return { unit: known.unit, written: known.written, end: known.end, match: known.match };
  }
  const end = groupEnd || properNameEnd(text, folded, start);
  if (end === 0) return undefined;
  let written = cleanText(text.slice(start, end));
  written = written.replace(/^(?:thủ )?trưởng /iu, '');
  const found = directory.lookup(written);
  if (found) return { unit: found.unit, written, end, match: found.match };
  const name = capitalize(written);
  return { unit: { id: idOfName(name), name }, written, end, match: undefined };
}

/**
 * A list of units from `start`: "Công an tỉnh, Bộ đội Biên phòng tỉnh và các sở, ngành liên quan".
 * Items are split on commas, "và" and (when `semicolons`) ";"; a collective phrase stays one unit.
 * The list ends where the next words are not a unit.
 */
export function readUnitList(text: string, start: number, directory: UnitDirectory, semicolons = false): { units: UnitRead[]; end: number } {
  const units: UnitRead[] = [];
  let at = start;
  let end = start;
  for (;;) {
    const unit = readUnit(text, at, directory);
    if (!unit) break;
    units.push(unit);
    end = unit.end;
    const separator = (semicolons ? /^\s*(?:,|;|,? và|,? cùng)\s+/u : /^\s*(?:,|,? và)\s+/u).exec(text.slice(end));
    if (!separator) break;
    at = end + separator[0].length;
  }
  return { units, end };
}

/** Is what is left after a list only punctuation or "(có) liên quan"? */
const isListRest = (rest: string) => /^[\s.,;:]*(?:(?:có )?liên quan)?[\s.,;:]*$/iu.test(rest);

/**
 * The units of a value that is nothing but units: a labelled field ("Đơn vị phối hợp: Sở Tư pháp;
 * các cơ quan, đơn vị liên quan.") or a table cell. Pieces between semicolons are read as lists; a
 * piece that does not read as a list of units is one unit named by its words.
 */
export function readUnitValue(value: string, directory: UnitDirectory): UnitRead[] {
  const units: UnitRead[] = [];
  let offset = 0;
  for (const raw of value.split(';')) {
    const piece = raw.replace(/[\s.,]+$/u, '');
    const start = offset + (raw.length - raw.trimStart().length);
    offset += raw.length + 1;
    const text = piece.trim();
    if (text.length === 0) continue;
    const list = readUnitList(text, 0, directory);
    if (list.units.length > 0 && isListRest(text.slice(list.end))) {
      units.push(...list.units.map((unit) => ({ ...unit, end: start + unit.end })));
      continue;
    }
    if (text.split(' ').length > 14 || !/^[\p{Lu}]|^(?:các|cơ quan|đơn vị|doanh nghiệp)/u.test(text)) {
      units.push(...list.units.map((unit) => ({ ...unit, end: start + unit.end })));
      continue;
    }
    const name = capitalize(text);
    const found = directory.lookup(text);
    units.push(found ? { unit: found.unit, written: text, end: start + text.length, match: found.match } : { unit: { id: idOfName(name), name }, written: text, end: start + text.length, match: undefined });
  }
  return units;
}

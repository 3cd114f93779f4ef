import { fold } from './foldText.js';

/** What a labelled field of a task gives: its lead, its support, whoever carries it out, its deadline, its content. */
export type LabelKind = 'lead' | 'support' | 'performer' | 'deadline' | 'content';

export type Label = { kind: LabelKind; value: string };

/** Label words, on folded text, each ending with its colon. */
const LABELS: { regex: RegExp; kind: LabelKind }[] = [
  { regex: /^(?:(?:don vi|co quan|bo phan)\s+)?chu tri(?:\s*\(?(?:tham muu)\)?)?(?:\s+tham muu)?(?:\s+(?:thuc hien|soan thao))?\s*:/, kind: 'lead' },
  { regex: /^(?:(?:don vi|co quan|bo phan)\s+)?phoi hop(?:\s+thuc hien)?\s*:/, kind: 'support' },
  { regex: /^(?:don vi|co quan|bo phan)(?:\s+(?:thuc hien|to chuc thuc hien|trien khai|thuc hien chinh|phu trach))?\s*:/, kind: 'performer' },
  {
    regex: /^(?:thoi han|thoi gian|tien do)(?:\s+(?:thuc hien|hoan thanh|ban hanh|trinh|to chuc|trien khai))?(?:\s+hoan thanh)?\s*:/,
    kind: 'deadline',
  },
  { regex: /^(?:noi dung|nhiem vu)(?:\s+(?:cong viec|thuc hien|chu yeu))?\s*:/, kind: 'content' },
];

/**
 * A labelled field ("Đơn vị chủ trì: Sở Tư pháp.", "- Thời gian thực hiện: Quý IV/2025", "Nội dung:")
 * with its value (without closing punctuation); `undefined` for any other paragraph.
 */
export function readLabel(text: string): Label | undefined {
  const folded = fold(text);
  for (const { regex, kind } of LABELS) {
    const m = regex.exec(folded);
    if (m) return { kind, value: text.slice(m[0].length).trim().replace(/[.;]+$/u, '').trim() };
  }
  return undefined;
}

import { fold } from './foldText.js';
import { readUnit, type UnitRead } from './parseUnits.js';
import type { UnitDirectory } from './unitDirectory.js';

/** Kinds of document a plan implements or relies on. */
const DOCUMENT = /(ke hoach|van ban|cong van|chi thi|nghi quyet|quyet dinh|thong tu|nghi dinh|luat|ket luan|huong dan|chuong trinh|de an|thong bao|quy dinh|chien luoc)(?: lien tich)? so \S+/;

export type Preamble = {
  basis: string[];
  /** The unit that the preamble says issues the plan ("Sở Ngoại vụ xây dựng Kế hoạch …"). */
  issuer?: UnitRead;
  /** Whether the paragraph was understood (basis, or the closing "… như sau:"). */
  understood: boolean;
};

/**
 * The preamble of a plan: "Thực hiện Kế hoạch số 88/KH-UBND …; Văn bản số 771/CAT-PA01 …; Sở Ngoại vụ
 * xây dựng Kế hoạch triển khai thực hiện như sau:". Each document named becomes one basis entry.
 */
export function readPreamble(text: string, directory: UnitDirectory): Preamble {
  const folded = fold(text);
  let body = text;
  let issuer: UnitRead | undefined;
  // The closing clause: "[,;] <unit> xây dựng/ban hành Kế hoạch … như sau:".
  const closing = /(?:^|[,;]\s*)(?=\S[^,;]*?\s(?:xay dung|ban hanh|trien khai|de ra)\s(?:ke hoach|chuong trinh))/g;
  for (const m of folded.matchAll(closing)) {
    const start = m.index + m[0].length;
    const unit = readUnit(text, start, directory);
    if (unit && /^\s+(xây dựng|ban hành|triển khai|đề ra)\s/u.test(text.slice(unit.end))) {
      issuer = unit;
      body = text.slice(0, m.index);
      break;
    }
  }
  const basis: string[] = [];
  for (const part of body.split(/;\s*/u)) {
    const clean = part.replace(/^\s*(thực hiện|căn cứ|triển khai)\s+/iu, '').replace(/[,;.:]\s*$/u, '').trim();
    if (DOCUMENT.test(fold(clean))) basis.push(clean);
  }
  const understood = basis.length > 0 || issuer !== undefined || /nhu sau\s*:?\s*$/.test(folded);
  return { basis, ...(issuer ? { issuer } : {}), understood };
}

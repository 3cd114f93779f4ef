import { fold } from './foldText.js';

/** "Số: 88/KH-UBND" → number and symbol; a blank number ("Số: /KH-SNgV") → symbol only. */
export function readNumber(text: string): { number?: string; symbol?: string } | undefined {
  const m = /^S[ốo]\s*:?\s*(\d*)\s*\/\s*([\p{L}\d]+(?:[-–][\p{L}\d]+)*)/u.exec(text);
  if (!m) return undefined;
  const symbol = m[2]!.replace('–', '-');
  return m[1] ? { number: `${m[1]}/${symbol}`, symbol } : { symbol };
}

/** The code of the issuing unit in a symbol: "KH-SNgV" → "SNgV"; "KH-BCĐ138" → "BCĐ138". */
export function issuerCodeOf(symbol: string): string | undefined {
  const parts = symbol.split('-');
  return parts.length > 1 ? parts.slice(1).join('-') : undefined;
}

export type DateLine = {
  place?: string;
  /** ISO date when day, month and year are all written. */
  on?: string;
  /** What is written, blanks as undefined. */
  day?: number;
  month?: number;
  year?: number;
};

/** "Hà Tĩnh, ngày 25 tháng 02 năm 2026" (blanks allowed: "ngày   tháng 3 năm 2026"). */
export function readDateLine(text: string): DateLine | undefined {
  const folded = fold(text);
  const m = /(?:^|,\s*)ngay\s*(\d{1,2})?\s*(?:thang|\/)\s*(\d{1,2})?\s*(?:nam|\/)\s*(\d{4})?\s*$/.exec(folded);
  if (!m) return undefined;
  const place = text.slice(0, m.index).replace(/,\s*$/, '').trim();
  const [day, month, year] = [m[1], m[2], m[3]].map((v) => (v ? Number(v) : undefined));
  const line: DateLine = { ...(place ? { place } : {}), ...(day ? { day } : {}), ...(month ? { month } : {}), ...(year ? { year } : {}) };
  if (day && month && year && month <= 12 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    line.on = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return line;
}

/** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc": the national motto, not content. */
export function isMotto(text: string): boolean {
  const folded = fold(text);
  return /^cong hoa xa hoi chu nghia viet nam/.test(folded) || /^doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc/.test(folded) || /^[-_\s]+$/.test(text);
}

/** The document-type line ("KẾ HOẠCH"), and any title written on the same paragraph. */
export function readDocumentType(text: string): { type: string; rest: string } | undefined {
  const m = /^(KẾ HOẠCH|BÁO CÁO|CHƯƠNG TRÌNH|QUYẾT ĐỊNH|CÔNG VĂN|THÔNG BÁO|KẾ HOẠCH LIÊN TỊCH)(?=\s|$)\s*(.*)$/u.exec(text.normalize('NFC'));
  return m ? { type: m[1]!, rest: m[2]! } : undefined;
}

/** An all-capitals line (agency name in the header, signer's title). */
export function isUpperCase(text: string): boolean {
  return /\p{Lu}/u.test(text) && text === text.toUpperCase();
}

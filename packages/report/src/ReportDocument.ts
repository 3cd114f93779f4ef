/** Text with bold or italic runs, the only inline markup a Báo cáo uses. */
export type Inline = string | { bold: string } | { italic: string };

export type TableColumn = { title: string; /** Relative width. */ width: number; align?: 'left' | 'center' };

/** The body of a Báo cáo, before it is written as .docx, HTML or Markdown. */
export type Block =
  /** "I. KẾT QUẢ THỰC HIỆN": bold capitals. */
  | { kind: 'heading'; text: string }
  /** "1. …": bold. */
  | { kind: 'subheading'; text: string }
  /** "a) …": bold italic. */
  | { kind: 'minorheading'; text: string }
  /** A justified paragraph with a first-line indent; "- …" items are paragraphs too, as the decree's documents write them. */
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'table'; caption: string; columns: TableColumn[]; rows: string[][]; /** Bold last row (Tổng cộng). */ totalRow?: boolean; note?: string };

/** A Báo cáo in the form of Decree 30/2020/NĐ-CP (Appendix I, form 1.4 for a report). */
export type ReportDocument = {
  header: {
    /** The superior body above the agency ("UBND TỈNH HÀ TĨNH"), in capitals. */
    superior: string | null;
    /** The sending agency in capitals ("SỞ NGOẠI VỤ"). */
    agency: string;
    /** "Số: 125/BC-SNgV". */
    number: string;
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
    motto: 'Độc lập - Tự do - Hạnh phúc';
    /** "Hà Tĩnh, ngày 16 tháng 9 năm 2026". */
    placeDate: string;
  };
  /** "BÁO CÁO". */
  kind: string;
  /** The subject under the title (trích yếu). */
  subject: string;
  body: Block[];
  /** The closing sentences ("Trên đây là …", "Kính báo cáo …"), kept on the page of the signature. */
  closing: string[];
  /** Nơi nhận, each line as written ("- Ủy ban nhân dân tỉnh;", "- Lưu: VT."). */
  recipients: string[];
  signature: { authority: string | null; title: string; name: string };
  /** The annex after the signature, on its own page. */
  annex: { title: string; subtitle: string; reference: string; blocks: Block[] };
  /** Document properties: what the log says about the report, kept out of its body. */
  properties: { title: string; subject: string; creator: string; description: string; keywords: string };
};

export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' as const;
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc' as const;

import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectReport, composeReport, renderDocx, type ReportDocument } from '@planlog/report';
import { buildScenario, SNGV } from './fixtures/scenario.js';
import { sampleReport } from './fixtures/sampleReport.js';

let document: ReportDocument;
let bytes: Uint8Array;
let zip: JSZip;
let xml: string;
beforeAll(async () => {
  ({ document } = await sampleReport());
  bytes = await renderDocx(document);
  zip = await JSZip.loadAsync(bytes);
  xml = await zip.file('word/document.xml')!.async('string');
});

const twip = (mm: number) => Math.round((mm * 1440) / 25.4);
const attr = (tag: string, name: string) => Number(new RegExp(`<${tag}\\b[^>]*\\bw:${name}="(\\d+)"`).exec(xml)?.[1]);

describe('the Báo cáo as a .docx', () => {
  it('has its parts in the order of Decree 30/2020', async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const parts = [
      'UBND TỈNH HÀ TĨNH',
      'SỞ NGOẠI VỤ',
      'Số: 125/BC-SNgV',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Tĩnh, ngày 16 tháng 9 năm 2026',
      'BÁO CÁO',
      'Kết quả thực hiện các kế hoạch của Sở Ngoại vụ Quý III năm 2026',
      'số liệu từ ngày 15/06/2026 đến hết ngày 14/09/2026',
      'I. KẾT QUẢ THỰC HIỆN',
      'II. ĐÁNH GIÁ CHUNG',
      'Bảng 1. Kết quả thực hiện nhiệm vụ so với kỳ trước',
      'III. NHIỆM VỤ TRỌNG TÂM QUÝ IV/2026',
      'IV. KIẾN NGHỊ, ĐỀ XUẤT',
      'Nơi nhận:',
      '- UBND tỉnh Hà Tĩnh;',
      '- Lưu: VT.',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
      'PHỤ LỤC',
      '(Kèm theo Báo cáo số 125/BC-SNgV ngày 16 tháng 9 năm 2026 của Sở Ngoại vụ)',
      'Biểu 1. Kết quả thực hiện nhiệm vụ theo đơn vị chủ trì',
      'Biểu 2. Nhiệm vụ quá hạn theo đơn vị chủ trì',
      'Biểu 3. Tình hình thực hiện yêu cầu báo cáo đến hạn trong kỳ',
    ];
    let from = 0;
    for (const part of parts) {
      const at = text.indexOf(part, from);
      expect(at, `${part} after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
    // The annex begins a page of its own.
    expect(xml).toMatch(/<w:pageBreakBefore\/>[\s\S]{0,400}PHỤ LỤC/);
  });

  it('is A4 with the decree’s margins, in Times New Roman, body 13 pt', async () => {
    expect(attr('w:pgSz', 'w')).toBe(twip(210));
    expect(attr('w:pgSz', 'h')).toBe(twip(297));
    const margin = { top: attr('w:pgMar', 'top'), bottom: attr('w:pgMar', 'bottom'), left: attr('w:pgMar', 'left'), right: attr('w:pgMar', 'right') };
    expect(margin.top).toBeGreaterThanOrEqual(twip(20));
    expect(margin.top).toBeLessThanOrEqual(twip(25));
    expect(margin.bottom).toBeGreaterThanOrEqual(twip(20));
    expect(margin.bottom).toBeLessThanOrEqual(twip(25));
    expect(margin.left).toBeGreaterThanOrEqual(twip(30));
    expect(margin.left).toBeLessThanOrEqual(twip(35));
    expect(margin.right).toBeGreaterThanOrEqual(twip(15));
    expect(margin.right).toBeLessThanOrEqual(twip(20));
    const styles = await zip.file('word/styles.xml')!.async('string');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults).toMatch(/<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/>/);
    expect(defaults).toContain('<w:sz w:val="26"/>');
    // No run names another font; every size is between 11 and 14 pt (Nơi nhận 11, tables 12, body 13, title 14).
    expect([...xml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]).filter((font) => font !== 'Times New Roman')).toEqual([]);
    const sizes = new Set([...xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]) / 2));
    expect([...sizes].every((pt) => pt >= 11 && pt <= 14), [...sizes].join(',')).toBe(true);
    // Body paragraphs at 13 pt: the first paragraph of section I.
    expect(xml).toMatch(/<w:sz w:val="26"\/>[\s\S]{0,200}Thực hiện Kế hoạch số 45\/KH-SNgV/);
  });

  it('keeps the log’s details in the document properties, not in the text', async () => {
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:title>Báo cáo kết quả thực hiện các kế hoạch của Sở Ngoại vụ Quý III năm 2026</dc:title>');
    expect(core).toContain('<dc:creator>Sở Ngoại vụ</dc:creator>');
    expect(core).toMatch(/<dc:description>planlog: số liệu tính đến 2026-09-14T16:59:59.999Z \(nhật ký đến vị trí \d+\)/);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    for (const internal of ['vị trí', 'planlog', 'sngv-a', 'periodic-', 'nhật ký', 'T16:59']) expect(text, internal).not.toContain(internal);
  });

  it('leaves the number blank for the clerk, and signs as the agency’s head, when the particulars are not given', async () => {
    const { engine } = await buildScenario();
    const data = await collectReport({ engine, unit: SNGV, period: '2026-Q3' });
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await renderDocx(composeReport(data))) });
    expect(value).toContain(`Số: ${'\u00a0'.repeat(8)}/BC-SNgV`);
    expect(value).toContain('……………, ngày 16 tháng 9 năm 2026');
    expect(value).toMatch(/Nơi nhận:\s+- Ủy ban nhân dân tỉnh;\s+- Lưu: VT\.\s+GIÁM ĐỐC/);
  });
});

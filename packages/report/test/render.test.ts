import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown, writeReport, type ReportDocument } from '@planlog/report';
import { sampleReport } from './fixtures/sampleReport.js';

const hostile = (document: ReportDocument): ReportDocument => ({
  ...document,
  subject: 'Kết quả <script>alert("x")</script> & “A”',
  body: [{ kind: 'paragraph', parts: ['- **không đậm** <b>thẻ</b> [liên kết](x) | ống'] }, ...document.body],
});

describe('HTML and Markdown', () => {
  it('lays the HTML out as the decree’s form: two-column header, title, body, Nơi nhận beside the signature, annex', async () => {
    const { document } = await sampleReport();
    const html = renderHtml(document);
    expect(html).toContain('@page { size: A4; margin: 20mm 15mm 20mm 30mm; }');
    expect(html).toMatch(/font-family: "Times New Roman"/);
    const order = ['<td class="agency">', 'SỞ NGOẠI VỤ', 'Số: 125/BC-SNgV', '<td class="nation">', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Tĩnh, ngày 16 tháng 9 năm 2026', '<h1>BÁO CÁO</h1>', '<h2>I. KẾT QUẢ THỰC HIỆN</h2>', '<h2>IV. KIẾN NGHỊ, ĐỀ XUẤT</h2>', 'Nơi nhận:', 'KT. GIÁM ĐỐC', 'Nguyễn Văn An', '<section class="annex">', 'Biểu 3.'];
    let from = 0;
    for (const part of order) {
      const at = html.indexOf(part, from);
      expect(at, part).toBeGreaterThan(-1);
      from = at;
    }
    expect(html).toContain('<meta name="description" content="planlog: số liệu tính đến 2026-09-14T16:59:59.999Z');
    expect(html.slice(html.indexOf('<body>'))).not.toMatch(/vị trí|planlog|sngv-a/);
  });

  it('escapes every text in HTML and keeps it literal in Markdown', async () => {
    const { document } = await sampleReport();
    const html = renderHtml(hostile(document));
    expect(html).not.toContain('<script>');
    expect(html).toContain('Kết quả &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; “A”');
    expect(html).toContain('<p>- **không đậm** &lt;b&gt;thẻ&lt;/b&gt; [liên kết](x) | ống</p>');
    const markdown = renderMarkdown(hostile(document));
    expect(markdown).toContain('**Kết quả \\<script\\>alert("x")\\</script\\> & “A”**');
    expect(markdown).toContain('- \\*\\*không đậm\\*\\* \\<b\\>thẻ\\</b\\> \\[liên kết\\](x) \\| ống');
  });

  it('refuses a format it does not know', async () => {
    const { document } = await sampleReport();
    await expect(writeReport(document, 'odt' as never)).rejects.toMatchObject({ code: 'VALIDATION', field: 'format' });
  });
});

import { PAGE } from './pageLayout.js';
import type { Block, Inline, ReportDocument } from './ReportDocument.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

const { marginMm: m } = PAGE;

// Times New Roman where it is installed; Liberation Serif (the same metrics) or Tinos elsewhere.
const CSS = `
@page { size: A4; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
* { box-sizing: border-box; }
html { background: #e5e5e5; }
body { margin: 0; font-family: "${PAGE.font}", "Liberation Serif", Tinos, serif; font-size: ${PAGE.bodyPt}pt; line-height: 1.3; color: #000; }
.page { width: ${PAGE.widthMm}mm; min-height: ${PAGE.heightMm}mm; margin: 8mm auto; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; background: #fff; }
@media print {
  html { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; }
  .annex { break-before: page; }
}
table.header, table.closing { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.header td, table.closing td { vertical-align: top; padding: 0; text-align: center; }
table.header td.agency { width: 38%; font-size: 13pt; }
table.header td.nation { width: 62%; font-size: 13pt; }
.superior { text-transform: uppercase; }
.agency-name, .nation-name { font-weight: bold; }
.motto { font-weight: bold; font-size: 14pt; }
.rule { border-top: 1px solid #000; margin: 1pt auto 6pt; width: 30%; }
.rule.motto-rule { width: 62%; }
.number { margin-top: 4pt; }
.place-date { font-style: italic; font-size: 14pt; margin-top: 4pt; }
h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 18pt 0 0; }
.subject { font-size: 14pt; font-weight: bold; text-align: center; text-indent: 0; margin: 0 10mm; }
.subject + .rule { width: 25%; margin-top: 4pt; margin-bottom: 12pt; }
h2, h3, h4 { font-size: ${PAGE.bodyPt}pt; margin: 6pt 0; text-indent: 10mm; break-after: avoid; }
h4 { font-style: italic; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 10mm; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: ${PAGE.tablePt}pt; margin: 0 0 8pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; overflow-wrap: break-word; }
table.data th { font-weight: bold; text-align: center; vertical-align: middle; }
table.data td.center { text-align: center; }
table.data tr.total td { font-weight: bold; }
table.data tr { break-inside: avoid; }
.caption { font-weight: bold; text-align: center; text-indent: 0; margin: 8pt 0 4pt; }
.note { font-style: italic; font-size: ${PAGE.tablePt}pt; text-indent: 0; }
table.closing { margin-top: 12pt; break-inside: avoid; }
.keep { break-inside: avoid; }
table.closing td.recipients { width: 50%; text-align: left; font-size: ${PAGE.smallPt}pt; }
table.closing td.signature { width: 50%; font-weight: bold; font-size: 14pt; }
.recipients-label { font-weight: bold; font-style: italic; font-size: 12pt; }
.signature .space { height: 28mm; }
.annex-title { font-weight: bold; text-align: center; font-size: 14pt; text-indent: 0; margin: 0; }
.annex-reference { font-style: italic; text-align: center; text-indent: 0; }
`;

function inline(parts: readonly Inline[]): string {
  return parts.map((part) => (typeof part === 'string' ? escapeHtml(part) : 'bold' in part ? `<strong>${escapeHtml(part.bold)}</strong>` : `<em>${escapeHtml(part.italic)}</em>`)).join('');
}

function block(item: Block): string {
  switch (item.kind) {
    case 'heading':
      return `<h2>${escapeHtml(item.text)}</h2>`;
    case 'subheading':
      return `<h3>${escapeHtml(item.text)}</h3>`;
    case 'minorheading':
      return `<h4>${escapeHtml(item.text)}</h4>`;
    case 'paragraph':
      return `<p>${inline(item.parts)}</p>`;
    case 'table': {
      const total = item.columns.reduce((sum, column) => sum + column.width, 0);
      const cols = item.columns.map((column) => `<col style="width:${((column.width / total) * 100).toFixed(2)}%">`).join('');
      const head = item.columns.map((column) => `<th>${escapeHtml(column.title)}</th>`).join('');
      const rows = item.rows.map((row, i) => {
        const cls = item.totalRow && i === item.rows.length - 1 ? ' class="total"' : '';
        return `<tr${cls}>${row.map((text, j) => `<td${item.columns[j]?.align === 'center' ? ' class="center"' : ''}>${escapeHtml(text)}</td>`).join('')}</tr>`;
      });
      return [
        `<p class="caption">${escapeHtml(item.caption)}</p>`,
        `<table class="data"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>`,
        ...rows,
        '</tbody></table>',
        ...(item.note ? [`<p class="note">${escapeHtml(item.note)}</p>`] : []),
      ].join('\n');
    }
  }
}

/**
 * The Báo cáo as one HTML page, laid out as the .docx is: the two-column header, the title, the
 * body, Nơi nhận and the signature side by side, the annex on a page of its own when printed. Print
 * CSS sets A4 and the decree's margins; every text is escaped. The document's properties are meta tags.
 */
export function renderHtml(document: ReportDocument): string {
  const { header, signature } = document;
  const meta = Object.entries(document.properties)
    .filter(([key]) => key !== 'title')
    .map(([key, value]) => `<meta name="${key === 'creator' ? 'author' : key}" content="${escapeHtml(value)}">`);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml(document.properties.title)}</title>
${meta.join('\n')}
<style>${CSS}</style>
</head>
<body>
<div class="page">
<table class="header"><tr>
<td class="agency">${header.superior ? `<div class="superior">${escapeHtml(header.superior)}</div>` : ''}<div class="agency-name">${escapeHtml(header.agency)}</div><div class="rule"></div><div class="number">${escapeHtml(header.number)}</div></td>
<td class="nation"><div class="nation-name">${escapeHtml(header.nation)}</div><div class="motto">${escapeHtml(header.motto)}</div><div class="rule motto-rule"></div><div class="place-date">${escapeHtml(header.placeDate)}</div></td>
</tr></table>
<h1>${escapeHtml(document.kind)}</h1>
<p class="subject">${escapeHtml(document.subject)}</p>
<div class="rule"></div>
${document.body.map(block).join('\n')}
<div class="keep">
${document.closing.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n')}
<table class="closing"><tr>
<td class="recipients"><div class="recipients-label">Nơi nhận:</div>${document.recipients.map((line) => `<div>${escapeHtml(line)}</div>`).join('')}</td>
<td class="signature">${signature.authority ? `<div>${escapeHtml(signature.authority)}</div>` : ''}<div>${escapeHtml(signature.title)}</div><div class="space"></div><div>${escapeHtml(signature.name)}</div></td>
</tr></table>
</div>
<section class="annex">
<p class="annex-title">${escapeHtml(document.annex.title)}</p>
<p class="annex-title">${escapeHtml(document.annex.subtitle)}</p>
<p class="annex-reference">${escapeHtml(document.annex.reference)}</p>
${document.annex.blocks.map(block).join('\n')}
</section>
</div>
</body>
</html>
`;
}

/** Text with bold runs, the only inline markup a report uses. */
export type Inline = string | { strong: string };

/** A report before rendering: headings, paragraphs and bullet lists, rendered as Markdown or HTML. */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'list'; items: Inline[][] };

export type ReportFormat = 'markdown' | 'html';

/** Blocks as Markdown (every text kept literal) or as a standalone HTML page titled `title` (every text escaped). */
export function renderBlocks(blocks: readonly Block[], format: ReportFormat, title: string): string {
  return format === 'html' ? toHtml(blocks, title) : toMarkdown(blocks);
}

function toMarkdown(blocks: readonly Block[]): string {
  const inline = (parts: Inline[]) => parts.map((part) => (typeof part === 'string' ? escapeMarkdown(part) : `**${escapeMarkdown(part.strong)}**`)).join('');
  const text = blocks.map((block) => {
    if (block.kind === 'heading') return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
    if (block.kind === 'paragraph') return inline(block.parts);
    return block.items.map((item) => `- ${inline(item)}`).join('\n');
  });
  return `${text.join('\n\n')}\n`;
}

function toHtml(blocks: readonly Block[], title: string): string {
  const inline = (parts: Inline[]) => parts.map((part) => (typeof part === 'string' ? escapeHtml(part) : `<strong>${escapeHtml(part.strong)}</strong>`)).join('');
  const body = blocks.map((block) => {
    if (block.kind === 'heading') return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    if (block.kind === 'paragraph') return `<p>${inline(block.parts)}</p>`;
    return `<ul>\n${block.items.map((item) => `  <li>${inline(item)}</li>`).join('\n')}\n</ul>`;
  });
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body{font-family:"Times New Roman",serif;max-width:50em;margin:2em auto;line-height:1.5}h1,h2{text-align:center}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** Keep text literal in Markdown: backslash the characters that would start markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

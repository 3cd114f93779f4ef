import type { Block, Inline, ReportDocument } from './ReportDocument.js';

/** Keep text literal in Markdown: backslash the characters that would start markup. */
function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function inline(parts: readonly Inline[]): string {
  return parts.map((part) => (typeof part === 'string' ? escape(part) : 'bold' in part ? `**${escape(part.bold)}**` : `*${escape(part.italic)}*`)).join('');
}

function cell(text: string): string {
  return escape(text).replace(/\n/g, ' ');
}

function block(item: Block): string {
  switch (item.kind) {
    case 'heading':
      return `## ${escape(item.text)}`;
    case 'subheading':
      return `### ${escape(item.text)}`;
    case 'minorheading':
      return `**_${escape(item.text)}_**`;
    case 'paragraph':
      // A paragraph that starts "1. " would become an ordered list; "- " and "+ " items may become bullets.
      return inline(item.parts).replace(/^(\d+)\. /, '$1\\. ');
    case 'table': {
      const head = `| ${item.columns.map((column) => cell(column.title)).join(' | ')} |`;
      const rule = `| ${item.columns.map((column) => (column.align === 'center' ? ':---:' : '---')).join(' | ')} |`;
      const rows = item.rows.map((row, i) => {
        const bold = item.totalRow && i === item.rows.length - 1;
        return `| ${row.map((text) => (bold && text ? `**${cell(text)}**` : cell(text))).join(' | ')} |`;
      });
      return [`**${escape(item.caption)}**`, '', head, rule, ...rows, ...(item.note ? ['', `*${escape(item.note)}*`] : [])].join('\n');
    }
  }
}

/**
 * The Báo cáo as Markdown: the header as lines (agency, number; Quốc hiệu, Tiêu ngữ, place and
 * date), the title and subject, the body, Nơi nhận, the signature and the annex. The document's
 * properties go in an HTML comment at the top, which Markdown viewers do not show.
 */
export function renderMarkdown(document: ReportDocument): string {
  const { header, signature } = document;
  const meta = Object.entries(document.properties).map(([key, value]) => `${key}: ${value.replace(/--/g, '- -')}`);
  const lines = [
    `<!--\n${meta.join('\n')}\n-->`,
    [...(header.superior ? [escape(header.superior)] : []), `**${escape(header.agency)}**`, escape(header.number)].join('  \n'),
    [`**${header.nation}**`, `**${header.motto}**`, `*${escape(header.placeDate)}*`].join('  \n'),
    `# ${escape(document.kind)}`,
    `**${escape(document.subject)}**`,
    ...document.body.map(block),
    ...document.closing.map((text) => escape(text)),
    ['**Nơi nhận:**', ...document.recipients.map((line) => escape(line))].join('  \n'),
    [...(signature.authority ? [`**${escape(signature.authority)}**`] : []), `**${escape(signature.title)}**`, '', '', signature.name ? `**${escape(signature.name)}**` : ''].join('  \n').trimEnd(),
    '---',
    `## ${escape(document.annex.title)}`,
    `**${escape(document.annex.subtitle)}**  \n*${escape(document.annex.reference)}*`,
    ...document.annex.blocks.map(block),
  ];
  return `${lines.join('\n\n')}\n`;
}

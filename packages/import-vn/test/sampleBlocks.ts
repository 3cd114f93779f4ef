import type { Block } from './samplePlanBlocks.js';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * A sample plan's text as blocks a writing library can render as a Word document or a PDF: each line
 * (or paragraph) one block; "I.", "1.", "a)" that Word's automatic numbering would give at that place
 * as list items without their number (as an office writes them), any other number ("1.1.", a list
 * that does not restart where Word's would) kept as text; tab-separated lines as one table, a roman
 * group row between them as a row of the table.
 */
export function blocksOfSample(text: string): Block[] {
  const blocks: Block[] = [];
  let roman = 0;
  let number = 0;
  let letter = 0;
  let table: string[][] | undefined;
  for (const line of text.split('\n').map((raw) => raw.trim())) {
    if (line === '') continue;
    const cells = line.split('\t');
    const group = /^([IVX]+)\.\s+(.*)$/.exec(line);
    if (cells.length > 2 || (table && group)) {
      const row = cells.length > 2 ? cells : [group![1]!, group![2]!];
      const width = table?.[0]?.length ?? row.length;
      if (!table) blocks.push({ kind: 'table', rows: (table = []) });
      table.push([...row, ...Array<string>(Math.max(0, width - row.length)).fill('')]);
      continue;
    }
    table = undefined;
    let m: RegExpExecArray | null;
    if ((m = /^([IVX]+)\.\s+(.*)$/.exec(line)) && m[1] === ROMAN[roman]) {
      roman++;
      number = 0;
      letter = 0;
      blocks.push({ kind: 'item', list: 'roman', text: m[2]! });
    } else if ((m = /^(\d+)\.\s+(.*)$/.exec(line)) && Number(m[1]) === number + 1) {
      number++;
      letter = 0;
      blocks.push({ kind: 'item', list: 'number', text: m[2]! });
    } else if ((m = /^([a-z])\)\s+(.*)$/.exec(line)) && m[1]!.charCodeAt(0) === 97 + letter) {
      letter++;
      blocks.push({ kind: 'item', list: 'letter', text: m[2]! });
    } else if ((m = /^-\s+(.*)$/.exec(line))) blocks.push({ kind: 'item', list: 'dash', text: m[1]! });
    else if ((m = /^\+\s+(.*)$/.exec(line))) blocks.push({ kind: 'item', list: 'plus', text: m[1]! });
    else blocks.push({ kind: 'paragraph', text: line });
  }
  return blocks;
}

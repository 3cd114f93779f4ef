// Grading one import against a hand-made answer key (`NAME.key.json` beside `NAME.txt`).
//
// A key lists every assignment of the text: `lines` (1-based range of the item), `lead` (every co-lead
// as written), `support`, `deadline` (as written) with `expect` (acceptable structured deadlines, or
// "unparsed" when no date can be made from the words), optional `acceptLead`, `neutral`, `judgeLead`,
// `judgeDeadline`, `scope: 'funding'` (graded apart); and `reportDeadlines` (period, due, to).
// Names are compared in a canonical form (folded, common abbreviations spelled out, filler words
// dropped), and a name that a longer one starts with counts as the same unit ("Sở Tư pháp" for
// "Sở Tư pháp tỉnh").
import type { ImportResult, TaskDraft } from '../../src/index.js';

export type KeyItem = {
  ref: string;
  lines: [number, number];
  lead?: string[];
  acceptLead?: string[];
  judgeLead?: boolean;
  support?: string[];
  neutral?: string[];
  deadline?: string;
  expect?: (Record<string, unknown> | 'unparsed')[];
  judgeDeadline?: boolean;
  scope?: string;
};
export type ReportKey = { text: string; period: string; due?: Record<string, number>; to?: string };
export type AnswerKey = { tasks: KeyItem[]; reportDeadlines?: ReportKey[] };

export type Grade = {
  items: number;
  found: number;
  leadExpected: number;
  leadOk: number;
  leadClaims: number;
  goodClaims: number;
  supExpected: number;
  supOk: number;
  supExtra: number;
  dlExpected: number;
  dlOk: number;
  reportExpected: number;
  reportOk: number;
  /** Items with no task and no warning in their lines. */
  silentItems: number;
  /** Items whose lead is missing or wrong with no warning about it. */
  silentLeads: number;
  rows: string[];
};

const ABBREVIATIONS: [string, string][] = [
  ['ubnd', 'uy ban nhan dan'],
  ['kh va cn', 'khoa hoc va cong nghe'],
  ['khcn', 'khoa hoc va cong nghe'],
  ['vhttdl', 'van hoa the thao va du lich'],
  ['cap xa', 'xa phuong'],
  ['phuong xa', 'xa phuong'],
  ['bchqs', 'bo chi huy quan su'],
  ['mttq', 'mat tran to quoc'],
  ['cap tinh', ''],
  ['so ban nganh', 'so nganh'],
  ['so ban ngan', 'so nganh'],
];
const FILLER = new Set(['cac', 'giao', 'nhung']);
const GENERIC = new Set(['uy ban nhan dan', 'so', 'bo', 'so nganh', 'co quan', 'don vi', 'co quan don vi']);

function plain(text: string): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The canonical form of a unit name for comparison. */
export function canonicalName(name: string): string {
  let words = ` ${plain(name)} `;
  for (const [short, long] of ABBREVIATIONS) {
    while (words.includes(` ${short} `)) words = words.replace(` ${short} `, long ? ` ${long} ` : ' ');
  }
  // "đề nghị" is dropped as a pair; the other filler words one by one.
  let list = words.trim().split(' ');
  list = list.filter((word, i) => !(word === 'de' && list[i + 1] === 'nghi') && !(word === 'nghi' && list[i - 1] === 'de'));
  list = list.filter((word) => !FILLER.has(word));
  let text = list.join(' ').replace(/ (co lien quan|lien quan)$/, '');
  if (!/^uy ban nhan dan (tinh|thanh pho)$/.test(text)) text = text.replace(/ (thanh pho|tinh)$/, '');
  return text.replace(/\s+/g, ' ').trim();
}

export function sameUnit(a: string, b: string): boolean {
  const x = canonicalName(a);
  const y = canonicalName(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return !GENERIC.has(short) && short.includes(' ') && long.startsWith(`${short} `);
}

function sameDeadline(got: Record<string, unknown> | undefined, want: Record<string, unknown>): boolean {
  if (!got) return false;
  for (const [field, value] of Object.entries(want)) if (JSON.stringify(got[field]) !== JSON.stringify(value)) return false;
  return Object.keys(got).every((field) => field === 'before' || field in want);
}

/** Grade `result`, the import of a text, against its key. */
export function gradeImport(result: ImportResult, key: AnswerKey, text: string): Grade {
  const lines = text.split('\n');
  const blank = (n: number) => (lines[n - 1] ?? '').trim() === '';
  // A warning covers the block of non-blank lines around its line.
  const blockOf = (n: number): [number, number] => {
    let from = n;
    let to = n;
    while (from > 1 && !blank(from - 1)) from--;
    while (to < lines.length && !blank(to + 1)) to++;
    return [from, to];
  };
  const warnings = result.warnings.map((warning) => ({ ...warning, block: blockOf(warning.line) }));
  const tasks = result.plan.tasks;
  const grade: Grade = {
    items: 0, found: 0, leadExpected: 0, leadOk: 0, leadClaims: 0, goodClaims: 0, supExpected: 0, supOk: 0, supExtra: 0,
    dlExpected: 0, dlOk: 0, reportExpected: 0, reportOk: 0, silentItems: 0, silentLeads: 0, rows: [],
  };
  const items = key.tasks.filter((item) => item.scope !== 'funding');
  const leadFits = (item: KeyItem, task: TaskDraft | undefined) =>
    Boolean(task?.lead && [...(item.lead ?? []), ...(item.acceptLead ?? [])].some((name) => sameUnit(task.lead!.name, name)));
  for (const item of items) {
    grade.items++;
    const [from, to] = item.lines;
    const inside = tasks.filter((task) => task.line >= from && task.line <= to);
    const task = inside.find((candidate) => leadFits(item, candidate)) ?? inside.find((candidate) => candidate.lead) ?? inside[0];
    const near = warnings.filter((w) => (w.line >= from && w.line <= to) || (w.block[0] <= to && w.block[1] >= from));
    const cells: string[] = [item.ref.padEnd(10), `${from}-${to}`.padEnd(9), (task?.ref ?? '—').padEnd(12)];
    if (task) grade.found++;
    else if (near.length === 0) {
      grade.silentItems++;
      cells.push('SILENT');
    }
    if (item.lead?.length) {
      grade.leadExpected++;
      const ok = item.judgeLead ?? leadFits(item, task);
      if (ok) grade.leadOk++;
      else if (!near.some((w) => /lead|not read/.test(w.message))) grade.silentLeads++;
      cells.push(ok ? 'lead ok' : `lead ${task?.lead ? `WRONG(${task.lead.name})` : 'missing'}`);
    }
    const others = item.lead && item.lead.length > 1 ? item.lead.filter((name) => !(task?.lead && sameUnit(task.lead.name, name))) : [];
    const neutral = [...others, ...(item.neutral ?? [])];
    const supports = [...new Set(inside.flatMap((t) => t.support.map((unit) => unit.name)))];
    const wanted = item.support ?? [];
    const hits = wanted.filter((name) => supports.some((got) => sameUnit(got, name))).length;
    const extra = supports.filter((got) => !wanted.some((name) => sameUnit(got, name)) && !neutral.some((name) => sameUnit(got, name)));
    grade.supExpected += wanted.length;
    grade.supOk += hits;
    grade.supExtra += extra.length;
    cells.push(`sup ${hits}/${wanted.length}${extra.length ? ` +[${extra.join('; ')}]` : ''}`);
    if (item.deadline) {
      grade.dlExpected++;
      const accepted = item.expect ?? [];
      const found = inside.map((t) => t.deadline as Record<string, unknown> | undefined).filter((d) => d !== undefined);
      const best = found.find((d) => accepted.some((want) => want !== 'unparsed' && sameDeadline(d, want))) ?? found[0];
      const keptAsText = found.length === 0 && inside.length > 0 && (inside.some((t) => t.deadlineText) || near.some((w) => /deadline/.test(w.message)));
      const ok = item.judgeDeadline ?? accepted.some((want) => (want === 'unparsed' ? keptAsText : sameDeadline(best, want)));
      if (ok) grade.dlOk++;
      cells.push(ok ? 'deadline ok' : `deadline ${best ? `WRONG(${JSON.stringify(best)})` : 'missing'} want ${JSON.stringify(accepted)}`);
    }
    grade.rows.push(cells.join(' '));
  }
  for (const task of tasks) {
    if (!task.lead) continue;
    grade.leadClaims++;
    const good = items.some(
      (item) => task.line >= item.lines[0] && task.line <= item.lines[1] && (item.judgeLead ?? [...(item.lead ?? []), ...(item.acceptLead ?? [])].some((name) => sameUnit(task.lead!.name, name))),
    );
    if (good) grade.goodClaims++;
    else grade.rows.push(`BAD LEAD CLAIM ${task.ref} line ${task.line}: ${task.lead.name}`);
  }
  for (const want of key.reportDeadlines ?? []) {
    grade.reportExpected++;
    const rule = result.plan.reporting.find(
      (r) => r.period === want.period && (!want.due || (r.due !== undefined && Object.entries(want.due).every(([field, value]) => (r.due as Record<string, unknown>)[field] === value))),
    );
    const ok = rule !== undefined && (!want.to || (rule.to !== undefined && sameUnit(rule.to.name, want.to)));
    if (ok) grade.reportOk++;
    grade.rows.push(`REPORT ${ok ? 'ok' : 'MISSING'}: ${want.period} ${JSON.stringify(want.due ?? {})} to ${want.to ?? '-'}${rule ? ` (got ${JSON.stringify(rule)})` : ''}`);
  }
  return grade;
}

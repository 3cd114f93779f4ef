import type { UnitRef } from '@planlog/core';
import { ImportContext } from './ImportContext.js';
import { assignUnitIds } from './assignUnitIds.js';
import { fold } from './foldText.js';
import { splitParagraphs, type Paragraph } from './paragraphs.js';
import { readPreamble } from './parseBasis.js';
import { isMotto, isUpperCase, issuerCodeOf, readDateLine, readDocumentType, readNumber, type DateLine } from './parseHeader.js';
import { readReporting } from './parseReporting.js';
import { readObjectives } from './readObjectives.js';
import { readRecipients } from './readRecipients.js';
import { readAssignment } from './parseAssignment.js';
import { ASSIGNS_WORK, attachedPlanAt, readDecision } from './readDecision.js';
import { readSectionTasks } from './readTasks.js';
import { readTaskTable, takeTaskTables } from './readTaskTable.js';
import { buildSections, type OutlineItem, type Section } from './sections.js';
import type { ImportOptions, ImportResult, PlanDraft, TaskDraft } from './types.js';
import { defaultUnitDirectory } from './unitDirectory.js';

const excerpt = (text: string, length = 70) => (text.length > length ? `${text.slice(0, length)}…` : text);
const isRecipientsHeading = (text: string) => /^n[ơo]i nh[ậa]n\b/iu.test(text);
const isClosing = (text: string) => /^trên đây là\b/iu.test(text);
const isSignerTitle = (text: string) => isUpperCase(text) && /^(KT\.|TM\.|TL\.|Q\.|GIÁM ĐỐC|CHỦ TỊCH|PHÓ|TRƯỞNG|BAN|GĐ)/u.test(text);

/**
 * Read the plain text of a Kế hoạch into a plan draft (design §3.1). Never throws: whatever cannot
 * be read becomes a warning with its line number.
 */
export function importPlan(text: string, options: ImportOptions = {}): ImportResult {
  const context = new ImportContext(options.units ?? defaultUnitDirectory, options.year, options.beforeDate);
  for (const collision of context.directory.collisions ?? []) context.warn(0, `unit directory: ${collision}`);
  try {
    return readPlan(typeof text === 'string' ? text : String(text ?? ''), context, options);
  } catch (error) {
    // A bug of the importer, not of the text: still no exception for the caller.
    context.warn(0, `importer error, the plan is incomplete: ${error instanceof Error ? error.message : String(error)}`);
    return { plan: emptyPlan(), warnings: context.warnings };
  }
}

/** Every paragraph of a section, in order. */
function sectionParagraphs(section: Section): Paragraph[] {
  const flat = (item: OutlineItem): Paragraph[] => [item.paragraph, ...item.extra, ...item.children.flatMap(flat)];
  return [...section.intro, ...section.children.flatMap(flat)];
}

/** No silent loss: a sentence of a section read as something else than tasks that gives work to a unit is named. */
function warnWorkNotRead(section: Section, where: string, context: ImportContext): void {
  for (const paragraph of sectionParagraphs(section)) {
    if (!ASSIGNS_WORK.test(fold(paragraph.text))) continue;
    const assignment = readAssignment(paragraph.text, context.directory, { organisation: true });
    if (assignment.lead) {
      context.warn(paragraph.lines[0] ?? 0, `work for "${assignment.lead.unit.name}" in ${where} (section ${section.label}): not read as a task (lead not taken): "${excerpt(paragraph.text, 50)}"`);
    }
  }
}

function emptyPlan(): PlanDraft {
  return { title: '', draft: true, basis: [], objectives: [], requirements: [], tasks: [], reporting: [], recipients: [], footnotes: [], funding: [] };
}

function readPlan(text: string, context: ImportContext, options: ImportOptions): ImportResult {
  const plan = emptyPlan();
  const all = splitParagraphs(text);
  const { rest: paragraphs, tables } = takeTaskTables(
    all.filter((paragraph) => {
      if (paragraph.footnote === undefined) return true;
      plan.footnotes.push(paragraph.text);
      context.consume(paragraph);
      return false;
    }),
  );
  const lineOf = (paragraph: Paragraph | undefined) => paragraph?.lines[0] ?? 0;

  // Header: everything before the document type ("KẾ HOẠCH").
  let typeIndex = paragraphs.findIndex((paragraph) => readDocumentType(paragraph.text) !== undefined);
  let headerEnd = typeIndex;
  if (typeIndex < 0) {
    headerEnd = 0;
    while (headerEnd < paragraphs.length) {
      const t = paragraphs[headerEnd]!.text;
      if (!(readNumber(t) || readDateLine(t) || isMotto(t) || (isUpperCase(t) && !paragraphs[headerEnd]!.marker))) break;
      headerEnd++;
    }
    context.warn(lineOf(paragraphs[headerEnd]), 'no "KẾ HOẠCH" heading: the title is taken from the first paragraph after the header');
  }
  let date: DateLine | undefined;
  let dateLine = 0;
  let agency: UnitRef | undefined;
  for (const paragraph of paragraphs.slice(0, headerEnd)) {
    const t = paragraph.text;
    const number = readNumber(t);
    if (number) {
      context.consume(paragraph);
      if (number.number) plan.number = number.number;
      if (number.symbol) plan.symbol = number.symbol;
      const rest = t.replace(/^S[ốo]\s*:?\s*\d*\s*\/\s*\S+\s*/u, '');
      if (rest && readDateLine(rest)) {
        date = readDateLine(rest);
        dateLine = lineOf(paragraph);
      }
      continue;
    }
    const read = readDateLine(t);
    if (read) {
      context.consume(paragraph);
      date = read;
      dateLine = lineOf(paragraph);
      continue;
    }
    if (isMotto(t)) {
      context.consume(paragraph);
      continue;
    }
    if (isUpperCase(t)) {
      // "SỞ NGOẠI VỤ", or "UBND TỈNH HÀ TĨNH": a known unit, possibly followed by the province's name.
      const known = context.directory.lookup(t) ?? context.directory.matchAt(t);
      if (known) {
        context.consume(paragraph);
        agency = known.unit;
      }
    }
  }

  // A decision that issues the plan: read its wrapper, then the plan from its own heading.
  const attached = attachedPlanAt(paragraphs, typeIndex);
  if (attached >= 0) {
    readDecision(paragraphs, typeIndex, attached, context, plan);
    typeIndex = attached;
  }

  // Title.
  let bodyStart = headerEnd;
  const type = typeIndex >= 0 ? readDocumentType(paragraphs[typeIndex]!.text)! : undefined;
  if (typeIndex >= 0) {
    context.consume(paragraphs[typeIndex]!);
    if (type!.type !== 'KẾ HOẠCH' && type!.type !== 'KẾ HOẠCH LIÊN TỊCH') {
      context.warn(lineOf(paragraphs[typeIndex]), `the document is a ${type!.type}, not a KẾ HOẠCH: it is read as a plan all the same`);
    }
    bodyStart = typeIndex + 1;
  }
  const withRecipients = plan.recipients.length > 0;
  // An attached plan's "(Kèm theo Quyết định số … )" line says what issues it: it is not part of the title.
  const titleOf = (text: string) => text.replace(/\s*\((?:ban hành )?kèm theo [^()]*\)\s*$/iu, '');
  if (type?.rest) plan.title = titleOf(type.rest);
  else {
    const candidate = paragraphs[bodyStart];
    if (candidate && !candidate.marker && !isRecipientsHeading(candidate.text)) {
      plan.title = titleOf(candidate.text);
      context.consume(candidate);
      bodyStart++;
    } else context.warn(lineOf(candidate ?? paragraphs[typeIndex]), 'the plan has no title');
  }

  // Date and number.
  if (date) {
    if (date.place) plan.place = date.place;
    if (date.on) plan.issuedOn = date.on;
    else context.warn(dateLine, `date "${paragraphs.find((p) => p.lines[0] === dateLine)?.text ?? ''}" has blanks or is not a date: issuedOn left undefined`);
  } else context.warn(lineOf(paragraphs[0]), 'no date line ("…, ngày … tháng … năm …")');
  if (plan.symbol === undefined) context.warn(lineOf(paragraphs[0]), 'no number line ("Số: …/KH-…")');
  plan.draft = plan.number === undefined || plan.issuedOn === undefined;
  context.issuedOn = plan.issuedOn;
  const titleYear = /nam ((?:19|20)\d\d)\b/.exec(fold(plan.title))?.[1];
  context.year ??= date?.year ?? (titleYear ? Number(titleYear) : undefined);

  // Preamble: basis documents and the sentence that introduces the plan.
  let index = bodyStart;
  let preambleIssuer: { unit: UnitRef; line: number } | undefined;
  for (; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index]!;
    if (paragraph.marker || isRecipientsHeading(paragraph.text)) break;
    const preamble = readPreamble(paragraph.text, context.directory);
    plan.basis.push(...preamble.basis);
    if (preamble.issuer) preambleIssuer = { unit: context.unit(preamble.issuer, lineOf(paragraph)), line: lineOf(paragraph) };
    if (preamble.understood) context.consume(paragraph);
  }

  // Issuer: the preamble's subject, the symbol's code, the agency line of the header.
  const code = plan.symbol ? issuerCodeOf(plan.symbol) : undefined;
  const bySymbol = code ? context.directory.bySymbol(code) : undefined;
  if (code && !bySymbol) context.warn(lineOf(paragraphs[0]), `issuer code "${code}" of the symbol is not in the unit directory`);
  const issuer = preambleIssuer?.unit ?? bySymbol ?? agency;
  if (issuer) plan.issuer = issuer;
  else context.warn(lineOf(paragraphs[0]), 'issuer not found (neither in the symbol, the header nor the preamble)');
  if (preambleIssuer && bySymbol && preambleIssuer.unit.id !== bySymbol.id) {
    context.warn(preambleIssuer.line, `the preamble names "${preambleIssuer.unit.name}" as issuer but the symbol ${plan.symbol} points to "${bySymbol.name}"`);
  }

  // Body and trailer.
  let trailer = paragraphs.findIndex((paragraph, i) => i >= index && isRecipientsHeading(paragraph.text));
  if (trailer < 0) trailer = paragraphs.findIndex((paragraph, i) => i >= index && !paragraph.marker && isSignerTitle(paragraph.text));
  if (trailer < 0) trailer = paragraphs.length;
  const body = paragraphs.slice(index, trailer).filter((paragraph) => {
    if (!isClosing(paragraph.text)) return true;
    context.consume(paragraph);
    return false;
  });
  const { sections, gaps } = buildSections(body);
  for (const gap of gaps) context.warn(gap.line, gap.message);
  const tasks: TaskDraft[] = [];
  for (const section of sections) {
    if (section.heading) context.consume(section.heading);
    const line = lineOf(section.heading ?? section.children[0]?.paragraph ?? section.intro[0]);
    switch (section.kind) {
      case 'objectives':
        readObjectives(section, context, plan);
        warnWorkNotRead(section, 'the objectives', context);
        break;
      case 'reporting':
      case 'funding': {
        if (section.kind === 'funding') warnWorkNotRead(section, 'the funding section', context);
        for (const paragraph of sectionParagraphs(section)) {
          context.consume(paragraph);
          if (section.kind === 'funding') plan.funding.push(paragraph.text);
          else {
            const read = readReporting(paragraph.text, context.directory, context.dateOptions);
            context.addReporting(read.rules, lineOf(paragraph));
            for (const message of read.warnings) context.warn(lineOf(paragraph), message);
            if (read.periodless) context.warn(lineOf(paragraph), 'periodic reports ("định kỳ") without a period: no reporting rule made for them');
            // A paragraph that states no report: work given to a unit (a "Tổ chức thực hiện" whose
            // heading is missing), or a task's line that strayed here, is named, not dropped.
            // A sentence that says nothing of reports (a task's line run into the paragraph) is named.
            if (read.rules.length > 0) {
              for (const sentence of paragraph.text.split(/(?<=\.)\s+(?=\p{Lu})/u)) {
                const own = readReporting(sentence, context.directory, context.dateOptions);
                if (own.rules.length === 0 && !own.periodless) context.warn(lineOf(paragraph), `a sentence of the reporting section says nothing of reports, not read: "${excerpt(sentence, 50)}"`);
              }
            }
            if (read.rules.length === 0 && !read.periodless) {
              const before = context.warnings.length;
              warnWorkNotRead({ ...section, intro: [paragraph], children: [] }, 'the reporting section', context);
              if (context.warnings.length === before) context.warn(lineOf(paragraph), `no report period or due read in the reporting section (section ${section.label}): "${excerpt(paragraph.text, 50)}"`);
            }
          }
        }
        break;
      }
      default:
        if (section.kind === 'unknown') {
          context.warn(line, section.label ? `section ${section.label} "${excerpt(section.title, 40)}" is of no known kind: its items are read as tasks` : 'items before any section heading (I, II …) are read as tasks');
        }
        readSectionTasks(section, context, tasks);
    }
  }
  plan.tasks = tasks;
  plan.reporting = context.reporting;

  // Trailer: recipients, then the signer.
  let at = trailer;
  if (at < paragraphs.length && isRecipientsHeading(paragraphs[at]!.text)) {
    const heading = paragraphs[at]!;
    context.consume(heading);
    const rest = heading.text.replace(/^n[ơo]i nh[ậa]n\s*:?\s*/iu, '');
    const lines: Paragraph[] = rest ? [{ ...heading, text: rest }] : [];
    at++;
    while (at < paragraphs.length && paragraphs[at]!.marker?.kind === 'bullet') lines.push(paragraphs[at++]!);
    plan.recipients = readRecipients(lines, context);
  } else if (!withRecipients) context.warn(lineOf(paragraphs.at(-1)), 'no distribution list ("Nơi nhận:")');
  let annex = false;
  for (; at < paragraphs.length; at++) {
    const paragraph = paragraphs[at]!;
    // An annex's heading, title and "(Kèm theo Kế hoạch số …)" line: the tables under it are read below.
    if (/^phụ lục\b/iu.test(paragraph.text) || (annex && (isUpperCase(paragraph.text) || /^\(?(?:ban hành )?kèm theo\b/iu.test(paragraph.text)))) {
      annex = true;
      context.consume(paragraph);
      continue;
    }
    if (isSignerTitle(paragraph.text) && !plan.signer) {
      plan.signer = { title: paragraph.text };
      context.consume(paragraph);
      // "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH": one title over several lines.
      while (at + 1 < paragraphs.length && !paragraphs[at + 1]!.marker && isUpperCase(paragraphs[at + 1]!.text) && paragraphs[at + 1]!.text.split(' ').length <= 6 && !/^phụ lục\b/iu.test(paragraphs[at + 1]!.text)) {
        plan.signer.title = `${plan.signer.title} ${paragraphs[++at]!.text}`;
        context.consume(paragraphs[at]!);
      }
      const next = paragraphs[at + 1];
      if (next && !next.marker && !isUpperCase(next.text) && next.text.split(' ').length <= 6) {
        plan.signer.name = next.text;
        context.consume(next);
        at++;
      }
    }
  }

  for (const table of tables) readTaskTable(table, context, tasks);

  assignUnitIds(plan, context.directory, (line, message) => context.warn(line, message));

  // What every task lacks, then whatever no reader took.
  for (const task of tasks) {
    if (task.lead && !context.directory.lookup(task.lead.name)) {
      context.warn(task.line, `${task.ref}: lead "${task.lead.name}" is not a unit of the directory: check it`);
    }
    const missing = [task.lead ? '' : 'no lead unit', task.deadline || task.deadlineText ? '' : 'no deadline'].filter(Boolean);
    if (missing.length > 0) context.warn(task.line, `${task.ref}: ${missing.join(', ')} in the text`);
  }
  for (const paragraph of all) {
    if (!context.isRead(paragraph)) context.warn(lineOf(paragraph), `not read: "${excerpt(paragraph.text)}"`);
  }
  context.warnings.sort((a, b) => a.line - b.line);
  return { plan, warnings: context.warnings };
}

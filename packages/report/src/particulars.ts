import { localDate, PlanlogError, type PlanView } from '@planlog/core';

/** Who signs: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / "Lê Thanh Hiền" (Decree 30/2020, Art. 13 and Appendix I). */
export type Signer = {
  /** The authority line, starting with TM., KT., TL., TUQ. or Q. ("KT. GIÁM ĐỐC"); absent when the head signs in person. */
  authority?: string;
  /** The signer's title ("PHÓ GIÁM ĐỐC"). */
  title: string;
  /** The signer's full name; blank leaves the line for a hand-written name. */
  name?: string;
};

/** The document's particulars (thể thức); each has a default from the plans or the sender. */
export type Particulars = {
  /** "125/BC-SNgV", or "125" (the symbol added); blank: "Số:        /BC-SNgV" (no-break spaces) for the clerk to fill in. */
  number?: string;
  /** The symbol after "BC-" (default: the agency's symbol in its plans' numbers, "45/KH-SNgV" → "SNgV"). */
  symbol?: string;
  /** The place of the date line ("Hà Tĩnh"). */
  place?: string;
  /** The report's date, YYYY-MM-DD (default: the day it is generated, in the plans' time zone). */
  date?: string;
  /** The superior body written above the agency in the header ("UBND TỈNH HÀ TĨNH"). */
  superior?: string;
  signer?: Signer;
  /** Nơi nhận, one line each (default: the superior body and the bodies outside the agency its plans report to); "Lưu: VT." is added when missing. */
  recipients?: string[];
  /** The subject under BÁO CÁO (trích yếu); default: the results of the agency's plans in the period. */
  subject?: string;
};

export type ResolvedParticulars = {
  number: string;
  place: string;
  date: string;
  superior: string | null;
  signer: { authority: string | null; title: string; name: string };
  recipients: string[];
  subject: string | null;
};

const AUTHORITY = /^(TM|KT|TL|TUQ|Q)\.\s/;

/** The head of an agency by the kind its name says (a Sở has a Giám đốc, a Phòng a Trưởng phòng …). */
function headOf(sender: string): ResolvedParticulars['signer'] {
  if (/^(Ủy|Uỷ) ban nhân dân/i.test(sender) || /^UBND/.test(sender)) return { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: '' };
  if (/^Sở\s/.test(sender)) return { authority: null, title: 'GIÁM ĐỐC', name: '' };
  if (/^Phòng\s/.test(sender)) return { authority: null, title: 'TRƯỞNG PHÒNG', name: '' };
  if (/^Ban\s/.test(sender)) return { authority: null, title: 'TRƯỞNG BAN', name: '' };
  return { authority: null, title: 'THỦ TRƯỞNG CƠ QUAN', name: '' };
}

function symbolOf(plans: readonly PlanView[]): string | null {
  for (const plan of plans) {
    const match = /\/KH-(.+)$/.exec(plan.number ?? '');
    if (match) return match[1]!.trim();
  }
  return null;
}

const text = (value: string | undefined, field: string) => {
  if (value === undefined) return undefined;
  const trimmed = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (trimmed.length === 0 || trimmed.length > 300) throw new PlanlogError('VALIDATION', `${field}: give 1 to 300 characters`, { field });
  return trimmed;
};

/** The particulars with their defaults filled in, every text checked (1–300 characters, NFC). */
export function resolveParticulars(given: Particulars, plans: readonly PlanView[], generatedAt: Date, timeZone: string): ResolvedParticulars {
  const symbol = text(given.symbol, 'particulars.symbol') ?? symbolOf(plans);
  const number = text(given.number, 'particulars.number');
  const suffix = `/BC${symbol ? `-${symbol}` : ''}`;
  const date = text(given.date, 'particulars.date') ?? localDate(generatedAt, timeZone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new PlanlogError('VALIDATION', `particulars.date: "${date}" is not a date YYYY-MM-DD`, { field: 'particulars.date' });
  }
  const sender = plans[0]?.issuer?.name ?? '';
  let signer: ResolvedParticulars['signer'] = headOf(sender);
  if (given.signer) {
    const authority = text(given.signer.authority, 'particulars.signer.authority') ?? null;
    if (authority !== null && !AUTHORITY.test(authority)) {
      throw new PlanlogError('VALIDATION', 'particulars.signer.authority: starts with TM., KT., TL., TUQ. or Q. ("KT. GIÁM ĐỐC")', { field: 'particulars.signer.authority' });
    }
    signer = { authority, title: text(given.signer.title, 'particulars.signer.title')!, name: text(given.signer.name, 'particulars.signer.name') ?? '' };
  }
  // The bodies the plans report to, outside the agency (a plan's regime often names its own office,
  // to which the units report, which is no recipient of the agency's report).
  const sender0 = plans[0]?.issuer?.id ?? '';
  const outside = plans.flatMap((plan) => plan.reporting.flatMap((rule) => (rule.to && rule.to.id !== sender0 && !rule.to.id.startsWith(`${sender0}/`) ? [rule.to.name] : [])));
  const superior = text(given.superior, 'particulars.superior');
  const same = (a: string, b: string) => {
    const norm = (name: string) => name.replace(/^UBND/iu, 'Ủy ban nhân dân').toLocaleLowerCase('vi');
    return norm(a).startsWith(norm(b)) || norm(b).startsWith(norm(a));
  };
  const defaults: string[] = superior ? [superior] : [];
  for (const name of outside) if (!defaults.some((known) => same(known, name))) defaults.push(name);
  const recipients = (given.recipients ?? defaults).map((line, i) => text(line, `particulars.recipients.${i}`)!.replace(/^[-–]\s*/, '').replace(/[;.]$/, ''));
  if (!recipients.some((line) => /^Lưu\b/.test(line))) recipients.push('Lưu: VT');
  return {
    number: number === undefined ? `${'\u00a0'.repeat(8)}${suffix}` : number.includes('/') ? number : `${number}${suffix}`,
    place: text(given.place, 'particulars.place') ?? '……………',
    date,
    superior: superior ?? null,
    signer,
    recipients,
    subject: text(given.subject, 'particulars.subject') ?? null,
  };
}

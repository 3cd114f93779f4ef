import type { EventType, StoredEvent } from '../schemas/events.js';
import type { UnitRef } from '../schemas/primitives.js';
import { dateEn, dateVi, describeDeadline } from './describeDeadline.js';
import { formatLocalTime, formatLocalTimeVi } from './formatLocalTime.js';

/** One line on what an event changed, in Vietnamese and in English. */
export type EventDescription = { vi: string; en: string };

export type DescribeContext = {
  /** The name of a unit (or the actor's unit) by id; planlog's own actor for tick is `planlog`. */
  unitName: (unitId: string) => string;
  /** For instants in the text (due times). */
  timeZone: string;
  /** The subject of a report request by id, when known (from the plan's `report.requested`). */
  requestSubject?: (requestId: string) => string | undefined;
};

type Describer<T extends EventType> = (event: StoredEvent<T>, actor: string, context: DescribeContext) => EventDescription;

const names = (units: readonly UnitRef[]) => units.map((unit) => unit.name).join(', ');
const quoted = (text: string) => `“${text}”`;

function supportText(support: readonly UnitRef[]): EventDescription {
  return support.length === 0 ? { vi: '', en: '' } : { vi: `, phối hợp: ${names(support)}`, en: `, supported by ${names(support)}` };
}

const describers: { [T in EventType]: Describer<T> } = {
  // A plan under the first rules (every plan before rules versions, and the default) reads as it always did.
  'plan.drafted': ({ data }, actor) => ({
    vi: `${actor} soạn thảo kế hoạch ${quoted(data.title)}${(data.rules ?? 1) > 1 ? `, áp dụng quy tắc phiên bản ${data.rules}` : ''}`,
    en: `${actor} drafted the plan ${quoted(data.title)}${(data.rules ?? 1) > 1 ? `, under rules version ${data.rules}` : ''}`,
  }),
  'plan.issued': ({ data }, actor) => ({
    vi: `${actor} ban hành kế hoạch số ${data.number} ngày ${dateVi(data.issuedOn)}`,
    en: `${actor} issued the plan as No. ${data.number} of ${dateEn(data.issuedOn)}`,
  }),
  'plan.closed': ({ data }, actor) => ({
    vi: `${actor} kết thúc kế hoạch${data.note ? `: ${data.note}` : ''}`,
    en: `${actor} closed the plan${data.note ? `: ${data.note}` : ''}`,
  }),
  'plan.rules_upgraded': ({ data }, actor) => ({
    vi: `${actor} chuyển kế hoạch từ quy tắc phiên bản ${data.from} sang phiên bản ${data.to}${data.note ? `: ${data.note}` : ''}`,
    en: `${actor} moved the plan from rules version ${data.from} to version ${data.to}${data.note ? `: ${data.note}` : ''}`,
  }),
  'task.added': ({ data }, actor) => {
    const title = `${data.ref ? `${data.ref} ` : ''}${quoted(data.title)}`;
    const support = supportText(data.support);
    const deadline = data.deadline && describeDeadline(data.deadline);
    return {
      vi: `${actor} thêm nhiệm vụ ${title}${data.lead ? `, chủ trì: ${data.lead.name}` : ''}${support.vi}${deadline ? `, thời hạn: ${deadline.vi}` : ''}`,
      en: `${actor} added the task ${title}${data.lead ? `, led by ${data.lead.name}` : ''}${support.en}${deadline ? `, deadline ${deadline.en}` : ''}`,
    };
  },
  'task.assigned': ({ data }, actor) => {
    const support = supportText(data.support);
    const deadline = describeDeadline(data.deadline);
    return {
      vi: `${actor} giao ${data.lead.name} chủ trì${support.vi}, thời hạn: ${deadline.vi}`,
      en: `${actor} assigned the task to ${data.lead.name}${support.en}, deadline ${deadline.en}`,
    };
  },
  'task.acknowledged': (_event, actor) => ({ vi: `${actor} xác nhận đã nhận nhiệm vụ`, en: `${actor} acknowledged the task` }),
  'task.reported': ({ data }, actor, context) => {
    const vi = data.final ? `${actor} báo cáo hoàn thành (báo cáo cuối cùng)` : `${actor} báo cáo tiến độ${data.progress === null ? '' : ` ${data.progress}%`}`;
    const en = data.final ? `${actor} submitted the final report` : `${actor} reported progress${data.progress === null ? '' : ` of ${data.progress}%`}`;
    const period = data.period ? { vi: `, kỳ báo cáo: ${data.period}`, en: `, period: ${data.period}` } : { vi: '', en: '' };
    const subject = data.requestId ? context.requestSubject?.(data.requestId) : undefined;
    const request = !data.requestId
      ? { vi: '', en: '' }
      : subject
        ? { vi: `, trả lời yêu cầu ${quoted(subject)}`, en: `, answering the request ${quoted(subject)}` }
        : { vi: ', trả lời yêu cầu báo cáo', en: ', answering a report request' };
    return { vi: vi + period.vi + request.vi, en: en + period.en + request.en };
  },
  'task.report_accepted': ({ data }, actor) => ({
    vi: `${actor} chấp nhận báo cáo, nhiệm vụ hoàn thành${data.note ? ` (${data.note})` : ''}`,
    en: `${actor} accepted the final report; the task is completed${data.note ? ` (${data.note})` : ''}`,
  }),
  'task.report_returned': ({ data }, actor) => ({ vi: `${actor} trả lại báo cáo: ${data.reason}`, en: `${actor} returned the report: ${data.reason}` }),
  'task.deadline_extended': ({ data }, actor) => {
    const deadline = describeDeadline(data.deadline);
    return { vi: `${actor} gia hạn đến ${deadline.vi}: ${data.reason}`, en: `${actor} extended the deadline to ${deadline.en}: ${data.reason}` };
  },
  'task.reassigned': ({ data }, actor) => {
    const support = supportText(data.support);
    return {
      vi: `${actor} giao lại cho ${data.lead.name} chủ trì${support.vi}: ${data.reason}`,
      en: `${actor} reassigned the task to ${data.lead.name}${support.en}: ${data.reason}`,
    };
  },
  'task.cancelled': ({ data }, actor) => ({ vi: `${actor} hủy nhiệm vụ: ${data.reason}`, en: `${actor} cancelled the task: ${data.reason}` }),
  'task.overdue': ({ data }, _actor, { timeZone }) => ({
    vi: `Nhiệm vụ quá hạn (hạn: ${formatLocalTimeVi(data.dueAt, timeZone)})`,
    en: `The task fell overdue (due ${formatLocalTime(data.dueAt, timeZone)})`,
  }),
  'report.requested': ({ data }, actor, { timeZone }) => {
    const due = { vi: formatLocalTimeVi(data.dueAt, timeZone), en: formatLocalTime(data.dueAt, timeZone) };
    // A periodic obligation (opened by tick, with its period) or an ad-hoc request (đột xuất) by the issuer.
    return data.period
      ? {
          vi: `Đến kỳ báo cáo ${data.period}: ${names(data.units)} gửi ${quoted(data.subject)}, hạn: ${due.vi}`,
          en: `Reporting period ${data.period} opened: ${names(data.units)} to send ${quoted(data.subject)}, due ${due.en}`,
        }
      : {
          vi: `${actor} yêu cầu ${names(data.units)} báo cáo đột xuất ${quoted(data.subject)}, hạn: ${due.vi}`,
          en: `${actor} asked ${names(data.units)} for an ad-hoc report ${quoted(data.subject)}, due ${due.en}`,
        };
  },
  'report.overdue': ({ data }, _actor, { timeZone, requestSubject }) => {
    const subject = requestSubject?.(data.requestId);
    return {
      vi: `${data.unit.name} quá hạn gửi báo cáo${subject ? ` ${quoted(subject)}` : ''} (hạn: ${formatLocalTimeVi(data.dueAt, timeZone)})`,
      en: `${data.unit.name} missed the report${subject ? ` ${quoted(subject)}` : ''} due ${formatLocalTime(data.dueAt, timeZone)}`,
    };
  },
};

/**
 * What an event changed, in one line each in Vietnamese and English, naming the acting unit:
 * `Phòng Xây dựng pháp luật báo cáo hoàn thành (báo cáo cuối cùng)` / `Phòng Xây dựng pháp luật
 * submitted the final report`. The event must be at the current schema version (see `upcastEvent`).
 */
export function describeEvent(event: StoredEvent, context: DescribeContext): EventDescription {
  const describe = describers[event.type] as Describer<EventType>;
  return describe(event, context.unitName(event.actor.unitId), context);
}

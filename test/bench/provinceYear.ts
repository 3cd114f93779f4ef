// One province's year of plans, played through the engine's real commands (the seeder of
// provinceScale.ts). Every event is decided by the machines: drafts, tasks, issues, acknowledgements,
// progress reports (answering the quarterly obligations the engine opens), final reports, reviews
// (accepted or returned), some extensions, and a tick every day that marks what fell due.
import { createEngine, DEFAULT_TIME_ZONE, decree09Calendar, isPlanlogError, localMidnight, manualClock, periodDueAt, periodsOfRule, type Deadline, type Engine, type EventStore, type ReportingRule } from '../../packages/core/src/index.js';
import { mulberry32, type Random } from '../../packages/core/src/random.js';

export type ProvinceYearOptions = {
  /** Where the engine writes (a memory store for speed; any store works). */
  store: EventStore;
  plans: number;
  tasksPerPlan: number;
  seed: number;
};

export type ProvinceYear = {
  engine: Engine;
  /** Commands the engine refused: the model and the machines disagree (0 in a healthy run). */
  refusals: { command: string; code: string; message: string }[];
  /** Commands run (ticks not counted) and ticks. */
  commands: number;
  ticks: number;
  /** The instant the year ends: the clock of whatever runs on this log next. */
  end: Date;
};

const YEAR = 2026;
const DAY_MS = 86_400_000;
/** Day 0 is Monday 5 January 2026; the year is played to 15 January 2027 so late final reports are reviewed. */
const ORIGIN = localMidnight(YEAR, 1, 5, DEFAULT_TIME_ZONE).getTime();
const LAST_DAY = Math.round((localMidnight(YEAR + 1, 1, 15, DEFAULT_TIME_ZONE).getTime() - ORIGIN) / DAY_MS);
const OFFICE_HOUR = 9;
const at = (day: number, hour = OFFICE_HOUR) => new Date(ORIGIN + day * DAY_MS + hour * 3_600_000);
const dayOf = (instant: string | Date) => Math.floor((new Date(instant).getTime() - ORIGIN) / DAY_MS);

/** The issuing agencies of a province and the units that lead its tasks (an issuer never leads its own plan's tasks). */
export const ISSUERS = ['ubnd-tinh', 'so-noi-vu', 'so-tu-phap', 'so-tai-chinh', 'so-xay-dung'].map((id) => ({ id, name: `Đơn vị ${id}` }));
export const LEADS = [
  'so-giao-duc', 'so-y-te', 'so-cong-thuong', 'so-nong-nghiep', 'so-van-hoa', 'so-khoa-hoc', 'so-ngoai-vu', 'so-dan-toc',
  'cong-an-tinh', 'thanh-tra-tinh', 'ubnd-xa-1', 'ubnd-xa-2', 'ubnd-xa-3', 'ubnd-xa-4', 'ubnd-xa-5', 'ubnd-xa-6',
].map((id) => ({ id, name: `Đơn vị ${id}` }));
const PROGRESS = ['Đã triển khai đến cán bộ, công chức; đang tiếp tục thực hiện', 'Đã lồng ghép vào hoạt động chuyên môn; kết quả bước đầu tích cực', 'Thực hiện đúng tiến độ; chưa phát sinh vướng mắc'];
const QUARTERLY: ReportingRule = { period: 'quarter' };
const periods = periodsOfRule(decree09Calendar, QUARTERLY, YEAR).map((period) => ({ key: period.key, label: period.label, day: dayOf(periodDueAt(period, QUARTERLY, DEFAULT_TIME_ZONE)) - 1 }));

export const planIdOf = (plan: number) => `kh-${String(plan + 1).padStart(3, '0')}`;
export const taskIdOf = (plan: number, task: number) => `${planIdOf(plan)}-nv-${String(task + 1).padStart(2, '0')}`;

/** Most tasks are due within the year; a third run into the next one (the plans' multi-year work), and are still open when the year ends. */
function deadlineOf(random: Random): Deadline {
  const roll = random.next();
  if (roll < 0.33) return random.chance(0.5) ? { kind: 'year', year: YEAR + 1 } : { kind: 'quarter', year: YEAR + 1, quarter: random.pick([2, 3, 4] as const) };
  if (roll < 0.45) return { kind: 'year', year: YEAR };
  if (roll < 0.55) return { kind: 'half', year: YEAR, half: random.chance(0.5) ? 1 : 2 };
  return { kind: 'quarter', year: YEAR, quarter: random.pick([2, 3, 4] as const) };
}

/** Play the year on `store` (which should be empty); resolves once the last tick has run. */
export async function simulateProvinceYear(options: ProvinceYearOptions): Promise<ProvinceYear> {
  const { store, plans, tasksPerPlan } = options;
  const random = mulberry32(options.seed);
  const clock = manualClock(at(0));
  const engine = createEngine({ store, clock, checkpoints: false });
  const agenda: (() => Promise<void>)[][] = Array.from({ length: LAST_DAY + 1 }, () => []);
  /** Run on `day` (today if it has passed); nothing after the year's last day. */
  const later = (day: number, run: () => Promise<void>) => {
    if (day <= LAST_DAY) agenda[Math.max(day, today)]!.push(run);
  };
  const refusals: ProvinceYear['refusals'] = [];
  const diligence = new Map(LEADS.map((unit) => [unit.id, 0.3 + 0.7 * random.next()]));
  let today = 0;
  let commands = 0;

  /** Run a command; a refusal is kept (and the year goes on). */
  async function act(command: string, run: () => Promise<unknown>): Promise<boolean> {
    commands++;
    try {
      await run();
      return true;
    } catch (error) {
      if (!isPlanlogError(error)) throw error;
      refusals.push({ command, code: error.code, message: error.message });
      return false;
    }
  }

  /** The task's state, lead and due day as the engine's live state holds them. */
  async function taskNow(taskId: string) {
    const task = await engine.getTask(taskId);
    return { state: task.state, lead: task.lead!, dueDay: task.dueAt === null ? LAST_DAY : dayOf(task.dueAt), reports: task.reports };
  }
  const working = (state: string) => state === 'assigned' || state === 'acknowledged' || state === 'in_progress';

  function scheduleFinal(issuer: { id: string }, taskId: string, day: number) {
    later(day, async () => {
      const task = await taskNow(taskId);
      if (!working(task.state)) return;
      const sent = await act('reportTask final', () => engine.reportTask({ actor: { unitId: task.lead.id }, taskId, final: true, text: `Báo cáo kết quả thực hiện nhiệm vụ ${taskId}: đã hoàn thành` }));
      if (sent) scheduleReview(issuer, taskId, today + random.int(1, 5));
    });
  }

  function scheduleReview(issuer: { id: string }, taskId: string, day: number) {
    later(day, async () => {
      const task = await taskNow(taskId);
      if (task.state !== 'submitted') return;
      const returnedBefore = task.reports.some((report) => report.status === 'returned');
      if (!returnedBefore && random.chance(0.25)) {
        const sent = await act('returnReport', () => engine.returnReport({ actor: { unitId: issuer.id }, taskId, reason: 'Đề nghị bổ sung số liệu minh chứng' }));
        if (sent) scheduleFinal(issuer, taskId, today + random.int(4, 12));
      } else {
        await act('acceptReport', () => engine.acceptReport({ actor: { unitId: issuer.id }, taskId, note: 'Đạt yêu cầu' }));
      }
    });
  }

  function scheduleTask(planId: string, issuer: { id: string }, taskId: string, issueDay: number, dueDay: number, lead: { id: string }) {
    if (random.chance(0.9)) {
      later(issueDay + random.int(1, 10), async () => {
        if ((await taskNow(taskId)).state === 'assigned') await act('acknowledgeTask', () => engine.acknowledgeTask({ actor: { unitId: lead.id }, taskId }));
      });
    }
    let progress = 0;
    for (const period of periods) {
      if (period.day < issueDay + 7 || random.chance(0.1)) continue;
      later(period.day - random.int(0, 6), async () => {
        const task = await taskNow(taskId);
        if (!working(task.state)) return;
        const requestId = `periodic-${period.key}`;
        const asked = (await engine.getPlan(planId)).requests.some((request) => request.requestId === requestId && request.units.some((unit) => unit.id === task.lead.id));
        progress = Math.min(90, progress + random.int(10, 30));
        await act('reportTask progress', () =>
          engine.reportTask({ actor: { unitId: task.lead.id }, taskId, period: period.label, progress, text: `Báo cáo ${period.label}: ${random.pick(PROGRESS)}`, ...(asked ? { requestId } : {}) }),
        );
      });
    }
    if (random.chance(0.04)) {
      later(dueDay - random.int(5, 20), async () => {
        const task = await taskNow(taskId);
        if (!working(task.state)) return;
        const extended = await act('extendDeadline', () =>
          engine.extendDeadline({ actor: { unitId: issuer.id }, taskId, deadline: { kind: 'year', year: YEAR + 1 }, reason: 'Chờ hướng dẫn của bộ, ngành; gia hạn đến hết năm sau' }),
        );
        if (extended) scheduleFinal(issuer, taskId, today + random.int(30, 90));
      });
      return;
    }
    const onTime = 0.45 + 0.45 * diligence.get(lead.id)!;
    const roll = random.next();
    if (roll < onTime) scheduleFinal(issuer, taskId, dueDay - random.int(3, 30));
    else if (roll < onTime + (1 - onTime) * 0.65) scheduleFinal(issuer, taskId, dueDay + random.int(1, 20));
    // else: no final report this year; the task stays overdue.
  }

  for (let p = 0; p < plans; p++) {
    const issueDay = Math.floor((p * 70) / Math.max(1, plans));
    later(issueDay, async () => {
      const planId = planIdOf(p);
      const issuer = ISSUERS[p % ISSUERS.length]!;
      await act('draftPlan', () =>
        engine.draftPlan({ actor: { unitId: issuer.id }, planId, issuer, title: `Kế hoạch ${p + 1}/KH năm ${YEAR}`, objectives: ['Triển khai kịp thời, hiệu quả'], reporting: [QUARTERLY] }),
      );
      for (let t = 0; t < tasksPerPlan; t++) {
        const lead = random.pick(LEADS);
        const support = random.shuffle(LEADS.filter((unit) => unit.id !== lead.id)).slice(0, random.int(0, 2));
        await act('addTask', () =>
          engine.addTask({ actor: { unitId: issuer.id }, planId, taskId: taskIdOf(p, t), ref: `II.${t + 1}`, title: `Nhiệm vụ ${t + 1} của kế hoạch ${p + 1}`, lead, support, deadline: deadlineOf(random) }),
        );
      }
      await act('issuePlan', () => engine.issuePlan({ actor: { unitId: issuer.id }, planId, number: `${p + 1}/KH-${issuer.id.toUpperCase()}`, issuedOn: at(today).toISOString().slice(0, 10) }));
      for (const task of await engine.getTasks(planId)) {
        if (task.lead && task.dueAt) scheduleTask(planId, issuer, task.taskId, issueDay, dayOf(task.dueAt), task.lead);
      }
    });
  }

  let ticks = 0;
  for (today = 0; today <= LAST_DAY; today++) {
    clock.set(at(today));
    await engine.tick();
    ticks++;
    // Actions scheduled for today while today runs are run today too.
    for (let i = 0; i < agenda[today]!.length; i++) await agenda[today]![i]!();
    agenda[today] = [];
  }
  const end = at(LAST_DAY + 1, 0);
  clock.set(end);
  await engine.tick();
  return { engine, refusals, commands, ticks: ticks + 1, end };
}

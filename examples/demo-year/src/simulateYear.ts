import { createEngine, isPlanlogError, manualClock, type Engine, type EventStore, type TaskView, type UnitRef } from '@planlog/core';
import { mulberry32 } from '@planlog/core/random';
export { SIMULATION_END } from './yearModel.js';
import { agenda } from './agenda.js';
import { isInside } from './agencyUnits.js';
import { importDemoPlans, issueDemoPlan, type ImportedPlan } from './importSamples.js';
import {
  LAST_DAY,
  OFFICE_HOUR,
  OPEN_STATES,
  PROGRESS_TEXTS,
  RETURN_REASONS,
  SIMULATION_END,
  cal,
  periodicDates,
  unitsOfSection,
  type Period,
} from './yearModel.js';

export type SimulationOptions = {
  store: EventStore;
  seed: number;
  /** Called with one line per simulated month. */
  onProgress?: (line: string) => void;
  /** The plans, read from the sample texts; by default `importDemoPlans()`. */
  plans?: readonly ImportedPlan[];
};

/** A command the engine refused, or something the model wanted to do and could not. */
export type Problem = { on: string; action: string; code: string; message: string };

export type SimulationResult = {
  engine: Engine;
  plans: readonly ImportedPlan[];
  /** The instant the simulation ends and the summary is taken. */
  asOf: Date;
  seed: number;
  events: number;
  problems: Problem[];
};

/** Simulate the plan year: issue the plans read from the samples, then let the units and the plan owners act, day by day. */
export async function simulateYear(options: SimulationOptions): Promise<SimulationResult> {
  const { store, seed } = options;
  const plans = options.plans ?? importDemoPlans();
  const random = mulberry32(seed);
  const clock = manualClock(cal.at(0, OFFICE_HOUR));
  const engine = createEngine({ store, clock });
  const todo = agenda();
  const problems: Problem[] = [];
  const monthNotes: string[] = [];
  const diligence = new Map<string, number>();
  const progress = new Map<string, number>();
  const planOf = new Map<string, ImportedPlan>();
  /** Task ids by plan id and ref, known once the plan is issued. */
  const taskIds = new Map<string, Map<string, string>>();
  let today = 0;

  const owner = (plan: ImportedPlan) => ({ unitId: plan.issuer.id });
  const diligenceOf = (unit: UnitRef) => {
    if (!diligence.has(unit.id)) diligence.set(unit.id, 0.25 + 0.75 * random.next());
    return diligence.get(unit.id)!;
  };
  const taskIdOf = (plan: ImportedPlan, ref: string) => {
    const taskId = taskIds.get(plan.planId)?.get(ref);
    if (taskId === undefined) throw new Error(`no task ${ref} in ${plan.planId} (not issued yet, or not in the document)`);
    return taskId;
  };

  /** Run a command; a refusal is recorded, never hidden, and the simulation goes on. */
  async function act(action: string, command: () => Promise<unknown>): Promise<boolean> {
    try {
      await command();
      return true;
    } catch (error) {
      if (!isPlanlogError(error)) throw error;
      problems.push({ on: clock.now().toISOString(), action, code: error.code, message: error.message });
      return false;
    }
  }

  /** A task as it is now, or null once it no longer takes the work the caller wants to do. */
  async function openTask(taskId: string): Promise<TaskView | null> {
    const task = await engine.getTask(taskId);
    return OPEN_STATES.has(task.state) && task.lead !== null ? task : null;
  }

  function scheduleAcknowledge(taskId: string, day: number) {
    todo.at(day, async () => {
      const task = await engine.getTask(taskId);
      if (task.state !== 'assigned' || !task.lead) return;
      await act(`acknowledge ${task.ref}`, () => engine.acknowledgeTask({ actor: { unitId: task.lead!.id }, taskId }));
    });
  }

  function scheduleProgress(plan: ImportedPlan, taskId: string, day: number, period: Period) {
    const { label } = period;
    todo.at(day, async () => {
      const task = await openTask(taskId);
      if (!task) {
        // The unit may still owe the period's report (an obligation the engine opened), but a task
        // that is submitted or completed takes no report: say so rather than drop it silently.
        const now = await engine.getTask(taskId);
        if (now.lead && (await periodicRequestFor(plan, period, now.lead)) && !(await hasOpenTask(plan, now.lead))) {
          problems.push({
            on: clock.now().toISOString(),
            action: `answer periodic-${period.key} by ${now.lead.id}`,
            code: 'NO_OPEN_TASK',
            message: `${now.ref} is ${now.state} and ${now.lead.name} has no open task in ${plan.number} to carry its ${label} report`,
          });
        }
        return;
      }
      const requestId = await periodicRequestFor(plan, period, task.lead!);
      const value = Math.min(90, (progress.get(taskId) ?? 0) + random.int(15, 35));
      progress.set(taskId, value);
      const text = `Báo cáo ${label}: ${random.pick(PROGRESS_TEXTS)}`;
      await act(`progress ${task.ref}`, () =>
        engine.reportTask({ actor: { unitId: task.lead!.id }, taskId, text, period: label, progress: value, ...(requestId ? { requestId } : {}) }),
      );
      // A coordinating unit inside the agency sometimes sends its own part (phối hợp).
      const inside = task.support.filter((unit) => isInside(plan.issuer, unit));
      if (inside.length > 0 && random.chance(0.3)) {
        const unit = random.pick(inside);
        await act(`support progress ${task.ref}`, () =>
          engine.reportTask({ actor: { unitId: unit.id }, taskId, text: `${unit.name} phối hợp: ${random.pick(PROGRESS_TEXTS)}`, period: label }),
        );
      }
    });
  }

  async function hasOpenTask(plan: ImportedPlan, unit: UnitRef): Promise<boolean> {
    return (await engine.getTasks(plan.planId)).some((task) => OPEN_STATES.has(task.state) && task.lead?.id === unit.id);
  }

  /** The engine's periodic obligation for this period, when it has opened one that asks this unit. */
  async function periodicRequestFor(plan: ImportedPlan, period: Period, unit: UnitRef): Promise<string | undefined> {
    const requestId = `periodic-${period.key}`;
    const { requests } = await engine.getPlan(plan.planId);
    return requests.some((request) => request.requestId === requestId && request.units.some((u) => u.id === unit.id)) ? requestId : undefined;
  }

  /** Decide, from the lead's diligence, when (and whether) the final report comes: on time, late or not at all. */
  function scheduleFinalPlan(taskId: string, day: number) {
    todo.at(day, async () => {
      const task = await openTask(taskId);
      if (!task || task.dueAt === null) return;
      const dueDay = cal.dayOf(task.dueAt);
      const onTime = 0.45 + 0.45 * diligenceOf(task.lead!);
      const roll = random.next();
      if (roll < onTime) scheduleFinal(taskId, task.dueAt, Math.max(today, dueDay - random.int(3, 40)));
      else if (roll < onTime + (1 - onTime) * 0.65) scheduleFinal(taskId, task.dueAt, dueDay + random.int(1, 12));
      // else: no final report this year; the task stays overdue.
    });
  }

  function scheduleFinal(taskId: string, plannedDueAt: string, day: number) {
    todo.at(day, async () => {
      const task = await openTask(taskId);
      if (!task) return;
      // The deadline moved since the unit planned its report: it plans again.
      if (task.dueAt !== plannedDueAt) return scheduleFinalPlan(taskId, today);
      const text = `Báo cáo kết quả thực hiện nhiệm vụ ${task.ref}: đã hoàn thành các nội dung được giao`;
      const sent = await act(`final ${task.ref}`, () => engine.reportTask({ actor: { unitId: task.lead!.id }, taskId, text, final: true }));
      if (sent) scheduleReview(taskId, today + random.int(1, 5));
    });
  }

  /** The plan owner reviews a final report: sends it back once in a while, otherwise accepts it. */
  function scheduleReview(taskId: string, day: number) {
    todo.at(day, async () => {
      const task = await engine.getTask(taskId);
      if (task.state !== 'submitted') return;
      const plan = planOf.get(task.planId)!;
      const returnedBefore = task.reports.some((report) => report.status === 'returned');
      if (!returnedBefore && random.chance(0.3)) {
        const reason = random.pick(RETURN_REASONS);
        const sent = await act(`return ${task.ref}`, () => engine.returnReport({ actor: owner(plan), taskId, reason }));
        if (sent) scheduleFinal(taskId, task.dueAt!, today + random.int(4, 12));
        return;
      }
      await act(`accept ${task.ref}`, () => engine.acceptReport({ actor: owner(plan), taskId, note: 'Đạt yêu cầu' }));
    });
  }

  /** What follows from issuing a plan: acknowledgements, periodic reports and final reports. */
  function scheduleTasks(plan: ImportedPlan, issueDay: number, scripted: ReadonlySet<string>) {
    const dates = periodicDates(plan).filter(({ day }) => day >= issueDay + 14);
    for (const task of plan.tasks) {
      const taskId = taskIdOf(plan, task.ref);
      scheduleAcknowledge(taskId, issueDay + random.int(1, 10));
      for (const period of dates) {
        const roll = random.next();
        if (roll < 0.1) continue; // this period's report never comes
        scheduleProgress(plan, taskId, roll < 0.75 ? period.day - random.int(0, 6) : period.day + random.int(1, 12), period);
      }
      if (task.deadline.kind !== 'ongoing' && !scripted.has(`${plan.planId} ${task.ref}`)) {
        scheduleFinalPlan(taskId, issueDay + 5);
      }
    }
  }

  // The scripted moments of the year: one extension, one reassignment, one ad-hoc report request.
  const planNamed = (planId: string) => {
    const plan = plans.find((p) => p.planId === planId);
    if (!plan) throw new Error(`the scripted moments need plan ${planId}`);
    return plan;
  };
  const foreignAffairs = planNamed('sngv-dn-2026');
  const justice = planNamed('stp-pbgdpl-2026');

  function scheduleScript() {
    todo.at(cal.day(2026, 6, 22), async () => {
      const extended = taskIdOf(foreignAffairs, 'II.1-3');
      const ok = await act('extend II.1-3', () =>
        engine.extendDeadline({
          actor: owner(foreignAffairs),
          taskId: extended,
          deadline: { kind: 'quarter', year: 2026, quarter: 3 },
          reason: 'Chờ quyết định quy định chức năng, nhiệm vụ của Sở sau sắp xếp; Văn phòng Sở đề nghị gia hạn đến hết Quý III/2026',
        }),
      );
      if (ok) monthNotes.push(`gia hạn II.1-3 (${foreignAffairs.number}) đến Quý III/2026`);
      scheduleFinalPlan(extended, today + 1);
    });

    todo.at(cal.day(2026, 7, 6), async () => {
      const reassigned = taskIdOf(justice, 'II.2.c');
      const task = await engine.getTask(reassigned);
      const [newLead, ...others] = task.support;
      if (!newLead || !task.lead) return;
      const ok = await act('reassign II.2.c', () =>
        engine.reassignTask({
          actor: owner(justice),
          taskId: reassigned,
          lead: newLead,
          support: [task.lead!, ...others],
          reason: `Phân công lại: ${newLead.name} chủ trì, kết hợp với đợt tập huấn hòa giải viên ở cơ sở (II.2.a)`,
        }),
      );
      if (ok) {
        monthNotes.push(`giao lại II.2.c (${justice.number}) cho ${newLead.name}`);
        scheduleAcknowledge(reassigned, today + random.int(2, 6));
      }
    });

    const requestId = `${foreignAffairs.planId}:dot-xuat-1`;
    const requestDay = cal.day(2026, 8, 3);
    const dueDay = cal.day(2026, 8, 14); // "trước ngày 14/8/2026"
    todo.at(requestDay, async () => {
      const units = unitsOfSection(foreignAffairs, 'II.');
      const ok = await act('request ad-hoc report', () =>
        engine.requestReport({
          actor: owner(foreignAffairs),
          planId: foreignAffairs.planId,
          requestId,
          units,
          subject: 'Báo cáo đột xuất kết quả công tác đối ngoại 7 tháng đầu năm 2026, phục vụ làm việc với Đoàn công tác của Bộ Ngoại giao',
          dueAt: cal.at(dueDay).toISOString(),
        }),
      );
      if (!ok) return;
      monthNotes.push(`yêu cầu báo cáo đột xuất (${foreignAffairs.number}) gửi ${units.length} đơn vị`);
      // Two answer in time, one late, one never.
      const [first, second, late] = random.shuffle(units);
      for (const [unit, day] of [
        [first!, requestDay + random.int(2, 9)],
        [second!, requestDay + random.int(2, 9)],
        [late!, dueDay + random.int(3, 10)],
      ] as const) {
        todo.at(day, () => answerRequest(foreignAffairs, requestId, unit));
      }
    });
  }

  /** A unit answers an ad-hoc request with a report on one of its open tasks of the plan. */
  async function answerRequest(plan: ImportedPlan, requestId: string, unit: UnitRef) {
    const tasks = await engine.getTasks(plan.planId);
    const task = tasks.find((t) => OPEN_STATES.has(t.state) && t.lead?.id === unit.id);
    if (!task) {
      problems.push({ on: clock.now().toISOString(), action: `answer ${requestId}`, code: 'NO_OPEN_TASK', message: `${unit.name} has no open task to carry its answer` });
      return;
    }
    await act(`answer ${requestId} by ${unit.id}`, () =>
      engine.reportTask({
        actor: { unitId: unit.id },
        taskId: task.taskId,
        requestId,
        period: 'đột xuất',
        text: `${unit.name}: kết quả thực hiện nhiệm vụ đối ngoại 7 tháng đầu năm 2026 theo đề cương`,
      }),
    );
  }

  // The extended task plans its final report again after the extension, not before.
  const scripted = new Set([`${foreignAffairs.planId} II.1-3`]);
  // Issue each plan on its day; everything else follows from the agenda.
  const issued: string[] = [];
  for (const plan of plans) {
    const [year, month, day] = plan.issuedOn.split('-').map(Number) as [number, number, number];
    const issueDay = cal.day(year, month, day);
    planOf.set(plan.planId, plan);
    todo.at(issueDay, async () => {
      taskIds.set(plan.planId, await issueDemoPlan(engine, plan));
      issued.push(plan.planId);
      monthNotes.push(`ban hành Kế hoạch ${plan.number} (${plan.tasks.length} nhiệm vụ)`);
      scheduleTasks(plan, issueDay, scripted);
    });
  }
  scheduleScript();

  // The days of the year.
  let position = 0;
  let events = 0;
  let overdueTasks = 0;
  let overdueReports = 0;
  async function reportMonth(label: string) {
    for await (const event of store.readAll({ fromPosition: position + 1 })) {
      position = event.position;
      events++;
      if (event.type === 'task.overdue') overdueTasks++;
      if (event.type === 'report.overdue') overdueReports++;
    }
    let overdueNow = 0;
    for (const planId of issued) overdueNow += (await engine.getPlanSummary(planId)).overdueUnfinished;
    const notes = monthNotes.length > 0 ? `; ${monthNotes.join('; ')}` : '';
    options.onProgress?.(
      `${label}: ${events} sự kiện, ${overdueTasks} nhiệm vụ và ${overdueReports} báo cáo quá hạn mới; đang quá hạn ${overdueNow} nhiệm vụ${notes}`,
    );
    events = 0;
    overdueTasks = 0;
    overdueReports = 0;
    monthNotes.length = 0;
  }

  const monthLabel = (day: number) => {
    const date = cal.at(day, OFFICE_HOUR);
    const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' })
      .format(date)
      .split('-')
      .map(Number) as [number, number];
    return `Tháng ${month}/${year}`;
  };

  for (today = 0; today <= LAST_DAY; today++) {
    if (today > 0 && monthLabel(today) !== monthLabel(today - 1)) await reportMonth(monthLabel(today - 1));
    clock.set(cal.at(today, OFFICE_HOUR));
    await engine.tick();
    for (let run = todo.takeDue(today); run; run = todo.takeDue(today)) await run();
  }
  const asOf = SIMULATION_END;
  clock.set(asOf);
  await engine.tick();
  await reportMonth(`${monthLabel(LAST_DAY)} (đến ngày 15)`);

  return { engine, plans, asOf, seed, events: position, problems };
}

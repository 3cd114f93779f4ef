import { PlanlogError } from '../base/errors.js';
import type { CompiledMachine, CompiledState } from '../machines/compileMachine.js';
import type { MachineEvent } from '../machines/machineEvent.js';
import type { PlanContext } from '../machines/planMachine.js';
import { compiledRules, DEFAULT_RULES_VERSION } from '../machines/rulesVersions.js';
import type { TaskContext } from '../machines/taskMachine.js';
import type { EventData, EventType, NewEvent } from '../schemas/events.js';
import type { CommandName } from '../schemas/commands.js';
import type { Actor } from '../schemas/primitives.js';
import type { StreamAppend } from '../store/EventStore.js';
import type { CalendarSettings } from '../state/CalendarSettings.js';
import type { LiveState, PlanEntry, TaskEntry } from '../state/LiveState.js';
import { newEvent } from './newEvent.js';
import type { Policy } from './policy.js';
import { planStream, taskStream } from '../state/streams.js';
import { toPlanView, toTaskStateView } from '../state/views.js';

/**
 * What a command handler works with: the live state it decides on, the moment, and helpers that
 * make events, ask the machines and collect the appends of one command (all or nothing).
 */
export class CommandRun {
  readonly at: string;
  private readonly pending = new Map<string, { append: StreamAppend & { events: NewEvent[] }; machineState: CompiledState<unknown>; rules: number }>();

  constructor(
    readonly live: LiveState,
    readonly now: Date,
    private readonly meta: { command: CommandName; actor: Actor; commandId: string; correlationId: string; causationId: string | null },
    private readonly policy: Policy,
    /** The calendars due instants are computed with. */
    readonly calendars: CalendarSettings,
  ) {
    this.at = now.toISOString();
  }

  plan(planId: string, field = 'planId'): PlanEntry {
    const entry = this.live.plans.get(planId);
    if (!entry) throw new PlanlogError('NOT_FOUND', `${field}: no plan ${planId}`, { field });
    return entry;
  }

  task(taskId: string, field = 'taskId'): TaskEntry {
    const entry = this.live.tasks.get(taskId);
    if (!entry) throw new PlanlogError('NOT_FOUND', `${field}: no task ${taskId}`, { field });
    return entry;
  }

  /** Refuse with FORBIDDEN unless the policy allows the actor this command. */
  authorize(plan: PlanEntry, task?: TaskEntry, final?: boolean): void {
    const verdict = this.policy({
      command: this.meta.command,
      actor: this.meta.actor,
      plan: toPlanView(plan),
      ...(task ? { task: toTaskStateView(task) } : {}),
      ...(final === undefined ? {} : { final }),
    });
    if (verdict !== true) {
      throw new PlanlogError('FORBIDDEN', `actor.unitId: ${this.meta.actor.unitId} is not allowed: ${verdict}`, {
        field: 'actor.unitId',
        details: { command: this.meta.command },
      });
    }
  }

  /** Refuse with ILLEGAL_TRANSITION unless the plan's state carries the tag. */
  requirePlanTag(plan: PlanEntry, tag: 'accepts-tasks' | 'running'): void {
    const machine = compiledRules(plan.rules).plan;
    if (!machine.hasTag(plan.machineState, tag)) {
      const wants = [...machine.tagged(tag)].join(' or ');
      throw new PlanlogError('ILLEGAL_TRANSITION', `planId: plan ${plan.machineState.context.planId} is ${plan.machineState.value}, must be ${wants}`, {
        field: 'planId',
        details: { state: plan.machineState.value, tag },
      });
    }
  }

  event<T extends EventType>(type: T, data: EventData<T>): NewEvent<T> {
    const { actor, commandId, causationId, correlationId } = this.meta;
    return newEvent(type, data, { actor, commandId, causationId, correlationId, recordedAt: this.at });
  }

  /**
   * Ask the task machine of the rules version in force for the task's plan about an event; queue it
   * for append when the machine accepts it. The machine is asked through its compiled step
   * (`compiledRules`: derived from the XState machine, proven equal to its `transition()` by the
   * property tests in test/properties), the step the live state folds the appended event with.
   */
  decideTask(entry: TaskEntry | undefined, taskId: string, event: NewEvent): CompiledState<TaskContext> {
    const streamId = taskStream(taskId);
    const rules = this.pending.get(streamId)?.rules ?? entry?.rules ?? this.live.rulesOf(event.type === 'task.added' ? event.data.planId : undefined);
    return this.decideEvent(compiledRules(rules).task, rules, streamId, 'taskId', entry, event);
  }

  /** The same for a plan, with the plan machine of the version the plan runs under (a new draft: the one it names). */
  decidePlan(entry: PlanEntry | undefined, planId: string, event: NewEvent): CompiledState<PlanContext> {
    const streamId = planStream(planId);
    const rules = this.pending.get(streamId)?.rules ?? entry?.rules ?? (event.type === 'plan.drafted' ? (event.data.rules ?? DEFAULT_RULES_VERSION) : DEFAULT_RULES_VERSION);
    return this.decideEvent(compiledRules(rules).plan, rules, streamId, 'planId', entry, event);
  }

  /** The appends this command makes, in order. */
  appends(): StreamAppend[] {
    return [...this.pending.values()].map(({ append: append }) => append);
  }

  private decideEvent<C>(
    machine: CompiledMachine<C, MachineEvent>,
    rules: number,
    streamId: string,
    field: 'taskId' | 'planId',
    entry: { machineState: CompiledState<C>; version: number } | undefined,
    event: NewEvent,
  ): CompiledState<C> {
    const pending = this.pending.get(streamId);
    const from = (pending?.machineState as CompiledState<C> | undefined) ?? entry?.machineState ?? machine.initial;
    const next = machine.step(from, event as MachineEvent);
    if (next === null) {
      const stateName = from.value;
      throw new PlanlogError('ILLEGAL_TRANSITION', `${field}: ${event.type} is not allowed on ${streamId} in state ${stateName} (rules version ${rules})`, {
        field,
        details: { streamId, state: stateName, event: event.type, rules },
      });
    }
    if (pending) {
      pending.append.events.push(event);
      pending.machineState = next;
    } else {
      this.pending.set(streamId, {
        append: { streamId, events: [event], expectedVersion: entry?.version ?? 'no_stream' },
        machineState: next,
        rules,
      });
    }
    return next;
  }
}

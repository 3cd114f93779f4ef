/** What the simulation will do, by day: actions run in (day, order scheduled) order. */
export type Agenda = {
  at(day: number, run: () => Promise<void>): void;
  /** The next action due on or before `day`, removed from the agenda. */
  takeDue(day: number): (() => Promise<void>) | undefined;
};

export function agenda(): Agenda {
  const items: { day: number; seq: number; run: () => Promise<void> }[] = [];
  let seq = 0;
  return {
    at(day, run) {
      items.push({ day, seq: seq++, run });
    },
    takeDue(day) {
      let best = -1;
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        if (item.day > day) continue;
        const current = items[best];
        if (!current || item.day < current.day || (item.day === current.day && item.seq < current.seq)) best = i;
      }
      return best < 0 ? undefined : items.splice(best, 1)[0]!.run;
    },
  };
}

import type { NewEvent } from '@planlog/core';
import { randomUUID as uuidv7 } from 'node:crypto';

/** `count` valid `task.reported` events sharing one command id. */
export function reports(count: number, commandId: string = uuidv7()): NewEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    id: uuidv7(),
    type: 'task.reported' as const,
    schemaVersion: 1,
    data: { text: `Báo cáo tiến độ lần ${index + 1}`, final: false, period: 'Quý II/2026', progress: 40, requestId: null },
    actor: { unitId: 'phong-xay-dung-phap-luat' },
    commandId,
    causationId: null,
    correlationId: commandId,
    recordedAt: '2026-05-20T10:00:00+07:00',
  }));
}

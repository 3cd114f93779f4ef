import { PlanlogError, isPlanlogError, type ErrorCode } from '@planlog/core';
import type { Lang } from './lang.js';

/** What each refusal means, in Vietnamese. */
const KIND_VI: Record<ErrorCode, string> = {
  VALIDATION: 'Dữ liệu không hợp lệ',
  NOT_FOUND: 'Không tìm thấy',
  CONFLICT: 'Xung đột',
  ILLEGAL_TRANSITION: 'Không thực hiện được ở trạng thái hiện tại',
  FORBIDDEN: 'Không có quyền',
  STORE: 'Lỗi kho dữ liệu',
};

/**
 * A refusal as the user reads it. planlog's own messages (the engine's, the stores') are English and
 * name the field and the values at fault: in English they are shown as they are; in Vietnamese the
 * kind of refusal is said first (the CLI's own messages are then Vietnamese throughout). Code, field
 * and details are kept for --json and exit codes.
 */
export function localizeError(error: unknown, lang: Lang): unknown {
  if (!isPlanlogError(error) || lang === 'en') return error;
  return new PlanlogError(error.code, `${KIND_VI[error.code]}: ${error.message}`, {
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error.details === undefined ? {} : { details: error.details }),
    cause: error,
  });
}

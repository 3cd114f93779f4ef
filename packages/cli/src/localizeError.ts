import { PlanlogError, isPlanlogError, type ErrorCode } from '@planlog/core';
import type { Lang, Said } from './lang.js';

/** What each refusal means, said first in the chosen language; planlog's own message follows. */
const KIND: Record<ErrorCode, Said> = {
  VALIDATION: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  NOT_FOUND: { vi: 'Không tìm thấy', en: 'Not found' },
  CONFLICT: { vi: 'Xung đột', en: 'Conflict' },
  ILLEGAL_TRANSITION: { vi: 'Không thực hiện được ở trạng thái hiện tại', en: 'Not possible in the current state' },
  FORBIDDEN: { vi: 'Không có quyền', en: 'Not allowed' },
  STORE: { vi: 'Lỗi kho dữ liệu', en: 'Store error' },
};

/**
 * A refusal as the user reads it: its kind in their language, then planlog's message (which names
 * the field and the values at fault). Code, field and details are kept for --json and exit codes.
 */
export function localizeError(error: unknown, lang: Lang): unknown {
  if (!isPlanlogError(error)) return error;
  return new PlanlogError(error.code, `${KIND[error.code][lang]}: ${error.message}`, {
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error.details === undefined ? {} : { details: error.details }),
    cause: error,
  });
}

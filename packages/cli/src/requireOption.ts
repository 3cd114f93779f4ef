import { PlanlogError } from '@planlog/core';
import type { Lang } from './lang.js';

/** The value of an option the command cannot do without; VALIDATION naming it, in the user's language, when absent. */
export function requireOption(value: string | undefined, option: string, lang: Lang): string {
  if (value !== undefined && value.trim() !== '') return value;
  const message = lang === 'vi' ? `${option}: bắt buộc với lệnh này` : `${option}: required by this command`;
  throw new PlanlogError('VALIDATION', message, { field: option.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) });
}

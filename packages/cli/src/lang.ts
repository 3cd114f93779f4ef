import { Option } from 'commander';

/** The language of what the CLI says: Vietnamese unless `--lang en`. */
export type Lang = 'vi' | 'en';

/** A message in both languages. */
export type Said = { vi: string; en: string };

/** `--lang`: vi (default) or en. */
export const langOption = () => new Option('--lang <lang>', 'language of messages: vi (Vietnamese, default) or en').choices(['vi', 'en']).default('vi');

/** The language the arguments ask for, before (or without) parsing them: `--lang en` or `--lang=en`. */
export function langOf(args: readonly string[]): Lang {
  const at = args.lastIndexOf('--lang');
  const value = at >= 0 ? args[at + 1] : args.findLast((arg) => arg.startsWith('--lang='))?.slice('--lang='.length);
  return value === 'en' ? 'en' : 'vi';
}

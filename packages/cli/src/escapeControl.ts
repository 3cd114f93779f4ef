/**
 * What must not reach a terminal raw from a log or a file: C0 controls (newline, carriage return,
 * tab, ESC of ANSI sequences, …), DEL, C1 controls (U+0080–U+009F, CSI U+009B among them), the line
 * and paragraph separators, and the bidirectional marks, embeddings, overrides and isolates that
 * reorder what a reader sees.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from the log made safe to print on one terminal line: every control character shown as an
 * escape (`\n`, `\x1b`, `\u202e`), so a stored `period` holding a newline cannot forge a line and
 * an ANSI sequence cannot recolour or erase one. A backslash is left as it is.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (char) => {
    const named = NAMED[char];
    if (named) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * The one rule for text that enters the system, whatever the door: GraphQL arguments and input
 * fields (src/graphql/text-input-plugin.ts), REST parameters and headers used as data, CSV cells and
 * file names. A string is accepted when it has
 * - no NUL or other C0 control character, except tab, line feed and carriage return in a field that
 *   allows several lines;
 * - no lone UTF-16 surrogate (it cannot be stored as UTF-8, and PostgreSQL refuses it);
 * - at most the field's maximum length, counted in characters after normalisation;
 * and it is stored in Unicode NFC, so two spellings of the same text compare equal.
 * A refusal is a ValidationError naming the field (REST answers it as 400 in the same shape).
 */
import { ValidationError } from './errors.ts';

export interface TextField {
  /** Tab, line feed and carriage return are allowed (notes, reasons, CSV content). */
  readonly multiLine: boolean;
  /** The longest value accepted, in characters (UTF-16 code units) after NFC. */
  readonly maxLength: number;
}

/** A single-line value: names, titles, codes, e-mail addresses, tokens, cursors, IDs. */
export const singleLine: TextField = { multiLine: false, maxLength: 2_000 };
/** Free text: reasons, notes, opinions, notices. */
export const multiLine: TextField = { multiLine: true, maxLength: 100_000 };
/** A whole file given as text (a CSV schedule): bounded by the body limit rather than here. */
export const fileText: TextField = { multiLine: true, maxLength: 10_000_000 };

// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters.
const anyControl = /[\u0000-\u001f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters.
const controlButLineBreaks = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `value` breaks the rule for `field`, or null when it does not. */
export function textProblem(value: string, field: TextField): string | null {
  if (loneSurrogate.test(value)) return 'must not contain a lone UTF-16 surrogate';
  const control = field.multiLine ? controlButLineBreaks : anyControl;
  const found = control.exec(value);
  if (found) {
    const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `must not contain the control character U+${code}${field.multiLine ? '' : ' (one line only)'}`;
  }
  if (value.length > field.maxLength) return `must be at most ${field.maxLength} characters`;
  return null;
}

/**
 * The value in NFC, or a ValidationError naming `path`.
 * @throws ValidationError
 */
export function acceptText(value: string, path: string, field: TextField): string {
  // Checked before normalising: NFC of a lone surrogate would hide it behind U+FFFD in some engines.
  const problem = textProblem(value, field) ?? textProblem(value.normalize('NFC'), field);
  if (problem) throw ValidationError.single(path, problem);
  return value.normalize('NFC');
}

/**
 * GraphQL argument and input-field names that hold free text (several lines allowed); every other
 * string is single-line. `content` is a whole CSV file.
 */
export const multiLineFieldNames: ReadonlySet<string> = new Set([
  'answer',
  'body',
  'definition',
  'description',
  'grounds',
  'noticeText',
  'overrideReason',
  'question',
  'questions',
  'rationale',
  'reason',
  'reasons',
  'report',
  'representation',
  'statement',
  'summary',
  'termsOfReference',
  'text',
]);

/** The rule of a GraphQL argument or input field, by its name. */
export function textFieldNamed(name: string): TextField {
  if (name === 'content') return fileText;
  return multiLineFieldNames.has(name) ? multiLine : singleLine;
}

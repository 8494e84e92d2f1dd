/**
 * Whether a reader is shown an entry of a case's audit trail, and which of its fields: the one rule
 * behind `Case.timeline`, the `caseEvents` subscription and anything else that shows audit or event
 * data (design §2–3). An entry is redacted by the rules of the object it describes:
 *
 * - outside the office (readers of the case who may not read its audit trail: parties, consulted
 *   departments, invited institutes) only the workflow engine's state changes are shown, as the
 *   action, the time and the resulting state — no actor, reasons or internals;
 * - an entry about an object the reader may not read (a document above their clearance, a
 *   consultation of a case they read only in part) is omitted altogether;
 * - fields of the object the reader may not read (`restrictedFields`) are left out of before/after;
 * - who read a document (the `document.read` entry's actor and `readerId`) only for those who may
 *   read the read log (auditors).
 *
 * Pure: the caller says whether the described object is readable (lists compute it in SQL with the
 * same CASL rules, `describedSubjectTypes`, so pages and cursors never count an omitted entry).
 */
import { subject } from '@casl/ability';
import { type AppAbility, restrictedFields, type SubjectType } from './ability.ts';
import { canReadField } from './field-access.ts';

/** The entity kinds of case-chain entries that name an object with visibility rules of its own. */
export const describedSubjectTypes = {
  Document: 'Document',
  Consultation: 'Consultation',
  Assessment: 'Assessment',
  InformationRequest: 'InformationRequest',
  Decision: 'Decision',
  Appeal: 'Appeal',
  Condition: 'Condition',
} as const satisfies Record<string, SubjectType>;
export type DescribedKind = keyof typeof describedSubjectTypes;

/** The fields of a stored audit entry the rule reads. */
export interface CaseEventEntry {
  readonly chain: string;
  readonly caseId: string | null;
  readonly action: string;
  readonly entityKind: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
}

/** What the reader is shown of an entry; null fields are not shown. */
export interface CaseEventView {
  readonly actorKind: string | null;
  readonly actorId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  /** For a change of the case: the state it led to (shown to every reader of the entry). */
  readonly resultingState: string | null;
}

/** Keys of `after` that name the person who read a document. */
const readLogFields = ['readerId'] as const;

/** Whether the reader reads the case's whole audit trail (the office and auditors). */
export function readsWholeTrail(ability: AppAbility, entry: Pick<CaseEventEntry, 'chain' | 'caseId'>): boolean {
  return ability.can(
    'read',
    subject('AuditEntry', { chain: entry.chain, caseId: entry.caseId } as Record<string, unknown>),
  );
}

/** Whether the entry records a state of the case (the only entries shown outside the office). */
export function recordsCaseState(entry: Pick<CaseEventEntry, 'action' | 'entityKind' | 'after'>): string | null {
  const state = (entry.after as { state?: unknown } | null)?.state;
  return entry.action.startsWith('case.') && typeof state === 'string' ? state : null;
}

function withoutFields(value: unknown, hidden: (field: string) => boolean): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value ?? null;
  return Object.fromEntries(Object.entries(value).filter(([field]) => !hidden(field)));
}

/**
 * The entry as `ability`'s holder may see it, or null when it is not shown at all.
 * @param describedReadable whether the reader may read the object the entry is about (ignored for
 *   entries about the case itself, whose readability the caller established)
 */
export function caseEventView(
  ability: AppAbility,
  entry: CaseEventEntry,
  describedReadable: boolean,
): CaseEventView | null {
  const state = entry.entityKind === 'Case' ? recordsCaseState(entry) : null;
  if (!readsWholeTrail(ability, entry)) {
    if (state === null) return null;
    return { actorKind: null, actorId: null, before: null, after: null, reason: null, resultingState: state };
  }
  const described = describedSubjectTypes[entry.entityKind as DescribedKind] as SubjectType | undefined;
  if (described && !describedReadable) return null;
  // Fields of the described object (or of the case) the reader may not read; the rules name them per type.
  const type = described ?? (entry.entityKind === 'Case' ? 'Case' : undefined);
  const guarded = new Set(type ? (restrictedFields[type] ?? []) : []);
  const hiddenField = (field: string) => guarded.has(field) && !canReadField(ability, type!, {}, field);
  const readLog = entry.action === 'document.read';
  const showsReader = !readLog || ability.can('read', 'DocumentReadLog');
  const hidden = (field: string) =>
    hiddenField(field) || (!showsReader && (readLogFields as readonly string[]).includes(field));
  return {
    actorKind: showsReader ? entry.actorKind : null,
    actorId: showsReader ? entry.actorId : null,
    before: withoutFields(entry.before, hidden),
    after: withoutFields(entry.after, hidden),
    reason: entry.reason,
    resultingState: state,
  };
}

/**
 * Whether a field of an object the caller may already see is readable to them. Rows are checked in
 * SQL before any field is read, so here a rule without fields (a row rule) that grants counts as
 * "the row is visible", and only rules that name fields are matched against the object. Field rules
 * must therefore be written on real columns of the object, never on facts from other tables.
 */
import type { AppAbility, SubjectType, TaggedSubject } from './ability.ts';

export function canReadField(ability: AppAbility, type: SubjectType, object: Record<string, unknown>, field: string) {
  for (const rule of ability.rulesFor('read', type, field)) {
    if (!rule.fields) {
      // A row rule. An inverted one did not hide this row (it passed the SQL filter), so skip it.
      if (rule.inverted) continue;
      return true;
    }
    if (rule.matchesConditions(object as TaggedSubject)) return !rule.inverted;
  }
  return false;
}

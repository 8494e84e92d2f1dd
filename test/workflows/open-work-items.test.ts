/** One definition of open work items: every consultation and assessment not in a final state. */
import { describe, expect, it } from 'vitest';
import { openAssessmentStates, openConsultationStates } from '../../workflows/open-work-items.ts';

describe('open work items', () => {
  it('are the consultations not answered, overdue ones included', () => {
    expect(openConsultationStates).toEqual(['REQUESTED', 'OVERDUE']);
  });

  it('are the assessments not declined, endorsed or withdrawn: an invitation nobody took up is open', () => {
    expect(openAssessmentStates).toEqual(['INVITED', 'ACCEPTED', 'SUBMITTED', 'RETURNED']);
  });
});

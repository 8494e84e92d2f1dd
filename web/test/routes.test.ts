/** The route table decides each role's pages, menu and first page; what a role may not use is absent. */
import { describe, expect, it } from 'vitest';
import { homeFor, routesFor } from '../src/app/routes.tsx';

const keys = (roles: Parameters<typeof routesFor>[0]) => routesFor(roles).map((r) => r.key);

describe('the console’s pages by role', () => {
  it('start officers and lead reviewers on the queue; leads also see what waits on them', () => {
    expect(homeFor(['CASE_OFFICER'])).toBe('/queue');
    expect(keys(['CASE_OFFICER'])).toEqual(['queue', 'inbox', 'case']);
    expect(keys(['LEAD_REVIEWER'])).toEqual(['queue', 'approvals', 'inbox', 'case']);
  });

  it('start auditors on the audit trails; they also read the queue and case files', () => {
    expect(homeFor(['AUDITOR'])).toBe('/audit');
    expect(keys(['AUDITOR'])).toEqual(['audit', 'trail', 'queue', 'inbox', 'case']);
  });

  it('start a liaison on the consultations to answer, and nowhere in the office’s pages', () => {
    expect(homeFor(['LIAISON'])).toBe('/consultations');
    expect(keys(['LIAISON'])).toEqual(['consultations', 'consultation', 'inbox']);
  });

  it('start an assessor on the invitations and assessments', () => {
    expect(homeFor(['ASSESSOR'])).toBe('/assessments');
    expect(keys(['ASSESSOR'])).toEqual(['assessments', 'assessment', 'inbox']);
  });

  it('start a firm on its own cases, with the filing wizard', () => {
    expect(homeFor(['FIRM_REPRESENTATIVE'])).toBe('/my-cases');
    expect(keys(['FIRM_REPRESENTATIVE'])).toEqual(['myCases', 'filing', 'myCase', 'inbox']);
  });

  it('start the appeals panel on the appeals waiting; it also reads the queue and case files', () => {
    expect(homeFor(['APPEALS_PANEL'])).toBe('/appeals');
    expect(keys(['APPEALS_PANEL'])).toEqual(['appeals', 'appeal', 'queue', 'inbox', 'case']);
  });

  it('start administrators on people; they get no case page', () => {
    expect(homeFor(['ADMIN'])).toBe('/people');
    expect(keys(['ADMIN'])).toEqual(['people', 'serviceAccounts', 'calendars', 'inbox']);
  });
});

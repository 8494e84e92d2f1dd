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

  it('let auditors read the queue and case files', () => {
    expect(keys(['AUDITOR'])).toEqual(['queue', 'inbox', 'case']);
  });

  it('give administrators and outside parties no case pages (part 2 builds theirs)', () => {
    for (const role of ['ADMIN', 'FIRM_REPRESENTATIVE', 'LIAISON', 'ASSESSOR'] as const) {
      expect(keys([role])).toEqual(['inbox']);
      expect(homeFor([role])).toBe('/inbox');
    }
  });
});

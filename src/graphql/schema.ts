/** Imports every type file (for its side effect of registering types) and builds the schema. */
import { builder } from './builder.ts';
import './types/scalars.ts';
import './types/enums.ts';
import './types/errors.ts';
import './types/organization.ts';
import './types/person.ts';
import './types/knowledge.ts';
import './types/case.ts';
import './types/clock.ts';
import './types/calendar.ts';
import './types/regime.ts';
import './types/viewer.ts';
import './types/session.ts';
import './types/administration.ts';
import './types/case-actions.ts';
import './types/case-filing.ts';
import './types/decision.ts';
import './types/appeal.ts';
import './types/timeline.ts';
import './types/assessment.ts';
import './types/document.ts';
import './types/classification.ts';
import './types/consultation.ts';
import './types/information-request.ts';

export const schema = builder.toSchema({ sortSchema: false });

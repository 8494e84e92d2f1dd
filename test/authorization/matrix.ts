/**
 * The authorisation matrix: who may do what to which object, written by hand from design §1–2
 * (never derived from the rules in policies/). Each row is asserted through the GraphQL API
 * against the seeded data (matrix.test.ts); adding a role or an object kind without rows fails.
 *
 * Targets: the four seeded cases — RELOCATION (Huaxin's filing, CONFIDENTIAL, submitted),
 * CUTOFF (ex officio, SECRET; Huaxin and Jinghua are parties; MIIT consulted), ACQUISITION
 * (MOFCOM's referral, CONFIDENTIAL; Meridian and Dongfang are parties; MIIT consulted; CIIE and
 * ICRS invited, the ICRS assessor declared a conflict), DRAFT (Jinghua's unsubmitted filing) —
 * and one object of every other kind.
 */
import type { Role } from '../../vocabulary/terms.ts';

export type Expected = 'allow' | 'deny';
export type Kind =
  | 'Case'
  | 'Organization'
  | 'Person'
  | 'Regime'
  | 'Calendar'
  | 'IndustryChain'
  | 'ChainNode'
  | 'ServiceAccount'
  | 'Assessment'
  | 'Document'
  | 'Decision'
  | 'Appeal'
  | 'Consultation'
  | 'InformationRequest'
  | 'Supplier'
  | 'SupplyLink'
  | 'IndustryCommittee'
  | 'KeyTechnology';
/** `update` of a Calendar is loading a year's schedule; `create` of a Regime is publishing a version. */
export type Action = 'read' | 'create' | 'update';

export interface Persona {
  readonly role: Role;
  readonly email: string;
  readonly note: string;
}

/** One account per role, plus those whose clearance, organisation or conflict makes a difference. */
export const personas = {
  officer: { role: 'CASE_OFFICER', email: 'officer@icsr.example', note: 'SECRET clearance' },
  officer2: { role: 'CASE_OFFICER', email: 'officer2@icsr.example', note: 'CONFIDENTIAL clearance' },
  lead: { role: 'LEAD_REVIEWER', email: 'lead@icsr.example', note: 'SECRET clearance' },
  panel: { role: 'APPEALS_PANEL', email: 'panel1@icsr.example', note: 'SECRET clearance' },
  auditor: { role: 'AUDITOR', email: 'auditor@icsr.example', note: 'SECRET clearance' },
  admin: { role: 'ADMIN', email: 'admin@icsr.example', note: 'accounts only' },
  miit: {
    role: 'LIAISON',
    email: 'liaison@miit.example',
    note: 'MIIT, consulted on CUTOFF and ACQUISITION, CONFIDENTIAL',
  },
  mofcom: { role: 'LIAISON', email: 'liaison@mofcom.example', note: 'MOFCOM, referred ACQUISITION, never consulted' },
  huaxin: { role: 'FIRM_REPRESENTATIVE', email: 'rep@huaxin.example', note: 'filer of RELOCATION, party to CUTOFF' },
  jinghua: { role: 'FIRM_REPRESENTATIVE', email: 'rep@jinghua.example', note: 'party to CUTOFF, owns DRAFT' },
  meridian: { role: 'FIRM_REPRESENTATIVE', email: 'rep@meridian.example', note: 'party to ACQUISITION' },
  ciie: { role: 'ASSESSOR', email: 'assessor@ciie.example', note: 'institute invited on ACQUISITION' },
  icrs: { role: 'ASSESSOR', email: 'assessor@icrs.example', note: 'invited on ACQUISITION, declared a conflict' },
} as const satisfies Record<string, Persona>;
export type PersonaKey = keyof typeof personas;

export interface MatrixRow {
  readonly persona: PersonaKey;
  readonly kind: Kind;
  readonly action: Action;
  /** RELOCATION/CUTOFF/ACQUISITION/DRAFT for cases; for people, `self` or an e-mail; else the kind's sample. */
  readonly target: string;
  /** A field of the object, when the row is about a field rather than the whole object. */
  readonly field: string | null;
  readonly expected: Expected;
}

type Cell = [PersonaKey, Kind, Action, string, string | null, Expected];
const A = 'allow' as const;
const D = 'deny' as const;

const cells: Cell[] = [
  // Cases: office staff read every filed case within their clearance, never a firm's draft.
  ['officer', 'Case', 'read', 'RELOCATION', null, A],
  ['officer', 'Case', 'read', 'CUTOFF', null, A],
  ['officer', 'Case', 'read', 'ACQUISITION', null, A],
  ['officer', 'Case', 'read', 'DRAFT', null, D],
  ['officer2', 'Case', 'read', 'RELOCATION', null, A],
  ['officer2', 'Case', 'read', 'CUTOFF', null, D],
  ['officer2', 'Case', 'read', 'ACQUISITION', null, A],
  ['officer2', 'Case', 'read', 'DRAFT', null, D],
  ['lead', 'Case', 'read', 'RELOCATION', null, A],
  ['lead', 'Case', 'read', 'CUTOFF', null, A],
  ['lead', 'Case', 'read', 'ACQUISITION', null, A],
  ['lead', 'Case', 'read', 'DRAFT', null, D],
  ['panel', 'Case', 'read', 'RELOCATION', null, A],
  ['panel', 'Case', 'read', 'CUTOFF', null, A],
  ['panel', 'Case', 'read', 'ACQUISITION', null, A],
  ['panel', 'Case', 'read', 'DRAFT', null, D],
  ['auditor', 'Case', 'read', 'RELOCATION', null, A],
  ['auditor', 'Case', 'read', 'CUTOFF', null, A],
  ['auditor', 'Case', 'read', 'ACQUISITION', null, A],
  ['auditor', 'Case', 'read', 'DRAFT', null, D],
  // Administrators see no case content.
  ['admin', 'Case', 'read', 'RELOCATION', null, D],
  ['admin', 'Case', 'read', 'CUTOFF', null, D],
  ['admin', 'Case', 'read', 'ACQUISITION', null, D],
  ['admin', 'Case', 'read', 'DRAFT', null, D],
  // Liaisons: cases their department was consulted on, within their clearance.
  ['miit', 'Case', 'read', 'RELOCATION', null, D],
  ['miit', 'Case', 'read', 'CUTOFF', null, D],
  ['miit', 'Case', 'read', 'ACQUISITION', null, A],
  ['miit', 'Case', 'read', 'DRAFT', null, D],
  ['mofcom', 'Case', 'read', 'RELOCATION', null, D],
  ['mofcom', 'Case', 'read', 'CUTOFF', null, D],
  ['mofcom', 'Case', 'read', 'ACQUISITION', null, D],
  ['mofcom', 'Case', 'read', 'DRAFT', null, D],
  // Firms: cases where they are a party; their own drafts.
  ['huaxin', 'Case', 'read', 'RELOCATION', null, A],
  ['huaxin', 'Case', 'read', 'CUTOFF', null, A],
  ['huaxin', 'Case', 'read', 'ACQUISITION', null, D],
  ['huaxin', 'Case', 'read', 'DRAFT', null, D],
  ['jinghua', 'Case', 'read', 'RELOCATION', null, D],
  ['jinghua', 'Case', 'read', 'CUTOFF', null, A],
  ['jinghua', 'Case', 'read', 'ACQUISITION', null, D],
  ['jinghua', 'Case', 'read', 'DRAFT', null, A],
  ['meridian', 'Case', 'read', 'RELOCATION', null, D],
  ['meridian', 'Case', 'read', 'CUTOFF', null, D],
  ['meridian', 'Case', 'read', 'ACQUISITION', null, A],
  ['meridian', 'Case', 'read', 'DRAFT', null, D],
  // Assessors: cases their institute was invited to, unless they declared a conflict.
  ['ciie', 'Case', 'read', 'RELOCATION', null, D],
  ['ciie', 'Case', 'read', 'CUTOFF', null, D],
  ['ciie', 'Case', 'read', 'ACQUISITION', null, A],
  ['ciie', 'Case', 'read', 'DRAFT', null, D],
  ['icrs', 'Case', 'read', 'RELOCATION', null, D],
  ['icrs', 'Case', 'read', 'CUTOFF', null, D],
  ['icrs', 'Case', 'read', 'ACQUISITION', null, D],
  ['icrs', 'Case', 'read', 'DRAFT', null, D],

  // Case fields: firms never see risk scores (design §2); everyone else who sees the case does.
  ['officer', 'Case', 'read', 'CUTOFF', 'riskScore', A],
  ['officer', 'Case', 'read', 'CUTOFF', 'riskGrade', A],
  ['officer2', 'Case', 'read', 'ACQUISITION', 'riskGrade', A],
  ['lead', 'Case', 'read', 'CUTOFF', 'riskGrade', A],
  ['panel', 'Case', 'read', 'CUTOFF', 'riskGrade', A],
  ['auditor', 'Case', 'read', 'CUTOFF', 'riskGrade', A],
  ['miit', 'Case', 'read', 'ACQUISITION', 'riskGrade', A],
  ['ciie', 'Case', 'read', 'ACQUISITION', 'riskGrade', A],
  ['huaxin', 'Case', 'read', 'CUTOFF', 'riskScore', D],
  ['huaxin', 'Case', 'read', 'CUTOFF', 'riskGrade', D],
  ['jinghua', 'Case', 'read', 'CUTOFF', 'riskGrade', D],
  ['meridian', 'Case', 'read', 'ACQUISITION', 'riskScore', D],
  ['meridian', 'Case', 'read', 'ACQUISITION', 'riskGrade', D],
  ['huaxin', 'Case', 'read', 'CUTOFF', 'title', A],
  ['meridian', 'Case', 'read', 'ACQUISITION', 'state', A],

  // Organisations: the directory of participants is open to everyone signed in.
  ['officer', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['officer2', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['lead', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['panel', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['auditor', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['admin', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['miit', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['mofcom', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['huaxin', 'Organization', 'read', 'MERIDIAN-CAP', null, A],
  ['jinghua', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['meridian', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['ciie', 'Organization', 'read', 'HUAXIN-IC', null, A],
  ['icrs', 'Organization', 'read', 'HUAXIN-IC', null, A],

  // People: names are shared; e-mail, roles, clearance and status only within the office and one's own organisation.
  ['officer', 'Person', 'read', 'rep@huaxin.example', null, A],
  ['officer', 'Person', 'read', 'rep@huaxin.example', 'email', A],
  ['officer2', 'Person', 'read', 'lead@icsr.example', 'clearance', A],
  ['lead', 'Person', 'read', 'rep@meridian.example', 'email', A],
  ['panel', 'Person', 'read', 'officer@icsr.example', 'roles', A],
  ['auditor', 'Person', 'read', 'liaison@miit.example', 'email', A],
  ['admin', 'Person', 'read', 'rep@jinghua.example', 'email', A],
  ['admin', 'Person', 'read', 'rep@jinghua.example', 'status', A],
  ['miit', 'Person', 'read', 'officer@icsr.example', null, A],
  ['miit', 'Person', 'read', 'officer@icsr.example', 'displayName', A],
  ['miit', 'Person', 'read', 'officer@icsr.example', 'email', D],
  ['mofcom', 'Person', 'read', 'rep@meridian.example', 'roles', D],
  ['huaxin', 'Person', 'read', 'officer@icsr.example', null, A],
  ['huaxin', 'Person', 'read', 'officer@icsr.example', 'email', D],
  ['huaxin', 'Person', 'read', 'officer@icsr.example', 'clearance', D],
  ['huaxin', 'Person', 'read', 'self', 'email', A],
  ['jinghua', 'Person', 'read', 'rep@huaxin.example', 'email', D],
  ['meridian', 'Person', 'read', 'lead@icsr.example', 'status', D],
  ['ciie', 'Person', 'read', 'officer@icsr.example', 'email', D],
  ['ciie', 'Person', 'read', 'self', 'roles', A],
  ['icrs', 'Person', 'read', 'officer@icsr.example', null, A],

  // Reference data every signed-in user reads: regimes (deadlines are no secret), the knowledge base tree.
  ['officer', 'Regime', 'read', 'CN_CSR', null, A],
  ['officer2', 'Regime', 'read', 'CN_CSR', null, A],
  ['lead', 'Regime', 'read', 'CN_CSR', null, A],
  ['panel', 'Regime', 'read', 'CN_CSR', null, A],
  ['auditor', 'Regime', 'read', 'CN_CSR', null, A],
  ['admin', 'Regime', 'read', 'CN_CSR', null, A],
  ['miit', 'Regime', 'read', 'CN_CSR', null, A],
  ['mofcom', 'Regime', 'read', 'CN_CSR', null, A],
  ['huaxin', 'Regime', 'read', 'CN_CSR', null, A],
  ['jinghua', 'Regime', 'read', 'CN_CSR', null, A],
  ['meridian', 'Regime', 'read', 'CN_CSR', null, A],
  ['ciie', 'Regime', 'read', 'CN_CSR', null, A],
  ['icrs', 'Regime', 'read', 'CN_CSR', null, A],
  // Calendars are published holiday schedules on which every party's deadlines are counted.
  ['officer', 'Calendar', 'read', 'CN', null, A],
  ['officer2', 'Calendar', 'read', 'CN', null, A],
  ['lead', 'Calendar', 'read', 'CN', null, A],
  ['panel', 'Calendar', 'read', 'CN', null, A],
  ['auditor', 'Calendar', 'read', 'CN', null, A],
  ['admin', 'Calendar', 'read', 'CN', null, A],
  ['miit', 'Calendar', 'read', 'CN', null, A],
  ['mofcom', 'Calendar', 'read', 'CN', null, A],
  ['huaxin', 'Calendar', 'read', 'CN', null, A],
  ['jinghua', 'Calendar', 'read', 'CN', null, A],
  ['meridian', 'Calendar', 'read', 'CN', null, A],
  ['ciie', 'Calendar', 'read', 'CN', null, A],
  ['icrs', 'Calendar', 'read', 'CN', null, A],
  // Administrators manage calendars and regimes (design §1); auditors read and change nothing; nobody else edits.
  ['admin', 'Calendar', 'update', 'CN', null, A],
  ['officer', 'Calendar', 'update', 'CN', null, D],
  ['officer2', 'Calendar', 'update', 'CN', null, D],
  ['lead', 'Calendar', 'update', 'CN', null, D],
  ['panel', 'Calendar', 'update', 'CN', null, D],
  ['auditor', 'Calendar', 'update', 'CN', null, D],
  ['miit', 'Calendar', 'update', 'CN', null, D],
  ['mofcom', 'Calendar', 'update', 'CN', null, D],
  ['huaxin', 'Calendar', 'update', 'CN', null, D],
  ['jinghua', 'Calendar', 'update', 'CN', null, D],
  ['meridian', 'Calendar', 'update', 'CN', null, D],
  ['ciie', 'Calendar', 'update', 'CN', null, D],
  ['icrs', 'Calendar', 'update', 'CN', null, D],
  ['admin', 'Regime', 'create', 'CN_CSR', null, A],
  ['officer', 'Regime', 'create', 'CN_CSR', null, D],
  ['officer2', 'Regime', 'create', 'CN_CSR', null, D],
  ['lead', 'Regime', 'create', 'CN_CSR', null, D],
  ['panel', 'Regime', 'create', 'CN_CSR', null, D],
  ['auditor', 'Regime', 'create', 'CN_CSR', null, D],
  ['miit', 'Regime', 'create', 'CN_CSR', null, D],
  ['mofcom', 'Regime', 'create', 'CN_CSR', null, D],
  ['huaxin', 'Regime', 'create', 'CN_CSR', null, D],
  ['jinghua', 'Regime', 'create', 'CN_CSR', null, D],
  ['meridian', 'Regime', 'create', 'CN_CSR', null, D],
  ['ciie', 'Regime', 'create', 'CN_CSR', null, D],
  ['icrs', 'Regime', 'create', 'CN_CSR', null, D],
  ['officer', 'IndustryChain', 'read', 'IC', null, A],
  ['officer2', 'IndustryChain', 'read', 'IC', null, A],
  ['lead', 'IndustryChain', 'read', 'IC', null, A],
  ['panel', 'IndustryChain', 'read', 'IC', null, A],
  ['auditor', 'IndustryChain', 'read', 'IC', null, A],
  ['admin', 'IndustryChain', 'read', 'IC', null, A],
  ['miit', 'IndustryChain', 'read', 'IC', null, A],
  ['mofcom', 'IndustryChain', 'read', 'IC', null, A],
  ['huaxin', 'IndustryChain', 'read', 'IC', null, A],
  ['jinghua', 'IndustryChain', 'read', 'IC', null, A],
  ['meridian', 'IndustryChain', 'read', 'IC', null, A],
  ['ciie', 'IndustryChain', 'read', 'IC', null, A],
  ['icrs', 'IndustryChain', 'read', 'IC', null, A],
  ['officer', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['officer2', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['lead', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['panel', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['auditor', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['admin', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['miit', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['mofcom', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['huaxin', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['jinghua', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['meridian', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['ciie', 'ChainNode', 'read', 'PHOTORESIST', null, A],
  ['icrs', 'ChainNode', 'read', 'PHOTORESIST', null, A],

  // Service accounts: administrators manage them, auditors read them, nobody else sees them.
  ['officer', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['officer2', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['lead', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['panel', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['auditor', 'ServiceAccount', 'read', 'MIIT case system', null, A],
  ['admin', 'ServiceAccount', 'read', 'MIIT case system', null, A],
  ['miit', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['mofcom', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['huaxin', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['jinghua', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['meridian', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['ciie', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['icrs', 'ServiceAccount', 'read', 'MIIT case system', null, D],
  ['admin', 'ServiceAccount', 'create', 'MIIT', null, A],
  ['officer', 'ServiceAccount', 'create', 'MIIT', null, D],
  ['auditor', 'ServiceAccount', 'create', 'MIIT', null, D],
  ['miit', 'ServiceAccount', 'create', 'MIIT', null, D],

  // Creating people is the administrator's alone (separation of duties: auditors change nothing).
  ['admin', 'Person', 'create', 'NDRC', null, A],
  ['officer', 'Person', 'create', 'NDRC', null, D],
  ['officer2', 'Person', 'create', 'NDRC', null, D],
  ['lead', 'Person', 'create', 'NDRC', null, D],
  ['panel', 'Person', 'create', 'NDRC', null, D],
  ['auditor', 'Person', 'create', 'NDRC', null, D],
  ['miit', 'Person', 'create', 'MIIT', null, D],
  ['mofcom', 'Person', 'create', 'MOFCOM', null, D],
  ['huaxin', 'Person', 'create', 'HUAXIN-IC', null, D],
  ['jinghua', 'Person', 'create', 'JINGHUA-PR', null, D],
  ['meridian', 'Person', 'create', 'MERIDIAN-CAP', null, D],
  ['ciie', 'Person', 'create', 'CIIE', null, D],
  ['icrs', 'Person', 'create', 'ICRS', null, D],
];

// Assessments: the office sees them all; an institute's assessors who declared no conflict their own;
// firms and departments never (design §2). Targets: test/documents/matrix-targets.ts.
cells.push(
  ['officer', 'Assessment', 'read', 'CIIE@ACQUISITION', null, A],
  ['officer2', 'Assessment', 'read', 'CIIE@ACQUISITION', null, A],
  ['lead', 'Assessment', 'read', 'CIIE@ACQUISITION', null, A],
  ['panel', 'Assessment', 'read', 'CIIE@ACQUISITION', null, A],
  ['auditor', 'Assessment', 'read', 'CIIE@ACQUISITION', null, A],
  ['admin', 'Assessment', 'read', 'CIIE@ACQUISITION', null, D],
  ['miit', 'Assessment', 'read', 'CIIE@ACQUISITION', null, D],
  ['mofcom', 'Assessment', 'read', 'CIIE@ACQUISITION', null, D],
  ['huaxin', 'Assessment', 'read', 'CIIE@ACQUISITION', null, D],
  ['jinghua', 'Assessment', 'read', 'CIIE@ACQUISITION', null, D],
  ['meridian', 'Assessment', 'read', 'CIIE@ACQUISITION', null, D],
  ['ciie', 'Assessment', 'read', 'CIIE@ACQUISITION', null, A],
  ['ciie', 'Assessment', 'read', 'ICRS@ACQUISITION', null, D],
  ['icrs', 'Assessment', 'read', 'CIIE@ACQUISITION', null, D],
  ['icrs', 'Assessment', 'read', 'ICRS@ACQUISITION', null, D],
  ['officer', 'Assessment', 'read', 'ICRS@ACQUISITION', null, A],
  // Documents: the office by clearance (and the case's); others only what is shared with or uploaded by
  // their organisation, within their clearance, on a case they see.
  ['officer', 'Document', 'read', 'ACQUISITION/INTERNAL', null, A],
  ['officer2', 'Document', 'read', 'ACQUISITION/INTERNAL', null, A],
  ['lead', 'Document', 'read', 'ACQUISITION/INTERNAL', null, A],
  ['panel', 'Document', 'read', 'ACQUISITION/INTERNAL', null, A],
  ['auditor', 'Document', 'read', 'ACQUISITION/INTERNAL', null, A],
  ['admin', 'Document', 'read', 'ACQUISITION/INTERNAL', null, D],
  ['miit', 'Document', 'read', 'ACQUISITION/INTERNAL', null, D],
  ['mofcom', 'Document', 'read', 'ACQUISITION/INTERNAL', null, D],
  ['huaxin', 'Document', 'read', 'ACQUISITION/INTERNAL', null, D],
  ['jinghua', 'Document', 'read', 'ACQUISITION/INTERNAL', null, D],
  ['meridian', 'Document', 'read', 'ACQUISITION/INTERNAL', null, A],
  ['ciie', 'Document', 'read', 'ACQUISITION/INTERNAL', null, A],
  // Shared with ICRS, but its assessor declared a conflict on the case: invisible.
  ['icrs', 'Document', 'read', 'ACQUISITION/INTERNAL', null, D],
  ['officer', 'Document', 'read', 'CUTOFF/SECRET', null, A],
  ['officer2', 'Document', 'read', 'CUTOFF/SECRET', null, D],
  ['lead', 'Document', 'read', 'CUTOFF/SECRET', null, A],
  ['panel', 'Document', 'read', 'CUTOFF/SECRET', null, A],
  ['auditor', 'Document', 'read', 'CUTOFF/SECRET', null, A],
  ['admin', 'Document', 'read', 'CUTOFF/SECRET', null, D],
  ['miit', 'Document', 'read', 'CUTOFF/SECRET', null, D],
  ['mofcom', 'Document', 'read', 'CUTOFF/SECRET', null, D],
  // Shared with Huaxin, a party, but above its representative's INTERNAL clearance.
  ['huaxin', 'Document', 'read', 'CUTOFF/SECRET', null, D],
  ['jinghua', 'Document', 'read', 'CUTOFF/SECRET', null, D],
  ['meridian', 'Document', 'read', 'CUTOFF/SECRET', null, D],
  ['ciie', 'Document', 'read', 'CUTOFF/SECRET', null, D],
  ['icrs', 'Document', 'read', 'CUTOFF/SECRET', null, D],
);

// Decisions: the office, auditors and the panel see every decision of a case they see; its parties and
// consulted departments only the approved one (a proposal reaches parties as a representation
// request), and never the internal reasons; institutes none. Targets: test/decisions/matrix-targets.ts.
cells.push(
  ['officer', 'Decision', 'read', 'APPROVED@ACQUISITION', null, A],
  ['officer2', 'Decision', 'read', 'APPROVED@ACQUISITION', null, A],
  ['lead', 'Decision', 'read', 'APPROVED@ACQUISITION', null, A],
  ['panel', 'Decision', 'read', 'APPROVED@ACQUISITION', null, A],
  ['auditor', 'Decision', 'read', 'APPROVED@ACQUISITION', null, A],
  ['admin', 'Decision', 'read', 'APPROVED@ACQUISITION', null, D],
  ['miit', 'Decision', 'read', 'APPROVED@ACQUISITION', null, A],
  ['mofcom', 'Decision', 'read', 'APPROVED@ACQUISITION', null, D],
  ['huaxin', 'Decision', 'read', 'APPROVED@ACQUISITION', null, D],
  ['jinghua', 'Decision', 'read', 'APPROVED@ACQUISITION', null, D],
  ['meridian', 'Decision', 'read', 'APPROVED@ACQUISITION', null, A],
  ['ciie', 'Decision', 'read', 'APPROVED@ACQUISITION', null, D],
  ['icrs', 'Decision', 'read', 'APPROVED@ACQUISITION', null, D],
  ['officer', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, A],
  ['officer2', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, A],
  ['lead', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, A],
  ['panel', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, A],
  ['auditor', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, A],
  ['admin', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, D],
  ['miit', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, D],
  ['mofcom', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, D],
  ['huaxin', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, D],
  ['jinghua', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, D],
  ['meridian', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, D],
  ['ciie', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, D],
  ['icrs', 'Decision', 'read', 'PROPOSED@ACQUISITION', null, D],
  ['officer', 'Decision', 'read', 'APPROVED@ACQUISITION', 'reasons', A],
  ['auditor', 'Decision', 'read', 'APPROVED@ACQUISITION', 'reasons', A],
  ['panel', 'Decision', 'read', 'APPROVED@ACQUISITION', 'reasons', A],
  ['meridian', 'Decision', 'read', 'APPROVED@ACQUISITION', 'reasons', D],
  ['miit', 'Decision', 'read', 'APPROVED@ACQUISITION', 'reasons', D],
  ['meridian', 'Decision', 'read', 'APPROVED@ACQUISITION', 'noticeText', A],
  // Appeals: the office and auditors, and the parties of the case; not departments or institutes.
  ['officer', 'Appeal', 'read', 'FILED@ACQUISITION', null, A],
  ['officer2', 'Appeal', 'read', 'FILED@ACQUISITION', null, A],
  ['lead', 'Appeal', 'read', 'FILED@ACQUISITION', null, A],
  ['panel', 'Appeal', 'read', 'FILED@ACQUISITION', null, A],
  ['auditor', 'Appeal', 'read', 'FILED@ACQUISITION', null, A],
  ['admin', 'Appeal', 'read', 'FILED@ACQUISITION', null, D],
  ['miit', 'Appeal', 'read', 'FILED@ACQUISITION', null, D],
  ['mofcom', 'Appeal', 'read', 'FILED@ACQUISITION', null, D],
  ['huaxin', 'Appeal', 'read', 'FILED@ACQUISITION', null, D],
  ['jinghua', 'Appeal', 'read', 'FILED@ACQUISITION', null, D],
  ['meridian', 'Appeal', 'read', 'FILED@ACQUISITION', null, A],
  ['ciie', 'Appeal', 'read', 'FILED@ACQUISITION', null, D],
  ['icrs', 'Appeal', 'read', 'FILED@ACQUISITION', null, D],
);

// Consultations: the office (and auditors) every one within their clearance; a liaison its own
// department's and, once submitted, the other departments' opinions on a case it was consulted on;
// firms, institutes and administrators none (design §2). Targets are written in matrix.test.ts.
cells.push(
  ['officer', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, A],
  ['officer2', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, A],
  ['lead', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, A],
  ['panel', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, A],
  ['auditor', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, A],
  ['admin', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, D],
  ['miit', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, A],
  ['mofcom', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, D],
  ['huaxin', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, D],
  ['jinghua', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, D],
  ['meridian', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, D],
  ['ciie', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, D],
  ['icrs', 'Consultation', 'read', 'consultation:MIIT@ACQUISITION', null, D],
  // NDRC responded: shared with MIIT, consulted on the same case; still hidden from the parties.
  ['officer', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, A],
  ['officer2', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, A],
  ['lead', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, A],
  ['panel', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, A],
  ['auditor', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, A],
  ['admin', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, D],
  ['miit', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, A],
  ['mofcom', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, D],
  ['huaxin', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, D],
  ['jinghua', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, D],
  ['meridian', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, D],
  ['ciie', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, D],
  ['icrs', 'Consultation', 'read', 'consultation:NDRC-RESPONDED@ACQUISITION', null, D],
  // CAC has not responded yet: MIIT does not see another department's pending consultation.
  ['officer', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, A],
  ['officer2', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, A],
  ['lead', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, A],
  ['panel', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, A],
  ['auditor', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, A],
  ['admin', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, D],
  ['miit', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, D],
  ['mofcom', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, D],
  ['huaxin', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, D],
  ['jinghua', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, D],
  ['meridian', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, D],
  ['ciie', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, D],
  ['icrs', 'Consultation', 'read', 'consultation:CAC-REQUESTED@ACQUISITION', null, D],
  // The SECRET cut-off case: above officer2's and MIIT's clearance, though MIIT is the one consulted.
  ['officer', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, A],
  ['officer2', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, D],
  ['lead', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, A],
  ['panel', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, A],
  ['auditor', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, A],
  ['admin', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, D],
  ['miit', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, D],
  ['mofcom', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, D],
  ['huaxin', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, D],
  ['jinghua', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, D],
  ['meridian', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, D],
  ['ciie', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, D],
  ['icrs', 'Consultation', 'read', 'consultation:MIIT@CUTOFF', null, D],
  // Information requests: the office all within clearance; the addressed party its own; nobody else.
  ['officer', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, A],
  ['officer2', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, A],
  ['lead', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, A],
  ['panel', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, A],
  ['auditor', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, A],
  ['admin', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, D],
  ['miit', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, D],
  ['mofcom', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, D],
  ['huaxin', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, D],
  ['jinghua', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, D],
  ['meridian', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, A],
  ['ciie', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, D],
  ['icrs', 'InformationRequest', 'read', 'information-request:MERIDIAN-CAP@ACQUISITION', null, D],
  // Addressed to Huaxin on the SECRET case: a party sees its own matter whatever the classification.
  ['officer', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, A],
  ['officer2', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, D],
  ['lead', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, A],
  ['panel', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, A],
  ['auditor', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, A],
  ['admin', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, D],
  ['miit', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, D],
  ['mofcom', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, D],
  ['huaxin', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, A],
  ['jinghua', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, D],
  ['meridian', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, D],
  ['ciie', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, D],
  ['icrs', 'InformationRequest', 'read', 'information-request:HUAXIN-IC@CUTOFF', null, D],
);

// The knowledge base (design §6, issue 7). Chains, nodes, suppliers, committees and key technologies
// are reference data every member reads. Supply links are what firms report in confidence: the
// office and auditors read them all, a firm its own. Node metrics aggregate the links: the office,
// auditors and departments read them; firms, institutes and administrators do not.
cells.push(
  ['officer', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['officer2', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['lead', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['panel', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['auditor', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['admin', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['miit', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['mofcom', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['huaxin', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['jinghua', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['meridian', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['ciie', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['icrs', 'Supplier', 'read', 'supplier:JSR', null, A],
  ['officer', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['officer2', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['lead', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['panel', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['auditor', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['admin', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['miit', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['mofcom', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['huaxin', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['jinghua', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['meridian', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['ciie', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['icrs', 'IndustryCommittee', 'read', 'IC-COMMITTEE', null, A],
  ['officer', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['officer2', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['lead', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['panel', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['auditor', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['admin', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['miit', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['mofcom', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['huaxin', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['jinghua', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['meridian', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['ciie', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  ['icrs', 'KeyTechnology', 'read', 'key-technology:EUV', null, A],
  // Huaxin's JSR link on photoresist.
  ['officer', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, A],
  ['officer2', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, A],
  ['lead', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, A],
  ['panel', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, A],
  ['auditor', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, A],
  ['admin', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, D],
  ['miit', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, D],
  ['mofcom', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, D],
  ['huaxin', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, A],
  ['jinghua', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, D],
  ['meridian', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, D],
  ['ciie', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, D],
  ['icrs', 'SupplyLink', 'read', 'link:HUAXIN@PHOTORESIST', null, D],
  ['officer', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', A],
  ['officer2', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', A],
  ['lead', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', A],
  ['panel', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', A],
  ['auditor', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', A],
  ['admin', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', D],
  ['miit', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', A],
  ['mofcom', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', A],
  ['huaxin', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', D],
  ['jinghua', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', D],
  ['meridian', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', D],
  ['ciie', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', D],
  ['icrs', 'ChainNode', 'read', 'PHOTORESIST', 'metrics.supplierCount', D],
  // Office case staff change everything; administrators the reference data, never links nor the
  // key-technology list; firms the links they report (here: for Huaxin); the committee's lead
  // department (MIIT) its key technologies; auditors nothing.
  ['officer', 'IndustryChain', 'create', 'IC', null, A],
  ['lead', 'IndustryChain', 'create', 'IC', null, A],
  ['admin', 'IndustryChain', 'create', 'IC', null, A],
  ['auditor', 'IndustryChain', 'create', 'IC', null, D],
  ['miit', 'IndustryChain', 'create', 'IC', null, D],
  ['huaxin', 'IndustryChain', 'create', 'IC', null, D],
  ['officer', 'ChainNode', 'create', 'IC', null, A],
  ['admin', 'ChainNode', 'create', 'IC', null, A],
  ['auditor', 'ChainNode', 'create', 'IC', null, D],
  ['miit', 'ChainNode', 'create', 'IC', null, D],
  ['huaxin', 'ChainNode', 'create', 'IC', null, D],
  ['officer', 'Supplier', 'create', 'DE', null, A],
  ['admin', 'Supplier', 'create', 'DE', null, A],
  ['huaxin', 'Supplier', 'create', 'DE', null, A],
  ['auditor', 'Supplier', 'create', 'DE', null, D],
  ['miit', 'Supplier', 'create', 'DE', null, D],
  ['ciie', 'Supplier', 'create', 'DE', null, D],
  ['officer', 'SupplyLink', 'create', 'organization:HUAXIN-IC', null, A],
  ['lead', 'SupplyLink', 'create', 'organization:HUAXIN-IC', null, A],
  ['huaxin', 'SupplyLink', 'create', 'organization:HUAXIN-IC', null, A],
  ['jinghua', 'SupplyLink', 'create', 'organization:HUAXIN-IC', null, D],
  ['admin', 'SupplyLink', 'create', 'organization:HUAXIN-IC', null, D],
  ['auditor', 'SupplyLink', 'create', 'organization:HUAXIN-IC', null, D],
  ['miit', 'SupplyLink', 'create', 'organization:HUAXIN-IC', null, D],
  ['ciie', 'SupplyLink', 'create', 'organization:HUAXIN-IC', null, D],
  ['officer', 'IndustryCommittee', 'create', 'MIIT', null, A],
  ['admin', 'IndustryCommittee', 'create', 'MIIT', null, A],
  ['auditor', 'IndustryCommittee', 'create', 'MIIT', null, D],
  ['miit', 'IndustryCommittee', 'create', 'MIIT', null, D],
  ['huaxin', 'IndustryCommittee', 'create', 'MIIT', null, D],
  ['miit', 'KeyTechnology', 'create', 'IC-COMMITTEE', null, A],
  ['officer', 'KeyTechnology', 'create', 'IC-COMMITTEE', null, A],
  ['lead', 'KeyTechnology', 'create', 'IC-COMMITTEE', null, A],
  ['mofcom', 'KeyTechnology', 'create', 'IC-COMMITTEE', null, D],
  ['admin', 'KeyTechnology', 'create', 'IC-COMMITTEE', null, D],
  ['auditor', 'KeyTechnology', 'create', 'IC-COMMITTEE', null, D],
  ['huaxin', 'KeyTechnology', 'create', 'IC-COMMITTEE', null, D],
  ['ciie', 'KeyTechnology', 'create', 'IC-COMMITTEE', null, D],
  ['officer', 'SupplyLink', 'update', 'link:HUAXIN@PHOTORESIST', null, A],
  ['huaxin', 'SupplyLink', 'update', 'link:HUAXIN@PHOTORESIST', null, A],
  ['auditor', 'SupplyLink', 'update', 'link:HUAXIN@PHOTORESIST', null, D],
  ['panel', 'SupplyLink', 'update', 'link:HUAXIN@PHOTORESIST', null, D],
  ['miit', 'KeyTechnology', 'update', 'key-technology:EUV', null, A],
  ['officer', 'KeyTechnology', 'update', 'key-technology:EUV', null, A],
  ['mofcom', 'KeyTechnology', 'update', 'key-technology:EUV', null, D],
  ['admin', 'KeyTechnology', 'update', 'key-technology:EUV', null, D],
  ['auditor', 'KeyTechnology', 'update', 'key-technology:EUV', null, D],
  ['huaxin', 'KeyTechnology', 'update', 'key-technology:EUV', null, D],
);

export const matrix: readonly MatrixRow[] = cells.map(([persona, kind, action, target, field, expected]) => ({
  persona,
  kind,
  action,
  target,
  field,
  expected,
}));

/** Fields that some role may not read; each must have allow and deny rows (written here by hand). */
export const guardedFields: Partial<Record<Kind, readonly string[]>> = {
  Case: ['riskScore', 'riskGrade'],
  Person: ['email', 'clearance', 'status', 'roles'],
  Decision: ['reasons'],
  // The node metrics object, probed through one of its scalars.
  ChainNode: ['metrics.supplierCount'],
};

/**
 * Live case events (issue 6): a subscriber gets an audited change of a case exactly as
 * `Case.timeline` would show it. A case the persona cannot read refuses the subscription (a liaison
 * whose department was not consulted gets nothing); a state change reaches every reader; a
 * consultation or a risk classification only the office and auditors — never a firm, a department
 * or an institute, even one that reads the case.
 */
export type LiveTarget = 'ACQUISITION/state' | 'ACQUISITION/consultation' | 'CUTOFF/risk';
export interface LiveRow {
  readonly persona: PersonaKey;
  readonly target: LiveTarget;
  readonly expected: Expected;
}
const liveCells: [PersonaKey, LiveTarget, Expected][] = [
  ['officer', 'ACQUISITION/state', A],
  ['officer2', 'ACQUISITION/state', A],
  ['lead', 'ACQUISITION/state', A],
  ['panel', 'ACQUISITION/state', A],
  ['auditor', 'ACQUISITION/state', A],
  ['admin', 'ACQUISITION/state', D],
  ['miit', 'ACQUISITION/state', A],
  ['mofcom', 'ACQUISITION/state', D],
  ['huaxin', 'ACQUISITION/state', D],
  ['jinghua', 'ACQUISITION/state', D],
  ['meridian', 'ACQUISITION/state', A],
  ['ciie', 'ACQUISITION/state', A],
  ['icrs', 'ACQUISITION/state', D],
  ['officer', 'ACQUISITION/consultation', A],
  ['officer2', 'ACQUISITION/consultation', A],
  ['lead', 'ACQUISITION/consultation', A],
  ['panel', 'ACQUISITION/consultation', A],
  ['auditor', 'ACQUISITION/consultation', A],
  ['admin', 'ACQUISITION/consultation', D],
  ['miit', 'ACQUISITION/consultation', D],
  ['mofcom', 'ACQUISITION/consultation', D],
  ['huaxin', 'ACQUISITION/consultation', D],
  ['jinghua', 'ACQUISITION/consultation', D],
  ['meridian', 'ACQUISITION/consultation', D],
  ['ciie', 'ACQUISITION/consultation', D],
  ['icrs', 'ACQUISITION/consultation', D],
  ['officer', 'CUTOFF/risk', A],
  ['officer2', 'CUTOFF/risk', D],
  ['lead', 'CUTOFF/risk', A],
  ['panel', 'CUTOFF/risk', A],
  ['auditor', 'CUTOFF/risk', A],
  ['admin', 'CUTOFF/risk', D],
  ['miit', 'CUTOFF/risk', D],
  ['mofcom', 'CUTOFF/risk', D],
  ['huaxin', 'CUTOFF/risk', D],
  ['jinghua', 'CUTOFF/risk', D],
  ['meridian', 'CUTOFF/risk', D],
  ['ciie', 'CUTOFF/risk', D],
  ['icrs', 'CUTOFF/risk', D],
];
export const liveMatrix: readonly LiveRow[] = liveCells.map(([persona, target, expected]) => ({
  persona,
  target,
  expected,
}));

/** Notifications (issue 6): everyone reads and marks their own inbox, and nobody anyone else's. */
export interface InboxRow {
  readonly persona: PersonaKey;
  /** Whose notification: the persona's own, or another persona's. */
  readonly owner: 'own' | PersonaKey;
  readonly expected: Expected;
}
export const inboxMatrix: readonly InboxRow[] = (Object.keys(personas) as PersonaKey[]).flatMap((persona) => [
  { persona, owner: 'own' as const, expected: A },
  { persona, owner: persona === 'officer' ? ('huaxin' as const) : ('officer' as const), expected: D },
]);

/**
 * The dead letter (jobs that failed on every attempt): administrators list and retry dead jobs;
 * everyone else is refused (Forbidden), office staff included (operations, not case work).
 */
export interface DeadJobRow {
  readonly persona: PersonaKey;
  /** `read`: the `deadJobs` query; `update`: the `retryDeadJob` mutation. */
  readonly action: 'read' | 'update';
  readonly expected: Expected;
}
type DeadJobCell = [PersonaKey, DeadJobRow['action'], Expected];
const deadJobCells: DeadJobCell[] = [
  ['officer', 'read', D],
  ['officer', 'update', D],
  ['officer2', 'read', D],
  ['officer2', 'update', D],
  ['lead', 'read', D],
  ['lead', 'update', D],
  ['panel', 'read', D],
  ['panel', 'update', D],
  ['auditor', 'read', D],
  ['auditor', 'update', D],
  ['admin', 'read', A],
  ['admin', 'update', A],
  ['miit', 'read', D],
  ['miit', 'update', D],
  ['mofcom', 'read', D],
  ['mofcom', 'update', D],
  ['huaxin', 'read', D],
  ['huaxin', 'update', D],
  ['jinghua', 'read', D],
  ['jinghua', 'update', D],
  ['meridian', 'read', D],
  ['meridian', 'update', D],
  ['ciie', 'read', D],
  ['ciie', 'update', D],
  ['icrs', 'read', D],
  ['icrs', 'update', D],
];
export const deadJobMatrix: readonly DeadJobRow[] = deadJobCells.map(([persona, action, expected]) => ({
  persona,
  action,
  expected,
}));

/**
 * The timeline and live events (issue 12): every kind of audit entry on a case, as each persona
 * sees it through `Case.timeline` and `caseEvents` (policies/case-event-visibility.ts). Targets are
 * entries on ACQUISITION (CONFIDENTIAL); the documents are one CONFIDENTIAL and one SECRET, so the
 * clearance of the reader decides (officer SECRET, officer2 CONFIDENTIAL, the MIIT liaison and the
 * CIIE assessor CONFIDENTIAL).
 * - `shown`: the entry with its actor and details;
 * - `no reader`: a document read without who read it (only auditors read the read log);
 * - `state only`: the action, time and resulting state, nothing else (outside the office);
 * - `omitted`: not in the timeline, no event;
 * - `no case`: the persona does not read the case at all.
 */
export const timelineTargets = [
  'case.state',
  'case.classify',
  'case.team_assigned',
  'clock.breached',
  'consultation',
  'assessment',
  'information_request',
  'decision',
  'appeal',
  'condition',
  'document.uploaded/CONFIDENTIAL',
  'document.uploaded/SECRET',
  'document.read/CONFIDENTIAL',
  'document.read/SECRET',
] as const;
export type TimelineTarget = (typeof timelineTargets)[number];
export type TimelineOutcome = 'shown' | 'no reader' | 'state only' | 'omitted' | 'no case';
export interface TimelineRow {
  readonly persona: PersonaKey;
  readonly target: TimelineTarget;
  readonly expected: TimelineOutcome;
}

/** Outcomes per target in `timelineTargets` order. */
type TimelineLine = [
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
  TimelineOutcome,
];
const S = 'shown' as const;
const R = 'no reader' as const;
const O = 'omitted' as const;
const N = 'no case' as const;
const T = 'state only' as const;
//                       state classify team clock consult assess inforeq decision appeal condition up/C up/S read/C read/S
const timelineLines: Record<PersonaKey, TimelineLine> = {
  officer: /*        */ [S, S, S, S, S, S, S, S, S, S, S, S, R, R],
  officer2: /*       */ [S, S, S, S, S, S, S, S, S, S, S, O, R, O],
  lead: /*           */ [S, S, S, S, S, S, S, S, S, S, S, S, R, R],
  panel: /*          */ [S, S, S, S, S, S, S, S, S, S, S, S, R, R],
  auditor: /*        */ [S, S, S, S, S, S, S, S, S, S, S, S, S, S],
  admin: /*          */ [N, N, N, N, N, N, N, N, N, N, N, N, N, N],
  miit: /*           */ [T, O, O, O, O, O, O, O, O, O, O, O, O, O],
  mofcom: /*         */ [N, N, N, N, N, N, N, N, N, N, N, N, N, N],
  huaxin: /*         */ [N, N, N, N, N, N, N, N, N, N, N, N, N, N],
  jinghua: /*        */ [N, N, N, N, N, N, N, N, N, N, N, N, N, N],
  meridian: /*       */ [T, O, O, O, O, O, O, O, O, O, O, O, O, O],
  ciie: /*           */ [T, O, O, O, O, O, O, O, O, O, O, O, O, O],
  icrs: /*           */ [N, N, N, N, N, N, N, N, N, N, N, N, N, N],
};
export const timelineMatrix: readonly TimelineRow[] = (Object.keys(timelineLines) as PersonaKey[]).flatMap((persona) =>
  timelineTargets.map((target, n) => ({ persona, target, expected: timelineLines[persona][n]! })),
);

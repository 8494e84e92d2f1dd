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
import type { Role } from '../../src/domain/vocabulary.ts';

export type Expected = 'allow' | 'deny';
export type Kind =
  | 'Case'
  | 'Organization'
  | 'Person'
  | 'Regime'
  | 'Calendar'
  | 'IndustryChain'
  | 'ChainNode'
  | 'ServiceAccount';
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
};

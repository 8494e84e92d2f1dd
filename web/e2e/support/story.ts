/**
 * The office's side of a story, straight through the API, so that each role's journey starts where
 * its work is: a case opened ex officio (its own, so journeys never share a case), classified, under
 * review, with departments consulted, an institute invited, a party asked for information.
 */
import { DEMO_PASSWORD } from '../../../src/seed/demo-data.ts';
import { accessTokenOf, apiAs } from './api.ts';
import { unusedOneTimeCode } from './one-time-code.ts';

type Api = Awaited<ReturnType<typeof apiAs>>;

const failIfError = (field: string, answer: Record<string, { __typename: string; message?: string }>) => {
  const result = answer[field];
  if (!result || 'message' in result) throw new Error(`${field} refused: ${JSON.stringify(result)}`);
  return result;
};

export class OfficeStory {
  private constructor(
    readonly api: Api,
    readonly baseUrl: string,
    private readonly orgs: Record<string, string>,
  ) {}

  static async begin(baseUrl: string): Promise<OfficeStory> {
    const api = await apiAs(baseUrl, 'officer@icsr.example');
    const { organizations } = await api<{ organizations: { nodes: { id: string; code: string }[] } }>(
      `{ organizations(first: 100) { nodes { id code } } }`,
    );
    return new OfficeStory(api, baseUrl, Object.fromEntries(organizations.nodes.map((o) => [o.code, o.id])));
  }

  org(code: string): string {
    const id = this.orgs[code];
    if (!id) throw new Error(`no organisation ${code}`);
    return id;
  }

  /**
   * The officer uploads a CONFIDENTIAL document to the case over REST and downloads it once, so the
   * case has a logged read (the read log shows it to auditors).
   */
  async loggedDocument(caseId: string, title: string): Promise<void> {
    const auth = {
      authorization: `Bearer ${await accessTokenOf(this.baseUrl, 'officer@icsr.example')}`,
      'x-icsr-csrf': '1',
    };
    const query = new URLSearchParams({ title, fileName: 'minutes.pdf', classification: 'CONFIDENTIAL' });
    const uploaded = await fetch(`${this.baseUrl}/cases/${caseId}/documents?${query}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: new TextEncoder().encode(
        '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      ),
    });
    if (uploaded.status !== 201) throw new Error(`upload failed: ${uploaded.status} ${await uploaded.text()}`);
    const { document } = (await uploaded.json()) as { document: { downloadPath: string } };
    const read = await fetch(`${this.baseUrl}${document.downloadPath}`, { headers: auth });
    if (read.status !== 200) throw new Error(`download failed: ${read.status}`);
  }

  async version(caseId: string): Promise<number> {
    const { node } = await this.api<{ node: { version: number } }>(
      `query($id: ID!) { node(id: $id) { ... on Case { version } } }`,
      {
        id: caseId,
      },
    );
    return node.version;
  }

  /** An ex-officio relocation case with `firm` as its subject, classified and under general review. */
  async caseUnderReview(title: string, firm = 'HUAXIN-IC'): Promise<{ id: string; reference: string }> {
    const opened = failIfError(
      'openCase',
      await this.api(
        `mutation($input: OpenCaseInput!) { openCase(input: $input) { __typename ... on CaseChanged { case { id reference version } } ... on Error { message } } }`,
        {
          input: {
            title,
            summary: 'The packaging line moves abroad; process development stays at home.',
            subject: 'RELOCATION',
            confidentiality: 'INTERNAL',
            parties: [{ organizationId: this.org(firm), role: 'SUBJECT' }],
          },
        },
      ),
    ) as unknown as { case: { id: string; reference: string; version: number } };
    const id = opened.case.id;
    await this.classifyAndReview(id);
    return { id, reference: opened.case.reference };
  }

  /** Classifies a case in screening and starts the general review. */
  async classifyAndReview(id: string): Promise<void> {
    failIfError(
      'classifyCase',
      await this.api(
        `mutation($input: ClassifyCaseInput!) { classifyCase(input: $input) { __typename ... on Error { message } } }`,
        {
          input: {
            caseId: id,
            expectedVersion: await this.version(id),
            securityType: 'CAPABILITY_DESTRUCTION',
            keyDimension: 'INDUSTRY_TRANSFER',
            capabilities: ['MANUFACTURING'],
            maturity: 'MATURE',
            reason: 'Facts as found by the office.',
          },
        },
      ),
    );
    await this.transition(id, 'startReview');
  }

  async transition(caseId: string, field: string, reason?: string): Promise<void> {
    failIfError(
      field,
      await this.api(
        `mutation($input: CaseActionInput!) { ${field}(input: $input) { __typename ... on Error { message } } }`,
        { input: { caseId, expectedVersion: await this.version(caseId), ...(reason ? { reason } : {}) } },
      ),
    );
  }

  async inviteInstitute(caseId: string, institute: string, terms: string): Promise<void> {
    failIfError(
      'inviteInstitute',
      await this.api(
        `mutation($input: InviteInstituteInput!) { inviteInstitute(input: $input) { __typename ... on Error { message } } }`,
        { input: { caseId, instituteId: this.org(institute), termsOfReference: terms } },
      ),
    );
  }

  async returnAssessment(caseId: string, reason: string): Promise<void> {
    const { node } = await this.api<{ node: { assessments: { id: string; version: number; state: string }[] } }>(
      `query($id: ID!) { node(id: $id) { ... on Case { assessments { id version state } } } }`,
      { id: caseId },
    );
    const submitted = node.assessments.find((a) => a.state === 'SUBMITTED');
    if (!submitted) throw new Error(`no submitted assessment on ${caseId}`);
    failIfError(
      'returnAssessment',
      await this.api(
        `mutation($input: AssessmentReasonInput!) { returnAssessment(input: $input) { __typename ... on Error { message } } }`,
        { input: { assessmentId: submitted.id, expectedVersion: submitted.version, reason } },
      ),
    );
  }

  async requestInformation(caseId: string, firm: string, questions: string): Promise<void> {
    failIfError(
      'requestInformation',
      await this.api(
        `mutation($input: RequestInformationInput!) { requestInformation(input: $input) { __typename ... on Error { message } } }`,
        { input: { caseId, addressedToOrganizationId: this.org(firm), questions } },
      ),
    );
  }

  /** The officer proposes clearance with a condition on `owner`, and discloses it to the parties. */
  async proposeWithCondition(
    caseId: string,
    input: { reasons: string; noticeText: string; condition: string; owner: string },
  ): Promise<void> {
    failIfError(
      'proposeDecision',
      await this.api(
        `mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { __typename ... on Error { message } } }`,
        {
          input: {
            caseId,
            expectedVersion: await this.version(caseId),
            outcome: 'CLEARED_WITH_CONDITIONS',
            reasons: input.reasons,
            noticeText: input.noticeText,
            conditions: [
              { description: input.condition, ownerOrganizationId: this.org(input.owner), dueOn: '2027-06-30' },
            ],
            reason: 'Work still open is for information only.',
          },
        },
      ),
    );
    const { node } = await this.api<{ node: { decisions: { id: string; state: string }[] } }>(
      `query($id: ID!) { node(id: $id) { ... on Case { decisions { id state } } } }`,
      { id: caseId },
    );
    const pending = node.decisions.find((d) => d.state === 'PROPOSED');
    if (!pending) throw new Error('no proposed decision');
    failIfError(
      'requestRepresentations',
      await this.api(
        `mutation($id: ID!) { requestRepresentations(decisionId: $id) { __typename ... on Error { message } } }`,
        { id: pending.id },
      ),
    );
  }

  /** A lead reviewer (with their one-time code) approves the pending decision. */
  async approveAs(email: string, caseId: string): Promise<void> {
    const lead = await signedInWithTotp(this.baseUrl, email);
    failIfError(
      'approveDecision',
      await lead(
        `mutation($input: DecisionCaseInput!) { approveDecision(input: $input) { __typename ... on Error { message } } }`,
        { input: { caseId, expectedVersion: await this.version(caseId) } },
      ),
    );
  }

  async consult(caseId: string, departments: string[], question: string): Promise<void> {
    failIfError(
      'requestConsultations',
      await this.api(
        `mutation($input: RequestConsultationsInput!) { requestConsultations(input: $input) { __typename ... on Error { message } } }`,
        {
          input: {
            caseId,
            expectedVersion: await this.version(caseId),
            departmentIds: departments.map((d) => this.org(d)),
            question,
          },
        },
      ),
    );
  }
}

/** A department's liaison answering through the API (another department, beside the one in the browser). */
export async function respondAs(
  baseUrl: string,
  email: string,
  caseId: string,
  opinion: string,
  rationale: string,
): Promise<void> {
  const api = await apiAs(baseUrl, email);
  const { node, viewer } = await api<{
    viewer: { organization: { id: string } };
    node: { consultations: { id: string; version: number; department: { id: string } }[] };
  }>(
    `query($id: ID!) { viewer { organization { id } } node(id: $id) { ... on Case { consultations { id version department { id } } } } }`,
    { id: caseId },
  );
  const own = node.consultations.find((c) => c.department.id === viewer.organization.id);
  if (!own) throw new Error(`${email} has no consultation on ${caseId}`);
  failIfError(
    'respondToConsultation',
    await api(
      `mutation($input: RespondToConsultationInput!) { respondToConsultation(input: $input) { __typename ... on Error { message } } }`,
      { input: { consultationId: own.id, expectedVersion: own.version, opinion, rationale } },
    ),
  );
}

/** A person whose sign-in needs a one-time code (lead reviewers, administrators), through the API. */
export async function signedInWithTotp(baseUrl: string, email: string) {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-icsr-csrf': '1' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD, totpCode: await unusedOneTimeCode(email) }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return async <T = Record<string, { __typename: string; message?: string }>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> => {
    const answer = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'x-icsr-csrf': '1' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await answer.json()) as { data?: T; errors?: unknown[] };
    if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}

/** A firm's representative files (and submits) through the API, as a department system would. */
export async function fileAs(
  baseUrl: string,
  email: string,
  input: { title: string; summary: string; subject: string },
): Promise<{ id: string }> {
  const firm = await apiAs(baseUrl, email);
  const { viewer } = await firm<{ viewer: { organization: { id: string } } }>(`{ viewer { organization { id } } }`);
  const created = failIfError(
    'createFiling',
    await firm(
      `mutation($input: CreateFilingInput!) { createFiling(input: $input) { __typename ... on CaseChanged { case { id version } } ... on Error { message } } }`,
      { input: { ...input, filerOrganizationId: viewer.organization.id } },
    ),
  ) as unknown as { case: { id: string; version: number } };
  failIfError(
    'submitFiling',
    await firm(
      `mutation($input: CaseActionInput!) { submitFiling(input: $input) { __typename ... on Error { message } } }`,
      { input: { caseId: created.case.id, expectedVersion: created.case.version } },
    ),
  );
  return { id: created.case.id };
}

/** The filer's representative appeals the decision through the API. */
export async function appealAs(baseUrl: string, email: string, caseId: string, grounds: string): Promise<void> {
  const firm = await apiAs(baseUrl, email);
  const { node } = await firm<{ node: { version: number } }>(
    `query($id: ID!) { node(id: $id) { ... on Case { version } } }`,
    { id: caseId },
  );
  failIfError(
    'fileAppeal',
    await firm(
      `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { __typename ... on Error { message } } }`,
      { input: { caseId, expectedVersion: node.version, grounds } },
    ),
  );
}

/** The party's representative answers the disclosed proposal through the API. */
export async function representAs(baseUrl: string, email: string, caseId: string, text: string): Promise<void> {
  const firm = await apiAs(baseUrl, email);
  const { node } = await firm<{ node: { representationRequests: { id: string; version: number; state: string }[] } }>(
    `query($id: ID!) { node(id: $id) { ... on Case { representationRequests { id version state } } } }`,
    { id: caseId },
  );
  const open = node.representationRequests.find((r) => r.state === 'OPEN');
  if (!open) throw new Error(`no open representation request on ${caseId}`);
  failIfError(
    'submitRepresentation',
    await firm(
      `mutation($input: SubmitRepresentationInput!) { submitRepresentation(input: $input) { __typename ... on Error { message } } }`,
      { input: { representationRequestId: open.id, expectedVersion: open.version, representation: text } },
    ),
  );
}

/** The office's steps that have no page object yet in the full story, through the API. */
export async function officeFinishes(story: OfficeStory, caseId: string, step: 'endorse' | 'monitoring-done') {
  if (step === 'endorse') {
    const { node } = await story.api<{ node: { assessments: { id: string; version: number; state: string }[] } }>(
      `query($id: ID!) { node(id: $id) { ... on Case { assessments { id version state } } } }`,
      { id: caseId },
    );
    const submitted = node.assessments.find((a) => a.state === 'SUBMITTED');
    if (!submitted) throw new Error('no submitted assessment');
    failIfError(
      'endorseAssessment',
      await story.api(
        `mutation($input: AssessmentActionInput!) { endorseAssessment(input: $input) { __typename ... on Error { message } } }`,
        { input: { assessmentId: submitted.id, expectedVersion: submitted.version } },
      ),
    );
    return;
  }
  const { node } = await story.api<{
    node: { decisions: { state: string; conditions: { id: string; version: number; state: string }[] }[] };
  }>(`query($id: ID!) { node(id: $id) { ... on Case { decisions { state conditions { id version state } } } } }`, {
    id: caseId,
  });
  for (const decision of node.decisions.filter((d) => d.state === 'APPROVED')) {
    for (const condition of decision.conditions.filter((k) => k.state === 'OPEN')) {
      failIfError(
        'confirmConditionMet',
        await story.api(
          `mutation($input: ConditionRulingInput!) { confirmConditionMet(input: $input) { __typename ... on Error { message } } }`,
          { input: { conditionId: condition.id, expectedVersion: condition.version, reason: 'Reported and checked.' } },
        ),
      );
    }
  }
  failIfError(
    'closeMonitoring',
    await story.api(
      `mutation($input: DecisionCaseInput!) { closeMonitoring(input: $input) { __typename ... on Error { message } } }`,
      { input: { caseId, expectedVersion: await story.version(caseId) } },
    ),
  );
}

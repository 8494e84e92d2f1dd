/**
 * Requests for information to a party (design §4) in the API: the node, the case's list filtered in
 * SQL by the same rules as `node` (the office all; the addressed organisation its own; others none),
 * and the two actions.
 */
import type { informationRequests } from '../../../db/schema/work-items.ts';
import { informationRequestStates } from '../../../vocabulary/terms.ts';
import { informationRequestSubjectFields } from '../../domain/access/subject-fields.ts';
import {
  answerInformationRequest,
  requestInformation,
} from '../../domain/information-requests/information-requests.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField, runMutation } from '../mutation.ts';
import { readableWhere } from '../visibility.ts';
import { CaseRef } from './case.ts';
import { workItemDueAt } from './consultation.ts';
import { mutationErrorTypes } from './errors.ts';

export const InformationRequestStateEnum = builder.enumType('InformationRequestState', {
  description: 'Where an information request is: open, answered, or expired unanswered.',
  values: informationRequestStates,
});

export const InformationRequestRef = builder.drizzleNode('informationRequests', {
  name: 'InformationRequest',
  description: 'A request for information addressed to a party of a case, with its own deadline.',
  id: { column: (r) => r.id, description: 'Global ID of the information request.' },
  fields: (t) => ({
    addressedTo: t.relation('addressedTo', { description: 'The party asked.' }),
    state: t.expose('state', { type: InformationRequestStateEnum, description: 'Where the request is.' }),
    questions: t.exposeString('questions', { description: 'What the office asks.' }),
    answer: t.exposeString('answer', { nullable: true, description: "The party's answer; null until it answers." }),
    pausesPhaseClock: t.exposeBoolean('pausesPhaseClock', {
      description: "Whether, under the case's regime, the open request stops the phase clock.",
    }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime', description: 'When the office asked.' }),
    answeredAt: t.expose('answeredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the party answered; null until then.',
    }),
    dueAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "The answer's deadline, from the request's clock.",
      resolve: (r, _args, ctx) => workItemDueAt(ctx, 'INFORMATION_REQUEST', r.id),
    }),
    version: t.exposeInt('version', {
      description: 'Optimistic-lock version: send it back with the answer so a concurrent change is detected.',
    }),
  }),
});

builder.drizzleObjectField(CaseRef, 'informationRequests', (t) =>
  t.relation('informationRequests', {
    description:
      'The information requests on the case you may see, oldest first: the office all; a party those ' +
      'addressed to it; nobody else.',
    query: (_args, ctx) => ({
      where: {
        RAW: (table) =>
          readableWhere(
            ctx,
            'InformationRequest',
            informationRequestSubjectFields(table as typeof informationRequests),
          ),
      },
      orderBy: { requestedAt: 'asc', id: 'asc' },
    }),
  }),
);

const InformationRequestPayloadRef = builder
  .objectRef<{ informationRequestId: string }>('InformationRequestChanged')
  .implement({
    description: 'The information request was opened or answered.',
    fields: (t) => ({
      informationRequest: t.drizzleField({
        type: 'informationRequests',
        description: 'The information request after the change.',
        resolve: async (query, payload, _args, ctx) =>
          (await ctx.db.query.informationRequests.findFirst(query({ where: { id: payload.informationRequestId } })))!,
      }),
    }),
  });

const RequestInformationInput = builder.inputType('RequestInformationInput', {
  description: 'Which case, which party, and what the office asks.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case (in SCREENING, REVIEW or IN_DEPTH).' }),
    expectedVersion: t.int({
      required: false,
      description: 'The case version you read, if you want a concurrent change to answer StaleVersion.',
    }),
    addressedToOrganizationId: t.id({ required: true, description: 'Global ID of the party asked.' }),
    questions: t.string({ required: true, description: 'What the office asks.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('requestInformation', (t) =>
  t.field({
    type: InformationRequestPayloadRef,
    description:
      "The officer or lead reviewer asks a party for information; under the case's regime this may pause the phase clock.",
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: RequestInformationInput, required: true, description: 'The request.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        caseId: decodeId(input.caseId, 'Case', 'caseId'),
        expectedVersion: input.expectedVersion ?? undefined,
        addressedToOrganizationId: decodeId(
          input.addressedToOrganizationId,
          'Organization',
          'addressedToOrganizationId',
        ),
        questions: input.questions,
      };
      return runMutation(
        ctx,
        { operation: 'requestInformation', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => ({ informationRequestId: (await requestInformation(tx, ctx.actor!, request, ctx.now)).id }),
      );
    },
  }),
);

const AnswerInformationRequestInput = builder.inputType('AnswerInformationRequestInput', {
  description: "The addressed party's answer.",
  fields: (t) => ({
    informationRequestId: t.id({ required: true, description: 'Global ID of the information request.' }),
    expectedVersion: t.int({ required: true, description: 'The request version you read.' }),
    answer: t.string({ required: true, description: 'The answer.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('answerInformationRequest', (t) =>
  t.field({
    type: InformationRequestPayloadRef,
    description:
      "The addressed firm's representative answers; a paused phase clock resumes when no other pausing request is open.",
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: AnswerInformationRequestInput, required: true, description: 'The answer.' }) },
    resolve: (_root, { input }, ctx) => {
      const request = {
        informationRequestId: decodeId(input.informationRequestId, 'InformationRequest', 'informationRequestId'),
        expectedVersion: input.expectedVersion,
        answer: input.answer,
      };
      return runMutation(
        ctx,
        { operation: 'answerInformationRequest', idempotencyKey: input.idempotencyKey, input: request },
        async (tx) => ({ informationRequestId: (await answerInformationRequest(tx, ctx.actor!, request, ctx.now)).id }),
      );
    },
  }),
);

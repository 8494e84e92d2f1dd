/**
 * Changes to the knowledge base (design §6). Who may do which is in policies/ability.ts: office
 * case staff everything; administrators chains, nodes, suppliers and committees (never links);
 * firms the links they report; a committee's lead department its key technologies. Every change is
 * recorded on the administrative audit chain; updates check the version the caller read.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { TechnologyMaturity, TechnologyStrategyClass } from '../../../vocabulary/terms.ts';
import type { Tx } from '../../db/database.ts';
import {
  addChainNode,
  addKeyTechnology,
  createIndustryChain,
  createIndustryCommittee,
  registerSupplier,
  reportSupplyLink,
} from '../../domain/knowledge/build-knowledge-base.ts';
import {
  moveChainNode,
  removeKeyTechnology,
  removeSupplyLink,
  updateChainNode,
  updateIndustryChain,
  updateIndustryCommittee,
  updateKeyTechnology,
  updateSupplier,
  updateSupplyLink,
} from '../../domain/knowledge/maintain-knowledge-base.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField, runMutation } from '../mutation.ts';
import { TechnologyMaturityEnum, TechnologyStrategyClassEnum } from './enums.ts';
import { mutationErrorTypes } from './errors.ts';

/** Optional GraphQL input → domain input: absent stays absent, an explicit null clears. */
const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
const decodeOptional = (value: string | number | null | undefined, typename: string, field: string) =>
  value === undefined ? undefined : value === null ? null : decodeId(String(value), typename, field);

/** Runs a creating change through the one mutation path; a replay answers the first call's new row id. */
const createOnce = (
  ctx: GraphQLContext,
  operation: string,
  idempotencyKey: string | null | undefined,
  input: unknown,
  create: (tx: Tx, actor: Actor) => Promise<{ id: string }>,
): Promise<string> =>
  runMutation(ctx, { operation, idempotencyKey, input }, async (tx) => ({
    id: (await create(tx, ctx.actor!)).id,
  })).then((created) => created.id);

// ---- chains -------------------------------------------------------------------------------------

const CreateIndustryChainInput = builder.inputType('CreateIndustryChainInput', {
  description: 'A new industry chain.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Short stable code, capital letters, digits, - or _.' }),
    name: t.string({ required: true, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    description: t.string({ required: false, description: 'What the chain covers.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('createIndustryChain', (t) =>
  t.drizzleField({
    type: 'industryChains',
    description: 'Office case staff and administrators: adds an industry chain.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: CreateIndustryChainInput, required: true, description: 'The chain.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const request = {
        code: input.code,
        name: input.name,
        nameZh: opt(input.nameZh),
        description: opt(input.description),
      };
      const id = await createOnce(ctx, 'createIndustryChain', input.idempotencyKey, request, (tx, actor) =>
        createIndustryChain(tx, actor, request, ctx.now),
      );
      return (await ctx.db.query.industryChains.findFirst(query({ where: { id } })))!;
    },
  }),
);

const UpdateIndustryChainInput = builder.inputType('UpdateIndustryChainInput', {
  description: 'New names or description of a chain; omitted fields stay, null clears an optional one.',
  fields: (t) => ({
    chainId: t.id({ required: true, description: 'Global ID of the chain.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    name: t.string({ required: false, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    description: t.string({ required: false, description: 'What the chain covers.' }),
  }),
});

builder.mutationField('updateIndustryChain', (t) =>
  t.drizzleField({
    type: 'industryChains',
    description: 'Office case staff and administrators: renames or describes a chain.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateIndustryChainInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateIndustryChain',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateIndustryChain(
            tx,
            ctx.actor!,
            {
              chainId: decodeId(input.chainId, 'IndustryChain', 'chainId'),
              expectedVersion: input.expectedVersion,
              name: opt(input.name),
              nameZh: input.nameZh,
              description: input.description,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.industryChains.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

// ---- nodes --------------------------------------------------------------------------------------

const AddChainNodeInput = builder.inputType('AddChainNodeInput', {
  description: 'A new node: a segment of a chain, or a node under another node of the same chain.',
  fields: (t) => ({
    chainId: t.id({ required: true, description: 'Global ID of the chain.' }),
    parentId: t.id({ required: false, description: 'Global ID of the parent node; omit for a top-level segment.' }),
    code: t.string({ required: true, description: 'Code, unique within the chain.' }),
    name: t.string({ required: true, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    description: t.string({ required: false, description: 'What the node covers.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('addChainNode', (t) =>
  t.drizzleField({
    type: 'chainNodes',
    description: 'Office case staff and administrators: adds a node to a chain’s tree (its depth follows its parent).',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: AddChainNodeInput, required: true, description: 'The node.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const request = {
        chainId: decodeId(input.chainId, 'IndustryChain', 'chainId'),
        parentId: opt(decodeOptional(input.parentId, 'ChainNode', 'parentId')),
        code: input.code,
        name: input.name,
        nameZh: opt(input.nameZh),
        description: opt(input.description),
      };
      const id = await createOnce(ctx, 'addChainNode', input.idempotencyKey, request, (tx, actor) =>
        addChainNode(tx, actor, request, ctx.now),
      );
      return (await ctx.db.query.chainNodes.findFirst(query({ where: { id } })))!;
    },
  }),
);

const UpdateChainNodeInput = builder.inputType('UpdateChainNodeInput', {
  description: 'New code, names or description of a node; omitted fields stay, null clears an optional one.',
  fields: (t) => ({
    nodeId: t.id({ required: true, description: 'Global ID of the node.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    code: t.string({ required: false, description: 'Code, unique within the chain.' }),
    name: t.string({ required: false, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    description: t.string({ required: false, description: 'What the node covers.' }),
  }),
});

builder.mutationField('updateChainNode', (t) =>
  t.drizzleField({
    type: 'chainNodes',
    description: 'Office case staff and administrators: renames or recodes a node.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateChainNodeInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateChainNode',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateChainNode(
            tx,
            ctx.actor!,
            {
              nodeId: decodeId(input.nodeId, 'ChainNode', 'nodeId'),
              expectedVersion: input.expectedVersion,
              code: opt(input.code),
              name: opt(input.name),
              nameZh: input.nameZh,
              description: input.description,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.chainNodes.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

const MoveChainNodeInput = builder.inputType('MoveChainNodeInput', {
  description: 'Where a node (and everything below it) moves in its chain’s tree.',
  fields: (t) => ({
    nodeId: t.id({ required: true, description: 'Global ID of the node.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    newParentId: t.id({
      required: false,
      description:
        'Global ID of the new parent (same chain, not below the node); null or omitted: a top-level segment.',
    }),
  }),
});

builder.mutationField('moveChainNode', (t) =>
  t.drizzleField({
    type: 'chainNodes',
    description: 'Office case staff and administrators: moves a node in the tree; depths below it follow.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: MoveChainNodeInput, required: true, description: 'The move.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'moveChainNode',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          moveChainNode(
            tx,
            ctx.actor!,
            {
              nodeId: decodeId(input.nodeId, 'ChainNode', 'nodeId'),
              expectedVersion: input.expectedVersion,
              newParentId: decodeOptional(input.newParentId, 'ChainNode', 'newParentId') ?? null,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.chainNodes.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

// ---- suppliers ----------------------------------------------------------------------------------

const RegisterSupplierInput = builder.inputType('RegisterSupplierInput', {
  description: 'A supplier; an existing one with the same name (ignoring case) and country is returned instead.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Company name.' }),
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2 country code, e.g. JP.' }),
    organizationId: t.id({ required: false, description: 'Global ID of the firm, when the supplier is one.' }),
  }),
});

builder.mutationField('registerSupplier', (t) =>
  t.drizzleField({
    type: 'suppliers',
    description: 'Office case staff, administrators and firms: registers a supplier (or finds the known one).',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: RegisterSupplierInput, required: true, description: 'The supplier.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'registerSupplier',
          idempotency: 'none',
          why: 'a supplier is looked up by name and country before one is made',
        },
        (tx) =>
          registerSupplier(
            tx,
            ctx.actor!,
            {
              name: input.name,
              country: input.country,
              organizationId: opt(decodeOptional(input.organizationId, 'Organization', 'organizationId')),
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.suppliers.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

const UpdateSupplierInput = builder.inputType('UpdateSupplierInput', {
  description: 'Corrections to a supplier; omitted fields stay, null clears the firm.',
  fields: (t) => ({
    supplierId: t.id({ required: true, description: 'Global ID of the supplier.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    name: t.string({ required: false, description: 'Company name.' }),
    country: t.string({ required: false, description: 'ISO 3166-1 alpha-2 country code.' }),
    organizationId: t.id({ required: false, description: 'Global ID of the firm, when the supplier is one.' }),
  }),
});

builder.mutationField('updateSupplier', (t) =>
  t.drizzleField({
    type: 'suppliers',
    description: 'Office case staff and administrators: corrects a supplier’s name, country or firm.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateSupplierInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateSupplier',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateSupplier(
            tx,
            ctx.actor!,
            {
              supplierId: decodeId(input.supplierId, 'Supplier', 'supplierId'),
              expectedVersion: input.expectedVersion,
              name: opt(input.name),
              country: opt(input.country),
              organizationId: decodeOptional(input.organizationId, 'Organization', 'organizationId'),
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.suppliers.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

// ---- supply links -------------------------------------------------------------------------------

const ReportSupplyLinkInput = builder.inputType('ReportSupplyLinkInput', {
  description: 'A supplier’s share of a node, as a firm reports it (replacing that firm’s earlier figure).',
  fields: (t) => ({
    nodeId: t.id({ required: true, description: 'Global ID of the node.' }),
    supplierId: t.id({ required: true, description: 'Global ID of the supplier.' }),
    share: t.float({ required: true, description: 'Percent of the node’s supply, above 0 and at most 100.' }),
    since: t.field({ type: 'Date', required: false, description: 'First day of supply.' }),
    until: t.field({ type: 'Date', required: false, description: 'Last day of supply.' }),
    reportedByOrganizationId: t.id({
      required: false,
      description: 'Global ID of the reporting firm; defaults to your own organisation (the office names a firm).',
    }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('reportSupplyLink', (t) =>
  t.drizzleField({
    type: 'supplyLinks',
    description: 'Firms (their own links) and office case staff: records a supplier’s share of a node.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: ReportSupplyLinkInput, required: true, description: 'The link.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const actor = ctx.actor!;
      const reporter =
        opt(decodeOptional(input.reportedByOrganizationId, 'Organization', 'reportedByOrganizationId')) ??
        (actor.kind === 'SYSTEM' ? '' : actor.organizationId);
      const request = {
        nodeId: decodeId(input.nodeId, 'ChainNode', 'nodeId'),
        supplierId: decodeId(input.supplierId, 'Supplier', 'supplierId'),
        share: input.share,
        since: opt(input.since),
        until: opt(input.until),
        reportedByOrganizationId: reporter,
      };
      const id = await createOnce(ctx, 'reportSupplyLink', input.idempotencyKey, request, (tx, a) =>
        reportSupplyLink(tx, a, request, ctx.now),
      );
      return (await ctx.db.query.supplyLinks.findFirst(query({ where: { id } })))!;
    },
  }),
);

const UpdateSupplyLinkInput = builder.inputType('UpdateSupplyLinkInput', {
  description: 'A new share or period of a link; omitted fields stay, null clears a date.',
  fields: (t) => ({
    linkId: t.id({ required: true, description: 'Global ID of the link.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    share: t.float({ required: false, description: 'Percent of the node’s supply, above 0 and at most 100.' }),
    since: t.field({ type: 'Date', required: false, description: 'First day of supply.' }),
    until: t.field({ type: 'Date', required: false, description: 'Last day of supply.' }),
  }),
});

builder.mutationField('updateSupplyLink', (t) =>
  t.drizzleField({
    type: 'supplyLinks',
    description: 'The firm that reported the link, or office case staff: changes its share or period.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateSupplyLinkInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateSupplyLink',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateSupplyLink(
            tx,
            ctx.actor!,
            {
              linkId: decodeId(input.linkId, 'SupplyLink', 'linkId'),
              expectedVersion: input.expectedVersion,
              share: opt(input.share),
              since: input.since,
              until: input.until,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.supplyLinks.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

const RemovedRef = builder.objectRef<{ typename: string; id: string }>('Removed').implement({
  description: 'An object was removed (the audit trail keeps what it was).',
  fields: (t) => ({
    removedId: t.id({ description: 'Global ID the object had.', resolve: (r) => encodeGlobalID(r.typename, r.id) }),
  }),
});

const RemoveInput = builder.inputType('RemoveKnowledgeObjectInput', {
  description: 'An object to remove, at the version you read.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the object.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
  }),
});

builder.mutationField('removeSupplyLink', (t) =>
  t.field({
    type: RemovedRef,
    description: 'The firm that reported the link, or office case staff: removes it.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: RemoveInput, required: true, description: 'The link.' }) },
    resolve: async (_root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'removeSupplyLink',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          removeSupplyLink(
            tx,
            ctx.actor!,
            { linkId: decodeId(input.id, 'SupplyLink', 'id'), expectedVersion: input.expectedVersion },
            ctx.now,
          ),
      );
      return { typename: 'SupplyLink', id: row.id };
    },
  }),
);

// ---- committees ---------------------------------------------------------------------------------

const CreateIndustryCommitteeInput = builder.inputType('CreateIndustryCommitteeInput', {
  description: 'A new industry committee.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Short stable code.' }),
    name: t.string({ required: true, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    leadDepartmentId: t.id({ required: true, description: 'Global ID of the lead department.' }),
    chainId: t.id({ required: false, description: 'Global ID of the chain it covers.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('createIndustryCommittee', (t) =>
  t.drizzleField({
    type: 'industryCommittees',
    description: 'Office case staff and administrators: sets up an industry committee led by a department.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: CreateIndustryCommitteeInput, required: true, description: 'The committee.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const request = {
        code: input.code,
        name: input.name,
        nameZh: opt(input.nameZh),
        leadDepartmentId: decodeId(input.leadDepartmentId, 'Organization', 'leadDepartmentId'),
        chainId: opt(decodeOptional(input.chainId, 'IndustryChain', 'chainId')),
      };
      const id = await createOnce(ctx, 'createIndustryCommittee', input.idempotencyKey, request, (tx, actor) =>
        createIndustryCommittee(tx, actor, request, ctx.now),
      );
      return (await ctx.db.query.industryCommittees.findFirst(query({ where: { id } })))!;
    },
  }),
);

const UpdateIndustryCommitteeInput = builder.inputType('UpdateIndustryCommitteeInput', {
  description: 'Changes to a committee; omitted fields stay, null clears the chain.',
  fields: (t) => ({
    committeeId: t.id({ required: true, description: 'Global ID of the committee.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    name: t.string({ required: false, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    leadDepartmentId: t.id({ required: false, description: 'Global ID of the new lead department.' }),
    chainId: t.id({ required: false, description: 'Global ID of the chain it covers.' }),
  }),
});

builder.mutationField('updateIndustryCommittee', (t) =>
  t.drizzleField({
    type: 'industryCommittees',
    description: 'Office case staff and administrators: renames a committee or changes its lead department.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateIndustryCommitteeInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateIndustryCommittee',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateIndustryCommittee(
            tx,
            ctx.actor!,
            {
              committeeId: decodeId(input.committeeId, 'IndustryCommittee', 'committeeId'),
              expectedVersion: input.expectedVersion,
              name: opt(input.name),
              nameZh: input.nameZh,
              leadDepartmentId: opt(decodeOptional(input.leadDepartmentId, 'Organization', 'leadDepartmentId')),
              chainId: decodeOptional(input.chainId, 'IndustryChain', 'chainId'),
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.industryCommittees.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

// ---- key technologies ---------------------------------------------------------------------------

const AddKeyTechnologyInput = builder.inputType('AddKeyTechnologyInput', {
  description: 'A key core technology on a node, on a committee’s list.',
  fields: (t) => ({
    nodeId: t.id({ required: true, description: 'Global ID of the node.' }),
    committeeId: t.id({ required: true, description: 'Global ID of the committee whose list it joins.' }),
    name: t.string({ required: true, description: 'Name in English (unique on the node).' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    maturity: t.field({ type: TechnologyMaturityEnum, required: true, description: 'Mature or emerging.' }),
    generality: t.int({ required: true, description: '1 (specialised) – 5 (general-purpose).' }),
    strategicValue: t.int({ required: true, description: 'Strategic value, 1 – 5.' }),
    priority: t.int({ required: true, description: 'Priority on the list, 1 the highest.' }),
    strategyClass: t.field({ type: TechnologyStrategyClassEnum, required: true, description: 'Strategy class.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('addKeyTechnology', (t) =>
  t.drizzleField({
    type: 'keyTechnologies',
    description: 'Liaisons of the committee’s lead department, and office case staff: lists a key technology.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: AddKeyTechnologyInput, required: true, description: 'The technology.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const request = {
        nodeId: decodeId(input.nodeId, 'ChainNode', 'nodeId'),
        committeeId: decodeId(input.committeeId, 'IndustryCommittee', 'committeeId'),
        name: input.name,
        nameZh: opt(input.nameZh),
        maturity: input.maturity as TechnologyMaturity,
        generality: input.generality,
        strategicValue: input.strategicValue,
        priority: input.priority,
        strategyClass: input.strategyClass as TechnologyStrategyClass,
      };
      const id = await createOnce(ctx, 'addKeyTechnology', input.idempotencyKey, request, (tx, actor) =>
        addKeyTechnology(tx, actor, request, ctx.now),
      );
      return (await ctx.db.query.keyTechnologies.findFirst(query({ where: { id } })))!;
    },
  }),
);

const UpdateKeyTechnologyInput = builder.inputType('UpdateKeyTechnologyInput', {
  description: 'New attributes of a key technology; omitted fields stay.',
  fields: (t) => ({
    keyTechnologyId: t.id({ required: true, description: 'Global ID of the key technology.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    name: t.string({ required: false, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    maturity: t.field({ type: TechnologyMaturityEnum, required: false, description: 'Mature or emerging.' }),
    generality: t.int({ required: false, description: '1 (specialised) – 5 (general-purpose).' }),
    strategicValue: t.int({ required: false, description: 'Strategic value, 1 – 5.' }),
    priority: t.int({ required: false, description: 'Priority on the list, 1 the highest.' }),
    strategyClass: t.field({ type: TechnologyStrategyClassEnum, required: false, description: 'Strategy class.' }),
  }),
});

builder.mutationField('updateKeyTechnology', (t) =>
  t.drizzleField({
    type: 'keyTechnologies',
    description: 'Liaisons of the committee’s lead department, and office case staff: changes a key technology.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateKeyTechnologyInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateKeyTechnology',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateKeyTechnology(
            tx,
            ctx.actor!,
            {
              keyTechnologyId: decodeId(input.keyTechnologyId, 'KeyTechnology', 'keyTechnologyId'),
              expectedVersion: input.expectedVersion,
              name: opt(input.name),
              nameZh: input.nameZh,
              maturity: opt(input.maturity) as TechnologyMaturity | undefined,
              generality: opt(input.generality),
              strategicValue: opt(input.strategicValue),
              priority: opt(input.priority),
              strategyClass: opt(input.strategyClass) as TechnologyStrategyClass | undefined,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.keyTechnologies.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

builder.mutationField('removeKeyTechnology', (t) =>
  t.field({
    type: RemovedRef,
    description: 'Liaisons of the committee’s lead department, and office case staff: takes a technology off the list.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: RemoveInput, required: true, description: 'The key technology.' }) },
    resolve: async (_root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'removeKeyTechnology',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          removeKeyTechnology(
            tx,
            ctx.actor!,
            { keyTechnologyId: decodeId(input.id, 'KeyTechnology', 'id'), expectedVersion: input.expectedVersion },
            ctx.now,
          ),
      );
      return { typename: 'KeyTechnology', id: row.id };
    },
  }),
);

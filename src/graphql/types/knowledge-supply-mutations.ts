/**
 * Changes to suppliers and the supply links firms report (design §6). Who may do which is in policies/ability.ts: office
 * case staff everything; administrators chains, nodes, suppliers and committees (never links);
 * firms the links they report; a committee's lead department its key technologies. Every change is
 * recorded on the administrative audit chain; updates check the version the caller read.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { registerSupplier, reportSupplyLink } from '../../domain/knowledge/build-knowledge-base.ts';
import { removeSupplyLink, updateSupplier, updateSupplyLink } from '../../domain/knowledge/maintain-knowledge-base.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { createOnce, decodeOptional, idempotencyKeyField, opt, runMutation } from '../mutation.ts';
import { mutationErrorTypes } from './errors.ts';

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

export const RemovedRef = builder.objectRef<{ typename: string; id: string }>('Removed').implement({
  description: 'An object was removed (the audit trail keeps what it was).',
  fields: (t) => ({
    removedId: t.id({ description: 'Global ID the object had.', resolve: (r) => encodeGlobalID(r.typename, r.id) }),
  }),
});

export const RemoveInput = builder.inputType('RemoveKnowledgeObjectInput', {
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

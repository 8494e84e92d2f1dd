/**
 * The illegal-event sweep: the first time a case or one of its work items is seen in a state, every
 * event its definition has no row for in that state is sent to the engine, by a sender the
 * definition allows for that event, so it is the state check that refuses. Each attempt runs in
 * its own transaction, which is always rolled back: a wrongly accepted event changes nothing.
 */
import { and, eq } from 'drizzle-orm';
import { cases } from '../../../db/schema/cases.ts';
import { people, personRoles } from '../../../db/schema/organizations.ts';
import type { Database, Tx } from '../../../src/database/database.ts';
import { applyCaseEvent } from '../../../src/domain/engine/apply-case-event.ts';
import { applyWorkItemEvent, type WorkItemKind, workItemSpecs } from '../../../src/domain/engine/work-items.ts';
import { ForbiddenError, InvalidTransitionError, NotFoundError } from '../../../src/domain/errors.ts';
import { personActor } from '../../../src/domain/people/person-actor.ts';
import { type Actor, systemActor } from '../../../vocabulary/actor.ts';
import type { Role } from '../../../vocabulary/terms.ts';
import type { Sender, WorkflowDefinition, WorkflowId } from '../../../workflows/definition.ts';
import { currentWorkflows } from '../../../workflows/registry.ts';
import { eventsOf } from './transitions.ts';

/** The office people who send office events in the sweep (any holder of the role would do). */
const officeSender: Partial<Record<Role, string>> = {
  CASE_OFFICER: 'officer@icsr.example',
  LEAD_REVIEWER: 'lead@icsr.example',
  APPEALS_PANEL: 'panel1@icsr.example',
};

export interface SweepAttempt {
  readonly workflow: WorkflowId;
  readonly state: string;
  readonly event: string;
  /** Who sent it: a role, or SYSTEM. */
  readonly sender: Sender;
  /** Whether the definition lets this sender send the event at all (somewhere). */
  readonly senderAllowed: boolean;
  /** Empty when the engine refused as it should; otherwise what went wrong. */
  readonly problem: string;
}

/** Thrown inside an attempt's transaction so that it always rolls back. */
class RolledBack extends Error {}

type Send = (tx: Tx, actor: Actor, event: string) => Promise<unknown>;

/** The events a sender may send from a state, in table order: a refusal names the possible ones among them. */
function allowedEvents(definition: WorkflowDefinition, state: string, senders: readonly Sender[]): string[] {
  const events = definition.transitions
    .filter((row) => row.from.includes(state) && row.by.some((sender) => senders.includes(sender)))
    .map((row) => row.event);
  return [...new Set(events)];
}

/** The senders the definition admits for an event, people first (the system last). */
function sendersFor(definition: WorkflowDefinition, event: string): Sender[] {
  const senders = new Set(definition.transitions.filter((row) => row.event === event).flatMap((row) => row.by));
  return [...senders].sort((a, b) => Number(a === 'SYSTEM') - Number(b === 'SYSTEM'));
}

export class IllegalEventSweep {
  /** `workflow:state` pairs swept so far. */
  readonly swept = new Set<string>();
  readonly attempts: SweepAttempt[] = [];
  private readonly actors = new Map<string, Actor | null>();

  constructor(
    private readonly db: Database,
    /** The instant the attempts are made at: the scenario's clock (a refusal does not depend on it). */
    private readonly now: () => Date,
  ) {}

  /** Sweeps the case and each of its work items whose state was not swept yet. */
  async observeCase(caseId: string): Promise<void> {
    const [caseRow] = await this.db.select().from(cases).where(eq(cases.id, caseId));
    // Case states are swept on a firm's filing, where every sender of case events exists (the office
    // and the filer): an office-opened case has no filer to send SUBMIT or FILE_APPEAL. A discarded
    // draft is hidden from everyone but the system; another CLOSED filing is swept instead.
    if (caseRow && caseRow.origin === 'FIRM_FILING' && caseRow.discardedAt === null) {
      await this.sweep('case', caseRow.state, caseRow.filerOrganizationId, (tx, actor, event) =>
        applyCaseEvent(tx, actor, { caseId, event, expectedVersion: caseRow.version }, this.now()),
      );
    }
    for (const kind of Object.keys(workItemSpecs) as WorkItemKind[]) {
      const spec = workItemSpecs[kind];
      const items = (await this.db.select().from(spec.table).where(eq(spec.table.caseId, caseId))) as Record<
        string,
        unknown
      >[];
      for (const item of items) {
        await this.sweep(kind, item.state as string, spec.addressee(item), (tx, actor, event) =>
          applyWorkItemEvent(tx, actor, { kind, itemId: item.id as string, event }, this.now()),
        );
      }
    }
  }

  private async sweep(workflow: WorkflowId, state: string, organizationId: string | null, send: Send): Promise<void> {
    const key = `${workflow}:${state}`;
    if (this.swept.has(key)) return;
    this.swept.add(key);
    const definition: WorkflowDefinition = currentWorkflows[workflow];
    const legal = new Set(definition.transitions.filter((row) => row.from.includes(state)).map((row) => row.event));
    // Senders told the instance does not exist are not asked again about it.
    const blind = new Set<Sender>();
    for (const event of eventsOf(definition).filter((e) => !legal.has(e))) {
      const allowed = sendersFor(definition, event);
      // A sender who cannot see the instance is told it does not exist (access comes first), so the
      // next allowed sender is tried. Where none of them sees it (the office and a firm's draft, an
      // institute and the case it declined), one who does stands in: the filer, else the system.
      const witnesses = (['FIRM_REPRESENTATIVE', 'SYSTEM'] as const).filter((s) => !allowed.includes(s));
      let problem = 'no sender could see the instance';
      let used: Sender = allowed[0]!;
      for (const sender of [...allowed, ...witnesses]) {
        const actor = blind.has(sender) ? null : await this.actorFor(sender, organizationId);
        if (!actor) continue;
        const outcome = await this.attempt(actor, event, send);
        if (outcome instanceof NotFoundError || outcome instanceof ForbiddenError) {
          blind.add(sender);
          continue;
        }
        used = sender;
        problem = this.judge(outcome, definition, state, event, actor);
        break;
      }
      this.attempts.push({ workflow, state, event, sender: used, senderAllowed: allowed.includes(used), problem });
    }
  }

  private async attempt(actor: Actor, event: string, send: Send): Promise<unknown> {
    try {
      await this.db.transaction(async (tx) => {
        await send(tx, actor, event);
        throw new RolledBack('accepted');
      });
      return new RolledBack('the transaction committed');
    } catch (error) {
      return error;
    }
  }

  /**
   * Empty when the refusal is an InvalidTransition naming the state and the event, whose allowed events
   * are among those the sender may send from the state, in table order (only the possible ones: the
   * property test of actions checks which, on the facts).
   */
  private judge(outcome: unknown, definition: WorkflowDefinition, state: string, event: string, actor: Actor): string {
    if (!(outcome instanceof InvalidTransitionError)) {
      return outcome instanceof RolledBack ? 'the engine accepted it' : `refused with ${String(outcome)}`;
    }
    const senders: readonly Sender[] = actor.kind === 'SYSTEM' ? ['SYSTEM'] : actor.roles;
    const listed = allowedEvents(definition, state, senders);
    const positions = outcome.allowedEvents.map((e) => listed.indexOf(e));
    const listedInOrder = positions.every((p, i) => p >= 0 && (i === 0 || positions[i - 1]! < p));
    const expected = { currentState: state, event, allowedEventsListed: true, reason: undefined };
    const actual = {
      currentState: outcome.currentState,
      event: outcome.event,
      allowedEventsListed: listedInOrder,
      reason: outcome.reason,
    };
    return JSON.stringify(actual) === JSON.stringify(expected)
      ? ''
      : `expected ${JSON.stringify(expected)}, got ${JSON.stringify({ ...actual, allowedEvents: outcome.allowedEvents, listed })}`;
  }

  /** A person holding the role: in the instance's own organisation for roles outside the office. */
  private async actorFor(sender: Sender, organizationId: string | null): Promise<Actor | null> {
    if (sender === 'SYSTEM') return systemActor('illegal-event-sweep');
    const key = `${sender}:${organizationId}`;
    if (!this.actors.has(key)) this.actors.set(key, await this.findActor(sender, organizationId));
    return this.actors.get(key)!;
  }

  private async findActor(role: Role, organizationId: string | null): Promise<Actor | null> {
    const office = officeSender[role];
    if (office) return personActor(this.db, office);
    if (!organizationId) return null;
    const [holder] = await this.db
      .select({ email: people.email })
      .from(people)
      .innerJoin(personRoles, and(eq(personRoles.personId, people.id), eq(personRoles.role, role)))
      .where(and(eq(people.organizationId, organizationId), eq(people.status, 'ACTIVE')))
      .orderBy(people.email)
      .limit(1);
    return holder ? personActor(this.db, holder.email) : null;
  }
}

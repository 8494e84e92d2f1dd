/**
 * Live events for GraphQL subscriptions: a graphql-yoga pubsub whose messages carry IDs only
 * (a case's audit entry, a person's notification). Subscribers load what the IDs name with their
 * own rights, so a message can never show more than a query would.
 *
 * Without REDIS_URL the pubsub lives in this process (the embedded runner publishes into the same
 * one the API subscribes to); with REDIS_URL it goes through Redis pub/sub, so several API
 * processes and the worker share it.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

/** An audited change of a case: the subscriber's rights decide whether its entry is shown. */
export interface CaseEventMessage {
  readonly caseId: string;
  readonly auditEntryId: string;
  readonly action: string;
}

/** A new notification in a person's inbox. */
export interface InboxMessage {
  readonly personId: string;
  readonly notificationId: string;
}

export type LiveChannels = {
  'case-events': [caseId: string, message: CaseEventMessage];
  inbox: [personId: string, message: InboxMessage];
};

/** The publishing side, all the job handlers need. A rejected promise means "not published: retry". */
export interface LivePublisher {
  publishCaseEvent(message: CaseEventMessage): Promise<void>;
  publishInbox(message: InboxMessage): Promise<void>;
}

export interface LiveEvents extends LivePublisher {
  /** The subscribing side, for the subscription resolvers. */
  readonly pubsub: PubSub<LiveChannels>;
  /** How many subscriptions listen on a channel (across processes with Redis): for tests and operators. */
  listeners(routingKey: keyof LiveChannels, id: string): Promise<number>;
  close(): Promise<void>;
}

/** Counts the listeners per topic of the event target it wraps (the pubsub adds one per subscription). */
function countingTarget(inner: EventTarget) {
  const counts = new Map<string, number>();
  const change = (type: string, by: number) => counts.set(type, Math.max(0, (counts.get(type) ?? 0) + by));
  const target = {
    addEventListener(type: string, listener: EventListenerOrEventListenerObject | null) {
      change(type, 1);
      inner.addEventListener(type, listener);
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null) {
      change(type, -1);
      inner.removeEventListener(type, listener);
    },
    dispatchEvent: (event: Event) => inner.dispatchEvent(event),
  };
  return { target, count: (type: string) => counts.get(type) ?? 0 };
}

const channel = (routingKey: keyof LiveChannels, id: string) => `${routingKey}:${id}`;

/** Builds the process's live events; one per process, shared by the API and the embedded runner. */
export function createLiveEvents(options: {
  readonly redisUrl?: string | undefined;
  readonly logger: Logger;
}): LiveEvents {
  if (!options.redisUrl) {
    const { target, count } = countingTarget(new EventTarget());
    const pubsub = createPubSub<LiveChannels>({ eventTarget: target });
    return {
      pubsub,
      listeners: async (routingKey, id) => count(channel(routingKey, id)),
      publishCaseEvent: async (message) => pubsub.publish('case-events', message.caseId, message),
      publishInbox: async (message) => pubsub.publish('inbox', message.personId, message),
      close: async () => {},
    };
  }
  // A connection in subscriber mode can do nothing else, hence two; publishing awaits Redis's answer
  // (the event target's own dispatch does not), so a handler whose publish failed is retried.
  const redisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: true } as const;
  const publishClient = new Redis(options.redisUrl, redisOptions);
  const subscribeClient = new Redis(options.redisUrl, { ...redisOptions, maxRetriesPerRequest: null });
  const warn = (error: Error) => options.logger.warn({ err: error.message }, 'live events: redis unavailable');
  for (const client of [publishClient, subscribeClient]) client.on('error', warn);
  // The event target does not await (un)subscribing: a failure is logged here, not left unhandled.
  const subscriber = {
    on: (event: 'message', listener: (channel: string, message: string) => void) => subscribeClient.on(event, listener),
    subscribe: (topic: string) => subscribeClient.subscribe(topic).catch(warn),
    unsubscribe: (topic: string) => subscribeClient.unsubscribe(topic).catch(warn),
  } as unknown as Redis;
  const { target, count } = countingTarget(
    createRedisEventTarget({ publishClient, subscribeClient: subscriber }) as unknown as EventTarget,
  );
  const pubsub = createPubSub<LiveChannels>({ eventTarget: target as never });
  return {
    pubsub,
    // This process's subscriptions, once Redis has this process's subscription to the channel.
    listeners: async (routingKey, id) => {
      const topic = channel(routingKey, id);
      const reply = (await publishClient.call('PUBSUB', 'NUMSUB', topic)) as [string, number];
      return Number(reply[1]) > 0 ? count(topic) : 0;
    },
    publishCaseEvent: async (message) => {
      await publishClient.publish(channel('case-events', message.caseId), JSON.stringify(message));
    },
    publishInbox: async (message) => {
      await publishClient.publish(channel('inbox', message.personId), JSON.stringify(message));
    },
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

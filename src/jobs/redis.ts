/**
 * Redis connections as BullMQ's production guide asks: workers and the relay block on Redis and must
 * wait out an outage (`maxRetriesPerRequest: null`); the API's producer must fail fast instead of
 * queueing commands while Redis is away (`enableOfflineQueue: false`), since the outbox already
 * holds the work. Both reconnect for ever with a capped backoff.
 */
import type { RedisOptions } from 'bullmq';

/**
 * Reconnect after 1 s, growing to at most 5 s (the guide's example strategy, with a lower cap: the
 * jobs resume at most 5 s after Redis returns, at the cost of one connection attempt per 5 s meanwhile).
 */
export function reconnectDelay(times: number): number {
  return Math.max(Math.min(Math.exp(times), 5_000), 1_000);
}

function fromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** For BullMQ Workers, the relay and the scheduler: wait for Redis rather than fail a command. */
export function workerConnection(url: string): RedisOptions {
  return { ...fromUrl(url), maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: reconnectDelay };
}

/** For a producer in the API process: a command while Redis is down fails at once. */
export function producerConnection(url: string): RedisOptions {
  return {
    ...fromUrl(url),
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    // A connection that hangs (no refusal, no answer) must not hold a caller either.
    commandTimeout: 5_000,
    retryStrategy: reconnectDelay,
  };
}

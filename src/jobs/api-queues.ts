/**
 * The queues as the API process sees them in worker mode: read-only views for Bull Board and
 * /metrics, on producer connections that fail fast while Redis is away (the API never waits on it).
 */
import { Queue } from 'bullmq';
import type { Logger } from '../logger.ts';
import { clockQueueName, outboxQueueName } from './queues.ts';
import { producerConnection } from './redis.ts';

export function openApiQueues(redisUrl: string, logger: Logger, prefix?: string): Queue[] {
  return [outboxQueueName, clockQueueName].map((name) => {
    const queue = new Queue(name, { connection: producerConnection(redisUrl), ...(prefix ? { prefix } : {}) });
    queue.on('error', (error) => logger.warn({ err: error.message, queue: name }, 'queue connection error'));
    return queue;
  });
}

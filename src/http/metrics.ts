/**
 * Prometheus metrics: queue depth per queue and state, outbox rows waiting, job duration and
 * latency (from the row becoming available to its completion), failures and dead jobs, and clock
 * wake-up lateness. Who may scrape: with METRICS_TOKEN set, only a request bearing it; without it,
 * anyone outside production and nobody in production (the route answers 404).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Queue } from 'bullmq';
import express from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../database/database.ts';
import { pendingCount } from '../jobs/outbox-rows.ts';

export const metricsRegistry = new Registry();

const jobDuration = new Histogram({
  name: 'icsr_job_duration_seconds',
  help: 'Time a job handler ran, by outbox topic.',
  labelNames: ['topic'],
  buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  registers: [metricsRegistry],
});
const jobLatency = new Histogram({
  name: 'icsr_job_latency_seconds',
  help: 'Time from an outbox row becoming available to its job completing, by topic.',
  labelNames: ['topic'],
  buckets: [0.05, 0.1, 0.5, 1, 2, 5, 15, 60, 300],
  registers: [metricsRegistry],
});
const jobFailures = new Counter({
  name: 'icsr_job_failures_total',
  help: 'Failed job attempts by topic; dead="true" for the last attempt (the row is DEAD).',
  labelNames: ['topic', 'dead'],
  registers: [metricsRegistry],
});
const wakeLateness = new Histogram({
  name: 'icsr_clock_wake_lateness_seconds',
  help: 'How late a clock wake-up job started after its wake instant.',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 30],
  registers: [metricsRegistry],
});

/** Feeds the job runtimes' events into the histograms and counters of this process. */
export const jobMetrics = {
  completed(topic: string, seconds: number, latencySeconds: number) {
    jobDuration.observe({ topic }, seconds);
    jobLatency.observe({ topic }, latencySeconds);
  },
  failed(topic: string, dead: boolean) {
    jobFailures.inc({ topic, dead: String(dead) });
  },
  clockWoken(latenessSeconds: number) {
    wakeLateness.observe(Math.max(0, latenessSeconds));
  },
};

export interface MetricsSources {
  readonly db: Database;
  /** The queues whose depth is reported (worker mode); absent in the embedded mode. */
  readonly queues?: readonly Queue[];
}

/** Gauges read at scrape time. Registered once per registry; the latest sources win. */
let sources: MetricsSources | null = null;
new Gauge({
  name: 'icsr_outbox_pending',
  help: 'Outbox rows waiting to be relayed or run.',
  registers: [metricsRegistry],
  async collect() {
    if (sources) this.set(await pendingCount(sources.db));
  },
});
new Gauge({
  name: 'icsr_queue_jobs',
  help: 'BullMQ jobs by queue and state (waiting, active, delayed, failed, completed).',
  labelNames: ['queue', 'state'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const queue of sources?.queues ?? []) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, n);
    }
  },
});

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** GET /metrics under the scraping rule above. */
export function metricsRouter(
  settings: { readonly token: string | null; readonly production: boolean },
  from: MetricsSources,
): express.Router {
  sources = from;
  const router = express.Router();
  router.get('/metrics', async (req, res) => {
    if (settings.token === null && settings.production) {
      res.status(404).end();
      return;
    }
    if (settings.token !== null && !tokenMatches(req.headers.authorization, settings.token)) {
      res.status(401).set('www-authenticate', 'Bearer').end();
      return;
    }
    try {
      res.set('content-type', metricsRegistry.contentType).send(await metricsRegistry.metrics());
    } catch (error) {
      res
        .status(503)
        .type('text/plain')
        .send(`metrics unavailable: ${(error as Error).message}\n`);
    }
  });
  return router;
}

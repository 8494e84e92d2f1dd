import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('gives every variable its documented default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 4000,
      database: { kind: 'pglite' },
      redisUrl: undefined,
      seedDemoData: true,
      logLevel: 'info',
      corsOrigins: [],
      bodyLimit: '1mb',
      shutdownTimeoutMs: 10_000,
    });
    expect(config.database.kind === 'pglite' && config.database.dataDir).toMatch(/\.data\/pglite$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('switches to PostgreSQL and Redis when their URLs are set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/icsr', REDIS_URL: 'redis://cache:6379' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/icsr' });
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite');
  });

  it('names every bad variable in one error', () => {
    const attempt = () =>
      loadConfig({ DATABASE_URL: 'not a url', PORT: 'eighty', REDIS_URL: 'http://x', SEED_DEMO_DATA: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['DATABASE_URL', 'PORT', 'REDIS_URL', 'SEED_DEMO_DATA']) expect(problems).toContain(name);
      expect((error as ConfigError).problems).toHaveLength(4);
    }
  });

  it('refuses a database URL of another kind', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@localhost/db' })).toThrow(/DATABASE_URL/);
  });

  it('splits CORS origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('measures foreign share against CN unless HOME_COUNTRY names another country', () => {
    expect(loadConfig({}).homeCountry).toBe('CN');
    expect(loadConfig({ HOME_COUNTRY: 'DE' }).homeCountry).toBe('DE');
    expect(() => loadConfig({ HOME_COUNTRY: 'china' })).toThrow(/HOME_COUNTRY/);
  });

  it('sends no e-mail without SMTP_URL, and links e-mails to PUBLIC_URL or the listening address', () => {
    const plain = loadConfig({ PORT: '4100' }).mail;
    expect(plain).toEqual({ smtpUrl: null, from: 'icsr@localhost', publicUrl: 'http://127.0.0.1:4100' });
    const configured = loadConfig({
      SMTP_URL: 'smtp://mail.example:2525',
      MAIL_FROM: 'review@icsr.example',
      PUBLIC_URL: 'https://icsr.example/',
    }).mail;
    expect(configured).toEqual({
      smtpUrl: 'smtp://mail.example:2525',
      from: 'review@icsr.example',
      publicUrl: 'https://icsr.example',
    });
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
  });

  it('protects /metrics with METRICS_TOKEN when set, and serves the worker metrics on WORKER_METRICS_PORT', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: null, workerMetricsPort: 9465 });
    expect(loadConfig({ METRICS_TOKEN: 'scraper-token-0123456789', WORKER_METRICS_PORT: '0' })).toMatchObject({
      metricsToken: 'scraper-token-0123456789',
      workerMetricsPort: 0,
    });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ WORKER_METRICS_PORT: '70000' })).toThrow(/WORKER_METRICS_PORT/);
  });
});

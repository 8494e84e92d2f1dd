/** The console's build served at `/`: cache headers, the strict policy with a fresh nonce, client routes. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'icsr-console-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><meta property="csp-nonce" nonce="__CSP_NONCE__"><script type="module" src="/assets/app-abc123.js"></script>',
  );
  writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  database = await createTestDatabase({ seeded: false });
  server = await startTestServer(database, { deps: { consoleDir: dir } });
});
afterAll(async () => {
  await server.close();
  await database.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web console', () => {
  it('serves index.html uncached with a strict policy and a new nonce each time', async () => {
    const first = await fetch(`${server.url}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const policy = first.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    const html = await first.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).not.toContain('__CSP_NONCE__');
    const second = await fetch(`${server.url}/`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('caches hashed assets for a year and other files not at all', async () => {
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a bookmarked console route with the page, and leaves the API its own paths', async () => {
    const page = await fetch(`${server.url}/cases/Q2FzZTox?tab=timeline`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module"');
    const missingAsset = await fetch(`${server.url}/assets/gone-123.js`, { headers: { accept: 'text/html' } });
    expect(missingAsset.status).toBe(404);
    const health = await fetch(`${server.url}/healthz`, { headers: { accept: 'text/html' } });
    expect(await health.json()).toEqual({ status: 'ok' });
    const documentRoute = await fetch(`${server.url}/documents/nope`, { headers: { accept: 'text/html' } });
    expect(documentRoute.headers.get('content-type')).toContain('application/json');
  });

  it('says how to build the console when there is no build', async () => {
    const bare = await startTestServer(database, { deps: { consoleDir: path.join(dir, 'missing') } });
    try {
      const response = await fetch(`${bare.url}/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:web');
    } finally {
      await bare.close();
    }
  });
});

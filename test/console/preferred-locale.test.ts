/** The console's language, remembered per person. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database);
});
afterAll(async () => {
  await server.close();
  await database.destroy();
});

const read = '{ viewer { preferredLocale } }';
const set = `mutation($locale: Locale!) {
  setPreferredLocale(locale: $locale) { __typename ... on PreferredLocaleSet { locale } ... on Error { message } }
}`;

describe('preferred locale', () => {
  it('is null until chosen, then remembered for that person only', async () => {
    const officer = server.as(await bearerFor(database, 'officer@icsr.example'));
    const firm = server.as(await bearerFor(database, 'rep@huaxin.example'));
    expect((await officer.graphql(read)).data).toEqual({ viewer: { preferredLocale: null } });

    expect((await officer.graphql(set, { locale: 'EN' })).data).toEqual({
      setPreferredLocale: { __typename: 'PreferredLocaleSet', locale: 'EN' },
    });
    expect((await officer.graphql(set, { locale: 'ZH_CN' })).data).toMatchObject({
      setPreferredLocale: { locale: 'ZH_CN' },
    });
    expect((await officer.graphql(read)).data).toEqual({ viewer: { preferredLocale: 'ZH_CN' } });
    expect((await firm.graphql(read)).data).toEqual({ viewer: { preferredLocale: null } });
  });

  it('refuses an unknown language and anonymous callers, changing nothing', async () => {
    const officer2 = server.as(await bearerFor(database, 'officer2@icsr.example'));
    const unknown = await officer2.graphql(set, { locale: 'FR' });
    expect(unknown.errors?.[0]?.message).toMatch(/Locale/);
    expect((await officer2.graphql(read)).data).toEqual({ viewer: { preferredLocale: null } });
    const anonymous = await server.graphql(set, { locale: 'EN' });
    expect(anonymous.data).toBeFalsy();
    expect(anonymous.errors?.[0]).toBeDefined();
  });
});

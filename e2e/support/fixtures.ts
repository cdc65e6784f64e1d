import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { paths } from '../../contract/paths.ts';

type Role = 'admin' | 'author' | 'reviewer' | 'auditor';

/** Seeding through the real admin API with the bootstrap admin token. */
export interface Admin {
  request: APIRequestContext;
  createZone(name?: string): Promise<{ id: string; name: string }>;
  createToken(role: Role, zoneId?: string): Promise<string>;
  createPolicy(zoneId: string, name: string, content: string): Promise<{ id: string }>;
  policyVersions(zoneId: string, policyId: string): Promise<Array<{ version: number; content: string }>>;
}

interface Fixtures {
  admin: Admin;
  /** Signs the page's browser context in with a fresh token of `role` (cookie session). */
  signInAs: (role: Role, zoneId?: string) => Promise<void>;
  /** Fails the test on any serious or critical axe-core violation on the current screen. */
  expectAccessible: (page?: Page) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    await use(process.env.E2E_BASE_URL);
  },

  // Every test's page refuses and records any request that would leave 127.0.0.1.
  page: async ({ page }, use) => {
    const escaped: string[] = [];
    await page.context().route('**/*', (route) => {
      const url = new URL(route.request().url());
      if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && url.hostname !== '127.0.0.1') {
        escaped.push(route.request().url());
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    await use(page);
    expect(escaped, 'requests that tried to leave 127.0.0.1').toEqual([]);
  },

  admin: async ({}, use) => {
    const request = await playwrightRequest.newContext({
      baseURL: process.env.E2E_BASE_URL,
      extraHTTPHeaders: { authorization: `Bearer ${process.env.E2E_ADMIN_TOKEN}` },
    });
    const ok = async <T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> => {
      expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBe(true);
      return (await response.json()) as T;
    };
    await use({
      request,
      createZone: async (name = `Zone ${randomUUID().slice(0, 8)}`) =>
        ok(await request.post(paths.zones(), { data: { name } })),
      createToken: async (role, zoneId) => {
        const body = await ok<{ token: string }>(
          await request.post(paths.adminTokens(), { data: { name: `e2e ${role} ${randomUUID().slice(0, 6)}`, role, zone_id: zoneId } }),
        );
        return body.token;
      },
      createPolicy: async (zoneId, name, content) => ok(await request.post(paths.policies(zoneId), { data: { name, content } })),
      policyVersions: async (zoneId, policyId) =>
        (await ok<{ versions: Array<{ version: number; content: string }> }>(await request.get(paths.policy(zoneId, policyId)))).versions,
    });
    await request.dispose();
  },

  signInAs: async ({ page, admin }, use) => {
    await use(async (role, zoneId) => {
      const token = await admin.createToken(role, zoneId);
      const response = await page.request.post(paths.session(), { data: { token } });
      expect(response.status()).toBe(200);
    });
  },

  expectAccessible: async ({ page }, use) => {
    await use(async (target = page) => {
      const results = await new AxeBuilder({ page: target }).analyze();
      const bad = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      expect(bad, `axe violations on ${target.url()}`).toEqual([]);
    });
  },
});

export { expect };

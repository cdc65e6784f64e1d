import { expect, type APIResponse, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { paths } from '../contract/paths.ts';
import type { Admin } from './support/fixtures';

/** Policy texts of the journeys: a grant, a buggy block rule and its fix. */
export const grantText = `package caracal.authz

allow if {
	"team:payments" in input.principal.labels
}
`;
export const blockBuggy = `package caracal.authz

deny contains {"reason": "blocked", "message": "payments applications are blocked"} if {
	"team:payments" in input.principal.labels
}
`;
export const blockFixed = `package caracal.authz

deny contains {"reason": "blocked", "message": "suspended applications are blocked"} if {
	"suspended" in input.principal.labels
}
`;

async function ok<T>(pending: Promise<APIResponse>): Promise<T> {
  const response = await pending;
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** Seeding through the admin API: a set, its versions and activations. */
export function sets(admin: Admin) {
  const r = admin.request;
  return {
    create: (zoneId: string, name: string) => ok<{ id: string }>(r.post(paths.policySets(zoneId), { data: { name } })),
    version: (zoneId: string, setId: string, policyVersionIds: string[]) =>
      ok<{ id: string; version: number }>(
        r.post(paths.policySetVersions(zoneId, setId), { data: { manifest: policyVersionIds.map((id) => ({ policy_version_id: id })) } }),
      ),
    activate: (zoneId: string, setId: string, versionId: string) =>
      ok(r.post(paths.activate(zoneId, setId), { data: { version_id: versionId, reason: 'seed' } })),
    activeVersionId: async (zoneId: string, setId: string) =>
      (await ok<{ active_version_id: string | null }>(r.get(paths.policySet(zoneId, setId)))).active_version_id,
    policyVersion: async (zoneId: string, policyId: string, content: string) =>
      ok<{ id: string; version: number }>(r.post(paths.policyVersions(zoneId, policyId), { data: { content } })),
    requireApproval: (zoneId: string) => ok(r.patch(paths.zone(zoneId), { data: { settings: { require_activation_approval: true } } })),
    activations: async (zoneId: string) =>
      (await ok<{ items: Array<{ to_version_id: string; actor: string; approved_by?: string | null }> }>(r.get(paths.activations(zoneId)))).items,
  };
}

/** A second signed-in browser context with the same off-network guard as the fixture's page. */
export async function secondSession(browser: Browser, admin: Admin, role: 'author' | 'reviewer' | 'admin', zoneId: string) {
  const context: BrowserContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const escaped: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && url.hostname !== '127.0.0.1') {
      escaped.push(route.request().url());
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  const token = await admin.createToken(role, zoneId);
  expect((await context.request.post(paths.session(), { data: { token } })).status()).toBe(200);
  const page: Page = await context.newPage();
  return {
    page,
    async close() {
      await context.close();
      expect(escaped, 'requests that tried to leave 127.0.0.1 (second session)').toEqual([]);
    },
  };
}

/** Fills the activation dialog's reason and name confirmation and submits it. */
export async function confirmActivation(page: Page, setName: string, submitName: RegExp, reason?: string) {
  const dialog = page.getByRole('dialog');
  if (reason !== undefined) await dialog.getByLabel('Reason (recorded with the activation)').fill(reason);
  await dialog.getByLabel(`Type the set name (${setName}) to confirm`).fill(setName);
  await dialog.getByRole('button', { name: submitName }).click();
}

import type { Page } from '@playwright/test';
import { applicationPaths } from '../contract/applications.ts';
import { blockBuggy, grantText, sets } from './policy-sets-support';
import { expect, test, type Admin } from './support/fixtures';
import { diffModifiedSide, waitForEditor } from './support/monaco';

// Issue 8: axe-core on every screen and dialog, in the light and the dark theme: no serious or
// critical violation. Seeded through the admin API and real STS exchanges.

async function seeded(admin: Admin) {
  const zone = await admin.createZone();
  const api = sets(admin);
  const grant = (await admin.createPolicy(zone.id, 'grant-payments', grantText)) as unknown as { id: string; version_id: string };
  const block = (await admin.createPolicy(zone.id, 'block-list', blockBuggy)) as unknown as { id: string; version_id: string };
  await api.policyVersion(zone.id, grant.id, grantText.replace('allow if', '# second version\nallow if'));
  const set = await api.create(zone.id, 'sweep-set');
  const v1 = await api.version(zone.id, set.id, [grant.version_id]);
  const v2 = await api.version(zone.id, set.id, [grant.version_id, block.version_id]);
  await api.activate(zone.id, set.id, v1.id);
  const app = async (name: string, labels: string[]) => {
    const response = await admin.request.post(applicationPaths.list(zone.id), { data: { name, labels } });
    expect(response.status()).toBe(201);
    return (await response.json()) as { client_id: string; client_secret: string };
  };
  const exchange = async (a: { client_id: string; client_secret: string }) => {
    const response = await admin.request.post('/oauth/2/token', {
      headers: { authorization: `Basic ${Buffer.from(`${a.client_id}:${a.client_secret}`).toString('base64')}` },
      form: { grant_type: 'client_credentials', resource: 'resource://payments-api', scope: 'payments:read' },
    });
    return ((await response.json()) as { request_id?: string }).request_id ?? response.headers()['x-request-id']!;
  };
  await exchange(await app('checkout', ['team:payments']));
  const denied = await exchange(await app('ledger', ['team:billing']));
  return { zone, grant, set, v1, v2, denied };
}

test('every screen and dialog passes axe in the light and the dark theme', async ({ page, admin, signInAs, expectAccessible }) => {
  test.setTimeout(300_000);
  const s = await seeded(admin);
  const z = `/zones/${s.zone.id}`;

  /** axe in both themes on what is on screen now. */
  const sweep = async (screen: string, target: Page = page) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await test.step(`${screen} (${colorScheme})`, async () => {
        await target.emulateMedia({ colorScheme });
        expect(await target.evaluate((c) => matchMedia(`(prefers-color-scheme: ${c})`).matches, colorScheme)).toBe(true);
        await expectAccessible(target);
      });
    }
  };

  // Signed out: the sign-in screen.
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Caracal' })).toBeVisible();
  await sweep('sign-in');

  await signInAs('admin', s.zone.id);
  await page.goto(`${z}/policies`);
  await expect(page.getByRole('link', { name: 'grant-payments' })).toBeVisible();
  await sweep('policies list');
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog')).toBeVisible();
  await sweep('command palette');
  await page.keyboard.press('Escape');

  await page.goto(`${z}/policies/new`);
  await expect(page.getByRole('heading', { name: 'New policy', level: 1 })).toBeVisible();
  await sweep('new policy');

  await page.goto(`${z}/policies/${s.grant.id}`);
  await waitForEditor(page);
  await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();
  await sweep('policy editor');

  await page.goto(`${z}/policies/${s.grant.id}/history`);
  await expect(page.getByRole('heading', { name: 'History of grant-payments' })).toBeVisible();
  await expect(diffModifiedSide(page)).toContainText('second version', { timeout: 45_000 });
  await sweep('policy history and diff');

  await page.goto(`${z}/policy-sets`);
  await expect(page.getByRole('row', { name: /sweep-set/ })).toBeVisible();
  await sweep('policy sets list');
  await page.getByRole('button', { name: 'New policy set' }).click();
  await expect(page.getByRole('dialog', { name: 'New policy set' })).toBeVisible();
  await sweep('new policy set dialog');
  await page.keyboard.press('Escape');

  await page.goto(`${z}/policy-sets/${s.set.id}`);
  await expect(page.getByRole('heading', { name: 'sweep-set', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /Diagram of sweep-set/ })).toBeVisible();
  await sweep('policy set');

  await page.goto(`${z}/policy-sets/${s.set.id}/compose`);
  await expect(page.getByRole('region', { name: 'Compile check' })).toContainText('Compiles.');
  await sweep('composer');

  await page.goto(`${z}/policy-sets/${s.set.id}/versions/${s.v2.id}`);
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByRole('region', { name: 'Simulation result' }).getByText('Denied', { exact: true })).toBeVisible();
  await sweep('policy-set version with a simulation');
  await page.getByRole('button', { name: 'Activate v2' }).click();
  await expect(page.getByRole('dialog', { name: 'Activate sweep-set v2' })).toBeVisible();
  await sweep('activation dialog');
  await page.keyboard.press('Escape');

  await page.goto(`${z}/audit`);
  await expect(page.getByRole('table', { name: 'Decisions' }).getByRole('row')).toHaveCount(3);
  await sweep('audit decisions');
  await page.goto(`${z}/audit/decisions/${encodeURIComponent(s.denied)}`);
  await expect(page.getByRole('heading', { name: 'Denied decision' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Why' })).toBeVisible();
  await sweep('decision and why');
  await page.getByRole('button', { name: /^Stage a fix in / }).click();
  await expect(page.getByRole('heading', { name: /^Stage a fix: policy version/ })).toBeVisible();
  await waitForEditor(page);
  await sweep('stage a fix');
  await page.goto(`${z}/audit/activity`);
  await expect(page.getByRole('table', { name: 'Admin activity' })).toBeVisible();
  await sweep('admin activity');

  await page.goto(`${z}/settings`);
  await expect(page.getByLabel('Zone name')).toBeVisible();
  await sweep('settings');
  await page.getByRole('region', { name: 'Admin tokens' }).getByRole('button', { name: 'Create admin token' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await sweep('create admin token dialog');
  await page.keyboard.press('Escape');

  await page.goto(`${z}/no-such-screen`);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await sweep('not found');
});

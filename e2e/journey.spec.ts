import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { applicationPaths } from '../contract/applications.ts';
import { confirmActivation } from './policy-sets-support';
import { expect, test } from './support/fixtures';
import { exchange, recordConsoleErrors, startFirstRun, tourShot, type FirstRun } from './support/first-run';
import { replaceEditorText, waitForEditor } from './support/monaco';

// Issue 8: the documented console workflow, clicked as a newcomer would, on a fresh `caracal web`
// with its demo zone; then the validation checklist and the denial loop. No API shortcuts for
// what a person does in the console: the API only plays the applications that call the STS.

const RESOURCE = 'resource://payments-api';
const SCOPE = 'payments:read';
const POLICY_V2 = `package caracal.authz

# Payments applications may read the payments API, and nothing else.
allow if {
	"team:payments" in input.principal.labels
	input.resource.identifier == "resource://payments-api"
	every scope in input.context.requested_scopes {
		scope == "payments:read"
	}
}
`;
// The staged fix of the denial loop: the billing team's ledger may read it too.
const POLICY_FIX = POLICY_V2.replace('"team:payments" in input.principal.labels', 'some team in {"team:payments", "team:billing"}\n\tteam in input.principal.labels');

let first: FirstRun;
let api: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  first = await startFirstRun();
  api = await playwrightRequest.newContext();
});
test.afterAll(async () => {
  await api?.dispose();
  await first?.stop();
});
test.use({ viewport: { width: 1280, height: 800 } });

async function createApplication(zoneId: string, name: string, labels: string[]) {
  const response = await api.post(`${first.url}${applicationPaths.list(zoneId)}`, {
    headers: { authorization: `Bearer ${first.adminToken}` },
    data: { name, labels },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { client_id: string; client_secret: string };
}

test('a newcomer follows the seven steps, checks the result, and closes a denial loop', async ({ page, expectAccessible }) => {
  test.setTimeout(420_000); // one long journey on a 2-core machine shared with other runs
  const consoleErrors = recordConsoleErrors(page);
  let zoneId = '';

  await test.step('1. open the console from the link caracal web printed', async () => {
    await page.goto(first.loginLink);
    await expect(page.getByRole('heading', { name: 'Policies', level: 1 })).toBeVisible();
    zoneId = /\/zones\/([^/]+)\/policies/.exec(page.url())![1]!;
    // The first screen says what decides in this zone and where the decisions are.
    const start = page.getByRole('region', { name: 'Start here' });
    await expect(start).toContainText('You are in the zone Demo.');
    await expect(start.getByRole('link', { name: 'production v1' })).toBeVisible();
    await expect(start).toContainText(/Latest \d+ decisions: \d+ allowed, \d+ denied\./);
    await expect(start.getByRole('link', { name: 'Recent decisions are in Audit' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'payments-read' })).toBeVisible();
    await expectAccessible();
    await tourShot(page, '01-start-here');
  });

  await test.step('2. Policies: create a Rego policy, then update it (a second version)', async () => {
    await page.getByRole('button', { name: 'New policy' }).click();
    await page.getByLabel('Name', { exact: true }).fill('journey-payments');
    await page.getByRole('radio', { name: /Grant by application label and scope/ }).check();
    await tourShot(page, '02-new-policy');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect(page.getByRole('heading', { name: 'journey-payments' })).toBeVisible();
    await waitForEditor(page);
    await expect(page.getByLabel('Version shown')).toHaveValue('1');
    await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();

    await replaceEditorText(page, POLICY_V2);
    await expect(page.getByText(/Unsaved changes/)).toBeVisible();
    await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.getByLabel('Version shown')).toHaveValue('2');
    // Checklist: the policy is valid, with no problems and no warnings.
    await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Problems' })).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Warnings' })).toHaveCount(0);
    await expectAccessible();
    await tourShot(page, '03-policy-editor');
  });

  await test.step('3. Policy Sets: create a set for the zone', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy Sets' }).click();
    await expect(page.getByRole('heading', { name: 'Policy Sets', level: 1 })).toBeVisible();
    await expect(page.getByRole('row', { name: /production/ })).toContainText('v1');
    await tourShot(page, '04-policy-sets');
    await page.getByRole('button', { name: 'New policy set' }).click();
    const dialog = page.getByRole('dialog', { name: 'New policy set' });
    await dialog.getByLabel('Set name').fill('journey-set');
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Create set' }).click();
    await expect(page.getByRole('heading', { name: 'Compose a new version of journey-set', level: 1 })).toBeVisible();
  });

  await test.step('4. add the policy version to a new policy-set version', async () => {
    await page.getByLabel('Policy to add').selectOption({ label: 'journey-payments (latest v2)' });
    await page.getByRole('button', { name: 'Add policy' }).click();
    await expect(page.getByLabel('Version of journey-payments')).toContainText('v2 (latest)');
    await expect(page.getByRole('region', { name: 'Compile check' })).toContainText('Compiles.');
    await expectAccessible();
    await tourShot(page, '05-compose');
    await page.getByRole('button', { name: 'Create version' }).click();
    await page.getByRole('status').filter({ hasText: 'Created v1' }).getByRole('link', { name: 'v1' }).click();
    await expect(page.getByRole('heading', { name: /journey-set v1/, level: 1 })).toBeVisible();
  });

  await test.step('5. simulate the version with a representative input', async () => {
    await page.getByLabel('Example input').selectOption({ label: 'Payments app reads the payments API' });
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const result = page.getByRole('region', { name: 'Simulation result' });
    // Checklist: the simulation returns the intended decision, decided by the new policy.
    await expect(result.getByText('Allowed', { exact: true })).toBeVisible();
    await expect(result.getByRole('link', { name: /journey-payments v2, line \d+/ })).toBeVisible();
    await expectAccessible();
    await tourShot(page, '06-simulate');
  });

  await test.step('6. activate it once the simulated decision is the intended one', async () => {
    await page.getByRole('button', { name: 'Activate v1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Activate journey-set v1' });
    await expect(dialog).toContainText('This replaces production v1');
    await expect(dialog).toContainText(/Last simulation\s*allow/);
    await expectAccessible();
    await tourShot(page, '07-activate');
    await confirmActivation(page, 'journey-set', /Activate v1/, 'payments apps read the payments API');
    await expect(dialog.getByText(/Status: loaded — v1 is active/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    // Checklist: the zone shows journey-set v1 as its active version.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy Sets' }).click();
    const row = page.getByRole('row', { name: /journey-set/ });
    await expect(row.getByRole('cell').nth(1)).toContainText('v1');
    await expect(page.getByRole('row', { name: /production/ }).getByRole('cell').nth(1)).not.toContainText('v1');
  });

  const checkout = await createApplication(zoneId, 'journey-checkout', ['team:payments']);
  await test.step('7. after the first real exchange through the STS, follow the decision in Audit', async () => {
    const allowed = await exchange(api, first.url, checkout, RESOURCE, SCOPE);
    expect(allowed.status).toBe(200);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    const table = page.getByRole('table', { name: 'Decisions' });
    const row = table.getByRole('row').filter({ hasText: 'journey-checkout' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Allow');
    await expect(row).toContainText('journey-payments v2');
    await expectAccessible();
    await tourShot(page, '08-audit');
    await row.getByRole('link').first().click();
    await expect(page.getByRole('heading', { name: 'Allowed decision', level: 1 })).toBeVisible();
    await expect(page.getByText(allowed.requestId, { exact: true })).toBeVisible();
    // Checklist: the first exchange's audit entry names the new policy as a determining policy.
    const facts = page.getByRole('region', { name: 'Recorded decision' });
    await expect(facts.getByRole('link', { name: /^journey-payments v2 \(allow, line \d+\)$/ })).toBeVisible();
    await expect(facts.getByRole('link', { name: /manifest/ })).toBeVisible();
    await expectAccessible();
  });

  const ledger = await createApplication(zoneId, 'journey-ledger', ['team:billing']);
  await test.step('denial loop: a denied decision → its trace → a staged fix', async () => {
    const denied = await exchange(api, first.url, ledger, RESOURCE, SCOPE);
    expect(denied.status).toBe(403);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('combobox', { name: 'Decision', exact: true }).selectOption('deny');
    const row = page.getByRole('table', { name: 'Decisions' }).getByRole('row').filter({ hasText: 'journey-ledger' });
    await expect(row).toHaveCount(1);
    await row.getByRole('link').first().click();
    await expect(page.getByRole('heading', { name: 'Denied decision', level: 1 })).toBeVisible();
    await expect(page.getByText(denied.requestId, { exact: true })).toBeVisible();
    const why = page.getByRole('region', { name: 'Why' });
    await expect(why).toContainText('Denied: no allow rule matched.');
    await expect(why.getByRole('figure', { name: /^journey-payments v2 highlighted: line \d+/ })).toContainText('"team:payments" in input.principal.labels');
    await why.getByRole('radio', { name: 'Full' }).click();
    await expect(why.getByRole('region', { name: 'Evaluation trace (full)', exact: true })).toBeVisible();
    await expectAccessible();
    await tourShot(page, '09-why-denied');

    await page.getByRole('button', { name: 'Stage a fix in journey-payments' }).click();
    await expect(page.getByRole('heading', { name: 'Stage a fix: policy version 2' })).toBeVisible();
    await waitForEditor(page);
    await replaceEditorText(page, POLICY_FIX);
    await page.getByRole('button', { name: 'Check with this input' }).click();
    await expect(page.getByText('With this input, this policy alone allows the request.')).toBeVisible();
    await expectAccessible();
    await tourShot(page, '10-stage-fix');
    await page.getByRole('button', { name: 'Save and compose' }).click();
    await expect(page.getByRole('heading', { name: 'Compose a new version of journey-set', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Version of journey-payments')).toContainText('v3');
    await expect(page.getByRole('region', { name: 'Compile check' })).toContainText('Compiles.');
    await page.getByRole('button', { name: 'Create version' }).click();
    await page.getByRole('status').filter({ hasText: 'Created v2' }).getByRole('link', { name: 'v2' }).click();

    // Simulation of the denied input, picked from the recorded decisions, now allows.
    await expect(page.getByRole('heading', { name: /journey-set v2/, level: 1 })).toBeVisible();
    const recent = page.getByLabel('Recent real input');
    const option = recent.locator('option').filter({ hasText: denied.requestId.slice(0, 12) });
    await recent.selectOption({ label: (await option.textContent())!.trim() });
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const result = page.getByRole('region', { name: 'Simulation result' });
    await expect(result.getByText('Allowed', { exact: true })).toBeVisible();
    await expect(result.getByRole('link', { name: /journey-payments v3, line \d+/ })).toBeVisible();

    await page.getByRole('button', { name: 'Activate v2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Activate journey-set v2' });
    await confirmActivation(page, 'journey-set', /Activate v2/, 'the billing ledger reads payments too');
    await expect(dialog.getByText(/Status: loaded — v2 is active/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The same exchange is now allowed, and Audit says by which version of the policy.
    const again = await exchange(api, first.url, ledger, RESOURCE, SCOPE);
    expect(again.status).toBe(200);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('combobox', { name: 'Decision', exact: true }).selectOption('allow');
    const allowedRow = page.getByRole('table', { name: 'Decisions' }).getByRole('row').filter({ hasText: 'journey-ledger' });
    await expect(allowedRow).toHaveCount(1);
    await expect(allowedRow).toContainText('journey-payments v3');
  });

  expect(consoleErrors, 'console errors during the journey').toEqual([]);
});

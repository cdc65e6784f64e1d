import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { applicationPaths } from '../contract/applications.ts';
import { expect, test } from './support/fixtures';

// Settings → Applications: an admin registers an STS client, hands its secret (shown once) to a real
// token request, changes its labels, disables it, and the STS refuses the same credentials.

const RESOURCE = 'resource://payments-api';
const SCOPE = 'payments:read';

/** A client-credentials request at the real STS; the raw answer, so a 401 is visible too. */
async function askForToken(api: APIRequestContext, app: { clientId: string; clientSecret: string }) {
  const response = await api.post(`${process.env.E2E_BASE_URL}/oauth/2/token`, {
    headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}` },
    form: { grant_type: 'client_credentials', resource: RESOURCE, scope: SCOPE },
  });
  return { status: response.status(), body: (await response.json()) as { error?: string; error_description?: string; request_id?: string } };
}

let sts: APIRequestContext;
test.beforeAll(async () => {
  sts = await playwrightRequest.newContext();
});
test.afterAll(async () => {
  await sts?.dispose();
});

test('an admin registers an application, sees its secret once, relabels and disables it', async ({ page, admin, signInAs, expectAccessible }) => {
  const zone = await admin.createZone();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAs('admin');
  await page.goto(`/zones/${zone.id}/settings`);
  const apps = page.getByRole('region', { name: 'Applications' });
  await expect(apps.getByText('No applications yet.')).toBeVisible();

  // Register, with a label the API would refuse corrected on the way.
  const register = apps.getByRole('button', { name: 'Register application' });
  await register.click();
  const dialog = page.getByRole('dialog', { name: 'Register application' });
  await dialog.getByLabel('Application name').fill('ledger');
  const labels = dialog.getByLabel('Labels', { exact: true });
  await labels.fill('team:billing');
  await labels.press('Enter');
  await labels.pressSequentially('env=prod,-oops');
  await labels.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('"-oops" must be 1-128 letters, digits or _ . : / = - starting with a letter or digit.');
  await expect(labels).toHaveAttribute('aria-invalid', 'true');
  await labels.fill('');
  const chosen = dialog.getByRole('list', { name: 'Chosen labels' }).getByRole('listitem');
  await expect(chosen).toHaveText([/team:billing/, /env=prod/]);
  await expectAccessible();
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();

  // The secret, once, with copy buttons.
  await expect(dialog.getByText('You will not see this secret again.')).toBeVisible();
  const clientId = await dialog.getByLabel('Client id').inputValue();
  const clientSecret = await dialog.getByLabel('Client secret (shown once)').inputValue();
  expect(clientId).not.toBe('');
  expect(clientSecret).not.toBe('');
  await dialog.getByRole('button', { name: 'Copy client secret' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientSecret);
  await expectAccessible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible();
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(register).toBeFocused();

  const row = apps.getByRole('row', { name: /ledger/ });
  await expect(row).toContainText(clientId);
  await expect(row.getByRole('list', { name: 'Labels of ledger' }).getByRole('listitem')).toHaveText(['team:billing', 'env=prod']);
  await expect(row.getByRole('cell').nth(3)).toHaveText('Active');
  // Reopening shows a fresh form, never the secret again.
  await register.click();
  await expect(dialog.getByLabel('Application name')).toHaveValue('');
  await expect(dialog.getByLabel('Client secret (shown once)')).toHaveCount(0);

  // A taken name: the API's sentence, in place; Escape closes and focus returns.
  await dialog.getByLabel('Application name').fill('ledger');
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(dialog).toContainText('An active application named "ledger" already exists in this zone.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(register).toBeFocused();

  // The credentials shown work at the real STS: the request is decided (no active set → fail-closed deny), not refused as a client.
  const decided = await askForToken(sts, { clientId, clientSecret });
  expect([200, 403]).toContain(decided.status);
  expect(decided.body.request_id).toBeTruthy();

  // Another application's decision, which the audit link's filter must leave out.
  const bystander = await admin.request.post(applicationPaths.list(zone.id), { data: { name: 'bystander' } });
  expect(bystander.status()).toBe(201);
  const other = (await bystander.json()) as { client_id: string; client_secret: string };
  expect((await askForToken(sts, { clientId: other.client_id, clientSecret: other.client_secret })).body.request_id).toBeTruthy();

  // Change labels: remove one chip, add another.
  const changeLabels = row.getByRole('button', { name: 'Change labels of ledger' });
  await changeLabels.click();
  const labelsDialog = page.getByRole('dialog', { name: 'Labels of ledger' });
  await labelsDialog.getByRole('button', { name: 'Remove label env=prod' }).click();
  await expect(labelsDialog.getByLabel('Labels', { exact: true })).toBeFocused();
  await labelsDialog.getByLabel('Labels', { exact: true }).fill('tier:gold');
  await expectAccessible();
  await labelsDialog.getByRole('button', { name: 'Save labels' }).click();
  await expect(labelsDialog).toBeHidden();
  await expect(changeLabels).toBeFocused();
  await expect(row.getByRole('list', { name: 'Labels of ledger' }).getByRole('listitem')).toHaveText(['team:billing', 'tier:gold']);
  const stored = await (await admin.request.get(applicationPaths.list(zone.id))).json();
  expect(stored.items).toMatchObject([{ name: 'bystander', labels: [] }, { name: 'ledger', labels: ['team:billing', 'tier:gold'], status: 'active' }]);

  // Disable, after a confirmation that says what happens; Escape backs out with nothing changed.
  const disable = row.getByRole('button', { name: 'Disable ledger' });
  await disable.click();
  const confirm = page.getByRole('alertdialog', { name: 'Disable ledger?' });
  await expect(confirm).toContainText('the STS refuses every token request and exchange by this application');
  await expectAccessible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(disable).toBeFocused();
  await expect(row.getByRole('cell').nth(3)).toHaveText('Active');
  await page.keyboard.press('Enter');
  await confirm.getByRole('button', { name: 'Disable application' }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByRole('cell').nth(3)).toContainText('Disabled since');
  await expect(row.getByRole('button', { name: 'Disable ledger' })).toHaveCount(0);
  const auditLink = row.getByRole('link', { name: 'Decisions of ledger in Audit' });
  await expect(auditLink).toBeFocused();

  const refused = await askForToken(sts, { clientId, clientSecret });
  expect(refused.status).toBe(401);
  expect(refused.body).toMatchObject({ error: 'invalid_client', error_description: 'The application "ledger" is disabled.' });
  await expectAccessible();

  // The link opens Audit filtered by this application: the decision made while it was active and
  // the refused request after (the STS audits refusals once the client is known).
  await auditLink.click();
  await expect(page).toHaveURL(new RegExp(`/zones/${zone.id}/audit\\?application=${stored.items[1].id}$`));
  const rows = page.getByRole('table', { name: 'Decisions' }).getByRole('row');
  await expect(rows.filter({ hasText: 'ledger' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'bystander' })).toHaveCount(0);
  // The filter says so too, once the application list has arrived (it used to fall back to "Any").
  const appFilter = page.getByRole('combobox', { name: 'Application' });
  await expect(appFilter.locator('option:checked')).toHaveText('ledger');
  await appFilter.selectOption({ label: 'bystander' });
  await expect(page).toHaveURL(/application=/);
  await expect(rows.filter({ hasText: 'bystander' })).not.toHaveCount(0);
  await expect(rows.filter({ hasText: 'ledger' })).toHaveCount(0);
});

test('an author sees the applications but not the actions, and why', async ({ page, admin, signInAs, expectAccessible }) => {
  const zone = await admin.createZone();
  const created = await admin.request.post(applicationPaths.list(zone.id), { data: { name: 'checkout', labels: ['team:payments'] } });
  expect(created.status()).toBe(201);
  await signInAs('author', zone.id);
  await page.goto(`/zones/${zone.id}/settings`);
  const apps = page.getByRole('region', { name: 'Applications' });
  const row = apps.getByRole('row', { name: /checkout/ });
  await expect(row.getByRole('list', { name: 'Labels of checkout' })).toHaveText('team:payments');

  const reason = 'Your role (author) cannot register, change or disable applications; only admin can.';
  await expect(apps.getByRole('paragraph').filter({ hasText: reason })).toBeVisible();
  for (const action of [
    apps.getByRole('button', { name: 'Register application' }),
    row.getByRole('button', { name: 'Change labels of checkout' }),
    row.getByRole('button', { name: 'Disable checkout' }),
  ]) {
    await expect(action).toHaveAttribute('aria-disabled', 'true');
    await expect(action).toHaveAccessibleDescription(reason);
  }
  // Focusable (to read why) but inert: Enter opens nothing.
  await apps.getByRole('button', { name: 'Register application' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row.getByRole('link', { name: 'Decisions of checkout in Audit' })).toBeVisible();
  await expectAccessible();
});

import { expect, test } from './support/fixtures';

test('an admin creates an admin token, sees it once, and revokes it', async ({ page, admin, signInAs, expectAccessible }) => {
  const zone = await admin.createZone();
  await signInAs('admin');
  await page.goto(`/zones/${zone.id}/settings`);
  const tokens = page.getByRole('region', { name: 'Admin tokens' });
  await tokens.getByRole('button', { name: 'Create admin token' }).click();

  const dialog = page.getByRole('dialog', { name: 'Create admin token' });
  await dialog.getByLabel('Token name').fill('ci-auditor');
  await dialog.getByLabel('Role').selectOption('auditor');
  await expectAccessible();
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const shown = dialog.getByLabel('New token (copy it now)');
  await expect(shown).not.toHaveValue('');
  const token = await shown.inputValue();

  // The token works, with the role and zone chosen.
  const whoami = await page.request.fetch('/v1/session', { headers: { authorization: `Bearer ${token}`, cookie: '' } });
  expect(await whoami.json()).toMatchObject({ role: 'auditor', zone_id: zone.id });

  await dialog.getByRole('button', { name: 'Done' }).click();
  await tokens.getByRole('button', { name: 'Revoke ci-auditor' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Revoke ci-auditor?' });
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(tokens.getByRole('button', { name: 'Revoke ci-auditor' })).toBeHidden();
  await expect
    .poll(async () => (await page.request.fetch('/v1/session', { headers: { authorization: `Bearer ${token}`, cookie: '' } })).status())
    .toBe(401);
});

test('an author sees zone settings but cannot change them, and why', async ({ page, admin, signInAs }) => {
  const zone = await admin.createZone();
  await signInAs('author', zone.id);
  await page.goto(`/zones/${zone.id}/settings`);
  const save = page.getByRole('button', { name: 'Save zone settings' });
  await expect(save).toHaveAttribute('aria-disabled', 'true');
  await expect(save).toHaveAccessibleDescription(/Your role \(author\) cannot change zone settings; only admin can\./);
  await expect(page.getByRole('region', { name: 'Admin tokens' })).toContainText('cannot create or revoke admin tokens');
});

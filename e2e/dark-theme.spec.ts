import { expect, test } from './support/fixtures';
import { waitForEditor } from './support/monaco';

test.use({ colorScheme: 'dark' });

test('the dark theme follows the operating system and stays accessible', async ({ page, admin, signInAs, expectAccessible }) => {
  const zone = await admin.createZone();
  const policy = await admin.createPolicy(zone.id, 'night-shift', 'package caracal.authz\n\n# comment\nallow if {\n\tinput.principal.id == "app-1"\n}\n');
  await signInAs('author', zone.id);
  await page.goto(`/zones/${zone.id}/policies`);
  await expect(page.getByRole('link', { name: 'night-shift' })).toBeVisible();
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
  await expectAccessible();

  await page.getByRole('link', { name: 'night-shift' }).click();
  await waitForEditor(page);
  await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();
  await expectAccessible();
});

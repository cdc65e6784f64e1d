import { expect, test } from './support/fixtures';

const content = (n: number) => `package caracal.authz

allow if {
	input.principal.id == "app-${n}"
}
`;

test('the policy list searches and sorts, with the URL keeping both', async ({ page, admin, signInAs, expectAccessible }) => {
  const zone = await admin.createZone();
  for (const name of ['beta-rules', 'alpha-rules', 'gamma-access']) await admin.createPolicy(zone.id, name, content(name.length));
  await signInAs('reviewer', zone.id);
  await page.goto(`/zones/${zone.id}/policies`);

  const table = page.getByRole('table', { name: 'Policies' });
  const names = () => table.getByRole('row').locator('[role="cell"]:first-child').allInnerTexts();
  await expect.poll(names).toEqual(['alpha-rules', 'beta-rules', 'gamma-access']);
  await expect(table.getByRole('row', { name: /alpha-rules/ })).toContainText('v1');
  await expectAccessible();

  await table.getByRole('button', { name: /^Name/ }).click();
  await expect.poll(names).toEqual(['gamma-access', 'beta-rules', 'alpha-rules']);
  await expect(table.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');

  await page.getByLabel('Search policies').fill('rules');
  await expect.poll(names).toEqual(['beta-rules', 'alpha-rules']);
  await expect(page).toHaveURL(/q=rules/);
  await expect(page).toHaveURL(/sort=-name/);

  await page.getByLabel('Search policies').fill('nothing-like-this');
  await expect(page.getByRole('heading', { name: 'No policy matches “nothing-like-this”' })).toBeVisible();
});

test('creating a policy with a taken name explains the conflict in place', async ({ page, admin, signInAs }) => {
  const zone = await admin.createZone();
  await admin.createPolicy(zone.id, 'taken-name', content(1));
  await signInAs('author', zone.id);
  await page.goto(`/zones/${zone.id}/policies/new`);
  await page.getByLabel('Name', { exact: true }).fill('taken-name');
  await page.getByRole('radio', { name: /Blank/ }).check();
  await page.getByRole('button', { name: 'Create policy' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The policy was not created');
  await expect(alert).toContainText('taken-name');
  await expect(alert).toContainText(/request id \S+/);
  await expect(page).toHaveURL(/\/policies\/new$/);
});

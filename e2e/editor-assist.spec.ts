import { expect, test } from './support/fixtures';
import { activeLineNumber, appendToLine, hoverToken, suggestions, waitForEditor } from './support/monaco';

const policyText = `package caracal.authz

allow if {
	"team:payments" in input.principal.labels
}
`;

test('completion offers input paths of the contract and built-ins explain themselves on hover', async ({ page, admin, signInAs }) => {
  const zone = await admin.createZone();
  const policy = await admin.createPolicy(zone.id, 'assisted', policyText);
  await signInAs('author', zone.id);
  await page.goto(`/zones/${zone.id}/policies/${policy.id}`);
  await waitForEditor(page);

  await appendToLine(page, 4, '\n\tinput.');
  await expect(suggestions(page).filter({ hasText: 'principal' })).toBeVisible();
  await expect(suggestions(page).filter({ hasText: 'context' })).toBeVisible();
  await page.keyboard.insertText('context.');
  await expect(suggestions(page).filter({ hasText: 'time' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.insertText('time != ""\n\ttime.clock');
  const hover = await hoverToken(page, 'clock');
  await expect(hover).toContainText('time.clock(x:');
  await expect(hover).toContainText('of the day');
});

test('history says which policy-set versions use each version, and which is active', async ({ page, admin, signInAs, expectAccessible }) => {
  const zone = await admin.createZone();
  const policy = await admin.createPolicy(zone.id, 'in-production', policyText);
  const set = await admin.request.post(`/v1/zones/${zone.id}/policy-sets`, { data: { name: 'main-set' } });
  expect(set.status()).toBe(201);
  const setId = (await set.json()).id as string;
  const version = await admin.request.post(`/v1/zones/${zone.id}/policy-sets/${setId}/versions`, {
    data: { manifest: [{ policy_version_id: (policy as { version_id?: string }).version_id }] },
  });
  expect(version.status()).toBe(201);
  const activation = await admin.request.post(`/v1/zones/${zone.id}/policy-sets/${setId}/activate`, {
    data: { version_id: (await version.json()).id, reason: 'e2e' },
  });
  expect(activation.status()).toBe(202);

  await signInAs('auditor', zone.id);
  await page.goto(`/zones/${zone.id}/policies`);
  await expect(page.getByRole('row', { name: /in-production/ })).toContainText('Active');

  await page.goto(`/zones/${zone.id}/policies/${policy.id}/history`);
  const v1 = page.getByRole('row', { name: /^v1/ });
  await expect(v1).toContainText('main-set v1');
  await expect(v1).toContainText('Active');
  await expectAccessible();
});

test('a link with ?line= opens the version with the caret on that line', async ({ page, admin, signInAs }) => {
  const zone = await admin.createZone();
  const policy = await admin.createPolicy(zone.id, 'linked-line', policyText);
  await signInAs('auditor', zone.id);
  await page.goto(`/zones/${zone.id}/policies/${policy.id}?version=1&line=4`);
  await waitForEditor(page);
  await expect(activeLineNumber(page)).toHaveText('4');
});

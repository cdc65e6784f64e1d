import { expect, test } from './support/fixtures';
import { blockBuggy, blockFixed, confirmActivation, grantText, sets } from './policy-sets-support';

test('compose, simulate a denial, fix, simulate again, compare, activate, roll back', async ({ page, admin, signInAs, expectAccessible }) => {
  test.setTimeout(240_000); // one long journey on a shared 2-core machine
  const zone = await admin.createZone();
  const api = sets(admin);
  const grant = await admin.createPolicy(zone.id, 'grant-payments', grantText);
  const block = await admin.createPolicy(zone.id, 'block-list', blockBuggy);
  const set = await api.create(zone.id, 'payments-set');
  const v1 = await api.version(zone.id, set.id, [(grant as unknown as { version_id: string }).version_id]);
  await api.activate(zone.id, set.id, v1.id);
  await signInAs('admin', zone.id);

  // List: the set, its active version and count.
  await page.goto(`/zones/${zone.id}/policy-sets`);
  await expect(page.getByRole('heading', { name: 'Policy Sets', level: 1 })).toBeVisible();
  const row = page.getByRole('row', { name: /payments-set/ });
  await expect(row).toContainText('v1');
  await expectAccessible();

  // Compose v2: starts from the active manifest, add the (buggy) block-list.
  await row.getByRole('link', { name: 'payments-set' }).click();
  await expect(page.getByRole('heading', { name: 'payments-set', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /Diagram of payments-set: 1 versions, 1 activations, v1 active/ })).toBeVisible();
  await expectAccessible();
  await page.getByRole('link', { name: 'Compose a new version' }).click();
  await expect(page.getByText('Starting from the active version, v1.')).toBeVisible();
  await expect(page.getByText('grant-payments', { exact: true })).toBeVisible();
  await page.getByLabel('Policy to add').selectOption({ label: 'block-list (latest v1)' });
  await page.getByRole('button', { name: 'Add policy' }).click();
  await expect(page.getByLabel('Version of block-list')).toHaveValue(/.+/);
  await expect(page.getByRole('region', { name: 'Compile check' })).toContainText('Compiles.');
  await expect(page.getByText('1 added', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Show content diff of block-list' }).click();
  await expect(page.getByRole('textbox', { name: 'block-list v1 (after)' })).toBeAttached();
  await expectAccessible();
  await page.getByRole('button', { name: 'Create version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created v2' })).toBeVisible();
  await page.getByRole('link', { name: 'v2' }).click();

  // Simulate the payments example on v2: denied, with the deny reason and the determining policy.
  await expect(page.getByRole('heading', { name: /payments-set v2/, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Run simulation' }).click();
  const result = page.getByRole('region', { name: 'Simulation result' });
  await expect(result.getByText('Denied', { exact: true })).toBeVisible();
  await expect(result.getByRole('link', { name: /block-list v1, line \d+/ })).toBeVisible();
  await expect(result.getByRole('listitem').filter({ hasText: /^blocked: payments applications are blocked/ })).toBeVisible();
  await expect(result.getByText(/^Denied by "block-list"/)).toBeVisible();
  await expect(result.getByText(/Evaluated in [\d.]+ ms/)).toBeVisible();
  await result.getByText(/^Trace \(/).click();
  const trace = result.getByRole('region', { name: 'Evaluation trace', exact: true });
  await expect(trace).toContainText(/events, \d+ failed conditions/);
  await trace.getByRole('button', { name: /^block-list:\d+$/ }).first().click();
  const source = trace.getByRole('complementary', { name: 'Policy source at the selected event' });
  await expect(source.getByRole('heading', { name: /^block-list v1, line \d+$/ })).toBeVisible();
  await expect(source.getByRole('textbox', { name: 'Source of block-list v1 (read-only)' })).toBeAttached();
  await expectAccessible();

  // Fix the policy (a new policy version), compose v3 from the active manifest with block-list's latest.
  await api.policyVersion(zone.id, block.id, blockFixed);
  await page.goto(`/zones/${zone.id}/policy-sets/${set.id}/compose`);
  await page.getByLabel('Policy to add').selectOption({ label: 'block-list (latest v2)' });
  await page.getByRole('button', { name: 'Add policy' }).click();
  await expect(page.getByLabel('Version of block-list')).toContainText('v2 (latest)');
  await expect(page.getByRole('region', { name: 'Compile check' })).toContainText('Compiles.');
  await page.getByRole('button', { name: 'Create version' }).click();
  await page.getByRole('status').filter({ hasText: 'Created v3' }).getByRole('link', { name: 'v3' }).click();

  // v3 allows; compared with the active v1 the decision is the same.
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByRole('region', { name: 'Simulation result' }).getByText('Allowed', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Simulation result' }).getByRole('link', { name: /grant-payments v1, line \d+/ })).toBeVisible();
  await page.getByLabel('Example input').selectOption({ label: 'Suspended application' });
  await page.getByRole('button', { name: 'Compare with active v1' }).click();
  const comparison = page.getByRole('region', { name: 'Comparison of the active and the candidate version' });
  await expect(comparison).toContainText('The decision changes: allow on the active version, deny on the candidate.');
  await expect(comparison.getByRole('region', { name: 'Candidate v3' }).getByText('Denied (differs)')).toBeVisible();
  await expect(comparison.getByRole('region', { name: 'Active v1' }).getByText('Allowed (differs)')).toBeVisible();
  await expectAccessible();

  // Activate v3 through the dialog: evidence, required reason, typed name; follows the status to loaded.
  await page.getByRole('button', { name: 'Activate v3' }).click();
  const dialog = page.getByRole('dialog', { name: 'Activate payments-set v3' });
  await expect(dialog).toContainText('From v1');
  await expect(dialog).toContainText('1 added');
  await expect(dialog).toContainText(/deny: .+/); // the last simulation: the suspended example
  await expect(dialog).toContainText(/No recorded decisions in this zone yet|recent decisions replayed/);
  await expectAccessible();
  await dialog.getByRole('button', { name: 'Activate v3' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Give a reason');
  await confirmActivation(page, 'payments-set', /Activate v3/, 'block suspended apps');
  await expect(dialog.getByText(/Status: loaded — v3 is active/)).toBeVisible();
  await expect.poll(() => api.activeVersionId(zone.id, set.id)).not.toBe(v1.id);
  await expectAccessible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Roll back from the history: the same dialog, prefilled.
  await page.getByRole('link', { name: 'payments-set' }).click();
  const history = page.getByRole('region', { name: 'Activation history' });
  await expect(history).toContainText('v1 → v3');
  await expect(history).toContainText('block suspended apps');
  await history.getByRole('button', { name: 'Roll back to this version (v1)' }).click();
  const rollback = page.getByRole('dialog', { name: 'Roll back to payments-set v1' });
  await expect(rollback.getByLabel('Reason (recorded with the activation)')).toHaveValue('Roll back to v1');
  await expect(rollback).toContainText('1 removed');
  await confirmActivation(page, 'payments-set', /Roll back to v1/);
  await expect(rollback.getByText(/Status: loaded — v1 is active/)).toBeVisible();
  await expect.poll(() => api.activeVersionId(zone.id, set.id)).toBe(v1.id);
  await rollback.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('region', { name: 'Activation history' })).toContainText('v3 → v1');
  await expectAccessible();
});

test('create a set from the list; the composer names the policy and line that do not compile', async ({ page, admin, signInAs, expectAccessible }) => {
  test.setTimeout(180_000);
  const zone = await admin.createZone();
  const lone = (name: string) => `package caracal.authz

# ${name}
default allow := false

allow if input.ok
`;
  await admin.createPolicy(zone.id, 'defaults-one', lone('one'));
  await admin.createPolicy(zone.id, 'defaults-two', lone('two'));
  await signInAs('author', zone.id);

  await page.goto(`/zones/${zone.id}/policy-sets`);
  await expect(page.getByRole('region', { name: 'No policy sets yet' })).toBeVisible();
  await expectAccessible();
  const create = page.getByRole('button', { name: 'New policy set' });
  await create.click();
  const dialog = page.getByRole('dialog', { name: 'New policy set' });
  await expect(dialog.getByLabel('Set name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(create).toBeFocused(); // focus returns to the trigger
  await create.click();
  await dialog.getByLabel('Set name').fill('fresh-set');
  await dialog.getByRole('button', { name: 'Create set' }).click();

  await expect(page.getByRole('heading', { name: 'Compose a new version of fresh-set', level: 1 })).toBeVisible();
  await expect(page.getByText('Starting from an empty set.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create version' })).toHaveAccessibleDescription('Add at least one policy first.');
  for (const name of ['defaults-one', 'defaults-two']) {
    await page.getByLabel('Policy to add').selectOption({ label: `${name} (latest v1)` });
    await page.getByRole('button', { name: 'Add policy' }).click();
  }
  const check = page.getByRole('region', { name: 'Compile check' });
  await expect(check).toContainText('Does not compile');
  await expect(check.getByRole('listitem').first()).toContainText(/Policy "defaults-(one|two)" line \d+/);
  await expectAccessible();

  await page.getByRole('button', { name: 'Remove defaults-two' }).click();
  await expect(check).toContainText('Compiles.');
  await page.getByRole('button', { name: 'Create version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created v1' })).toBeVisible();
  await page.getByRole('link', { name: 'Policy Sets' }).first().click();
  await expect(page.getByRole('row', { name: /fresh-set/ })).toContainText('Never activated');
  await expectAccessible();
});

test('a long trace stays responsive: virtualised rows, collapse and expand', async ({ page, admin, signInAs, expectAccessible }) => {
  test.setTimeout(180_000);
  const zone = await admin.createZone();
  const api = sets(admin);
  const big = (await admin.createPolicy(
    zone.id,
    'many-steps',
    `package caracal.authz

allow if {
	some i in numbers.range(1, 700)
	i == 699
}
`,
  )) as unknown as { version_id: string };
  const set = await api.create(zone.id, 'big-trace');
  const v1 = await api.version(zone.id, set.id, [big.version_id]);
  await signInAs('auditor', zone.id);
  await page.goto(`/zones/${zone.id}/policy-sets/${set.id}/versions/${v1.id}`);
  await expect(page.getByRole('button', { name: 'Activate v1' })).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('button', { name: 'Run simulation' }).click();
  const result = page.getByRole('region', { name: 'Simulation result' });
  await expect(result.getByText('Allowed', { exact: true })).toBeVisible();
  await result.getByText(/^Trace \(/).click();
  const trace = result.getByRole('region', { name: 'Evaluation trace', exact: true });
  const summary = await trace.getByText(/^[\d,]+ events, [\d,]+ failed conditions/).innerText();
  expect(Number(summary.split(' ')[0]!.replace(/,/g, ''))).toBeGreaterThan(1500);
  // Only the rows in view exist in the page, not thousands.
  expect(await trace.getByRole('button', { name: /^many-steps:\d+$/ }).count()).toBeLessThan(200);
  await trace.getByRole('button', { name: 'Collapse all' }).click();
  await trace.getByRole('button', { name: 'Expand all' }).click();
  await expect(trace.getByRole('button', { name: /^many-steps:\d+$/ }).first()).toBeVisible();
  await expectAccessible();
});

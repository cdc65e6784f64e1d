import { paths } from '../contract/paths.ts';
import { expect, test } from './support/fixtures';
import { confirmActivation, grantText, secondSession, sets } from './policy-sets-support';

type Created = { id: string; version_id: string };

test('four-eyes: the author requests, cannot approve their own request, a reviewer approves', async ({ page, browser, admin, signInAs, expectAccessible }) => {
  test.setTimeout(240_000);
  const zone = await admin.createZone();
  const api = sets(admin);
  const grant = (await admin.createPolicy(zone.id, 'grant-payments', grantText)) as unknown as Created;
  const set = await api.create(zone.id, 'four-eyes');
  const v1 = await api.version(zone.id, set.id, [grant.version_id]);
  const v2 = await api.version(zone.id, set.id, [grant.version_id, (await admin.createPolicy(zone.id, 'other', grantText.replace('payments', 'billing')) as unknown as Created).version_id]);
  await api.requireApproval(zone.id);

  // The author asks for activation: the action is "Request activation" in this zone.
  await signInAs('author', zone.id);
  await page.goto(`/zones/${zone.id}/policy-sets/${set.id}/versions/${v1.id}`);
  await page.getByRole('button', { name: 'Request activation of v1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request activation of four-eyes v1' });
  await expect(dialog).toContainText('four-eyes approval');
  await expect(dialog).toContainText('Warning: v1 has never been simulated.');
  await expectAccessible();
  await confirmActivation(page, 'four-eyes', /Request activation of v1/, 'first go-live');
  await expect(dialog.getByRole('status')).toContainText('Activation requested.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await api.activeVersionId(zone.id, set.id)).toBeNull();

  // The author sees the pending request but cannot approve it, and is told why.
  await page.getByRole('link', { name: 'four-eyes' }).click();
  const requests = page.getByRole('region', { name: 'Activation requests' });
  await expect(requests.getByRole('row', { name: /v1 pending/ })).toContainText('first go-live');
  await requests.getByRole('button', { name: 'Review request for v1' }).click();
  const review = page.getByRole('dialog', { name: 'Review activation request for v1' });
  const approve = review.getByRole('button', { name: 'Approve and activate' });
  await expect(approve).toHaveAttribute('aria-disabled', 'true');
  await expect(approve).toHaveAccessibleDescription(/cannot approve or reject activation requests/);
  await approve.press('Enter'); // swallowed: nothing is sent
  await expectAccessible();
  await review.getByRole('button', { name: 'Cancel' }).click();
  expect(await api.activeVersionId(zone.id, set.id)).toBeNull();

  // The author simulates v1 (stored as evidence with the author's name).
  const simulated = await page.request.post(paths.simulate(zone.id, set.id), {
    data: { version_id: v1.id, input: { principal: { type: 'Application', id: 'app-1', zone_id: zone.id, labels: ['team:payments'] } } },
    headers: { 'x-caracal-csrf': '1' },
  });
  expect(simulated.status()).toBe(200);

  // A reviewer in another session sees the author's simulation, approves with a comment; the status follows to loaded.
  const reviewer = await secondSession(browser, admin, 'reviewer', zone.id);
  const rp = reviewer.page;
  await rp.goto(`/zones/${zone.id}/policy-sets/${set.id}`);
  await rp.getByRole('region', { name: 'Activation requests' }).getByRole('button', { name: 'Review request for v1' }).click();
  const rReview = rp.getByRole('dialog', { name: 'Review activation request for v1' });
  await expect(rReview).toContainText('Requested by');
  await expect(rReview).toContainText('first go-live');
  await expect(rReview).toContainText(/Last simulation\s*allow: /);
  await expect(rReview).toContainText(/Run by e2e author \w+ at /);
  await expect(rReview).not.toContainText('never been simulated');
  await rReview.getByLabel('Comment (required to reject)').fill('looks right');
  await rReview.getByRole('button', { name: 'Approve and activate' }).click();
  await expect(rReview.getByText(/Status: loaded — v1 is active/)).toBeVisible();
  await expect.poll(() => api.activeVersionId(zone.id, set.id)).toBe(v1.id);
  const last = (await api.activations(zone.id))[0]!;
  expect(last.to_version_id).toBe(v1.id);
  expect(last.approved_by).toMatch(/^e2e reviewer/);
  await rReview.getByRole('button', { name: 'Close' }).click();
  const historyRow = rp.getByRole('region', { name: 'Activation history' }).getByRole('row', { name: /nothing → v1/ });
  await expect(historyRow).toContainText(/e2e author \w+/); // requested by
  await expect(historyRow).toContainText(last.approved_by!); // approved by
  await expect(historyRow).toContainText('first go-live');

  // A reviewer's own request: also refused for approval by that reviewer, with the reason.
  const own = await rp.request.post(paths.activationRequestsOfSet(zone.id, set.id), {
    data: { version_id: v2.id, reason: 'my own' },
    headers: { 'x-caracal-csrf': '1' },
  });
  expect(own.status()).toBe(201);
  await rp.reload();
  await rp.getByRole('region', { name: 'Activation requests' }).getByRole('button', { name: 'Review request for v2' }).click();
  const ownReview = rp.getByRole('dialog', { name: 'Review activation request for v2' });
  await expect(ownReview.getByRole('button', { name: 'Approve and activate' })).toHaveAccessibleDescription(
    'You requested this activation; another reviewer must approve it.',
  );
  await expectAccessible(rp);
  await reviewer.close();
});

test('two reviewers activate at once: the second is told someone else was first and what is active now', async ({ page, browser, admin, signInAs, expectAccessible }) => {
  test.setTimeout(240_000);
  const zone = await admin.createZone();
  const api = sets(admin);
  const grant = (await admin.createPolicy(zone.id, 'grant-payments', grantText)) as unknown as Created;
  const other = (await admin.createPolicy(zone.id, 'grant-billing', grantText.replace('payments', 'billing'))) as unknown as Created;
  const set = await api.create(zone.id, 'race');
  const v1 = await api.version(zone.id, set.id, [grant.version_id]);
  const v2 = await api.version(zone.id, set.id, [grant.version_id, other.version_id]);
  const v3 = await api.version(zone.id, set.id, [other.version_id]);
  await api.activate(zone.id, set.id, v1.id);

  await signInAs('reviewer', zone.id);
  const second = await secondSession(browser, admin, 'reviewer', zone.id);
  await page.goto(`/zones/${zone.id}/policy-sets/${set.id}/versions/${v2.id}`);
  await second.page.goto(`/zones/${zone.id}/policy-sets/${set.id}/versions/${v3.id}`);
  await page.getByRole('button', { name: 'Activate v2' }).click();
  await second.page.getByRole('button', { name: 'Activate v3' }).click();
  await expect(page.getByRole('dialog')).toContainText('From v1');
  await expect(second.page.getByRole('dialog')).toContainText('From v1');

  await confirmActivation(page, 'race', /Activate v2/, 'first');
  await expect(page.getByRole('dialog').getByText(/Status: loaded — v2 is active/)).toBeVisible();
  await confirmActivation(second.page, 'race', /Activate v3/, 'second');
  const alert = second.page.getByRole('dialog').getByRole('alert');
  await expect(alert).toContainText('Someone else activated a version of this set while you were reviewing, so nothing was changed.');
  await expect(alert).toContainText(/Active now: v2 \([0-9a-f]{12}\), activated by e2e reviewer/);
  await expectAccessible(second.page);
  expect(await api.activeVersionId(zone.id, set.id)).toBe(v2.id);
  await second.close();
});

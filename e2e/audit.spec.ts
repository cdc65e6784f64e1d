import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicationPaths } from '../contract/applications.ts';
import { auditPaths } from '../contract/audit.ts';
import { paths } from '../contract/paths.ts';
import { expect, test, type Admin } from './support/fixtures';
import { replaceEditorText, waitForEditor } from './support/monaco';

// Issue 7: follow a real denial from the decisions table to its why, simulate, stage a fix,
// activate, and watch the next exchange arrive live as allowed. Seeded through the admin API
// and real STS exchanges against the real server and engine.

const POLICY_V1 = `package caracal.authz

allow if {
	some label in input.principal.labels
	label == "team:payments"
	startswith(input.resource.identifier, "resource://payments")
}
`;
const CANDIDATE = POLICY_V1.replace('label == "team:payments"', 'label in {"team:payments", "team:billing"}');

interface Seeded {
  zoneId: string;
  setId: string;
  policyId: string;
  v1: { id: string };
  apps: Record<'checkout' | 'ledger', { client_id: string; client_secret: string }>;
}

async function ok<T>(response: Awaited<ReturnType<Admin['request']['post']>>): Promise<T> {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function seed(admin: Admin, content = POLICY_V1): Promise<Seeded> {
  const zone = await admin.createZone();
  const policy = await ok<{ id: string; version_id: string }>(
    await admin.request.post(paths.policies(zone.id), { data: { name: 'payments', content } }),
  );
  const set = await ok<{ id: string }>(await admin.request.post(paths.policySets(zone.id), { data: { name: 'main' } }));
  const v1 = await ok<{ id: string }>(
    await admin.request.post(paths.policySetVersions(zone.id, set.id), { data: { manifest: [{ policy_version_id: policy.version_id }] } }),
  );
  await ok(await admin.request.post(paths.activate(zone.id, set.id), { data: { version_id: v1.id } }));
  const app = async (name: string, labels: string[]) =>
    ok<{ client_id: string; client_secret: string }>(await admin.request.post(applicationPaths.list(zone.id), { data: { name, labels } }));
  return { zoneId: zone.id, setId: set.id, policyId: policy.id, v1, apps: { checkout: await app('checkout', ['team:payments']), ledger: await app('ledger', ['team:billing']) } };
}

/** A real client-credentials request at the STS; returns its request id and status. */
async function exchange(admin: Admin, app: { client_id: string; client_secret: string }) {
  const response = await admin.request.post('/oauth/2/token', {
    headers: { authorization: `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}` },
    form: { grant_type: 'client_credentials', resource: 'resource://payments/ledger', scope: 'payments:read' },
  });
  const body = (await response.json()) as { request_id?: string };
  return { status: response.status(), requestId: body.request_id ?? response.headers()['x-request-id']! };
}

test('a denial found by filter explains itself, simulates, is fixed, and the next exchange arrives live as allowed', async ({ page, admin, signInAs, expectAccessible }) => {
  test.setTimeout(150_000); // the whole journey, on a machine shared with other test runs
  const s = await seed(admin);
  const allowed = await exchange(admin, s.apps.checkout);
  const denied = await exchange(admin, s.apps.ledger);
  expect([allowed.status, denied.status]).toEqual([200, 403]);

  // A candidate version that lets team:billing in (not active yet).
  const candidatePolicy = await ok<{ id: string }>(await admin.request.post(paths.policyVersions(s.zoneId, s.policyId), { data: { content: CANDIDATE } }));
  const candidate = await ok<{ id: string; version: number }>(
    await admin.request.post(paths.policySetVersions(s.zoneId, s.setId), { data: { manifest: [{ policy_version_id: candidatePolicy.id }] } }),
  );

  await signInAs('author', s.zoneId);
  await page.goto(`/zones/${s.zoneId}/audit`);
  const table = page.getByRole('table', { name: 'Decisions' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expectAccessible();

  // Find the denial by filter; the filter lives in the URL.
  await page.getByRole('combobox', { name: 'Decision', exact: true }).selectOption('deny');
  await expect(page).toHaveURL(/decision=deny/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('ledger');
  await expect(table.getByRole('row').nth(1)).toContainText('Deny');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Decision', exact: true })).toHaveValue('deny');
  await expect(table.getByRole('row')).toHaveCount(2);
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByRole('combobox', { name: 'Decision', exact: true })).toHaveValue('deny');
  await expect(other.getByRole('table', { name: 'Decisions' }).getByRole('row')).toHaveCount(2);
  await other.close();

  // Open it: the why names the failing condition of the right policy, with its binding.
  await table.getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Denied decision' })).toBeVisible();
  await expect(page.getByText(denied.requestId, { exact: true })).toBeVisible();
  const why = page.getByRole('region', { name: 'Why' });
  await expect(why.getByText(/Closest miss: payments line 3, which failed at line 5 \(label == "team:payments"\)/)).toBeVisible();
  await expect(why.getByRole('list', { name: 'Bindings at line 5' })).toContainText('label = "team:billing"');
  await expect(why.getByLabel('Source of payments version 1')).toContainText('Highlighted line 5');
  await expect(why.getByRole('img', { name: /Decision path/ })).toBeVisible();
  await why.getByRole('radio', { name: 'Full' }).click();
  await expect(page).toHaveURL(/level=full/);
  await expect(why.getByRole('radio', { name: 'Full' })).toBeChecked();
  await expect(why.getByRole('region', { name: 'Evaluation trace (full)', exact: true })).toContainText('label == "team:payments"');
  await page.getByText('Input evaluated (exact JSON)').click();
  await expect(page.getByLabel('Input evaluated')).toContainText('"team:billing"');
  await expectAccessible();

  // Simulate against the candidate (the newest version by default): allowed, beside the recorded deny.
  await expect(page.getByRole('combobox', { name: 'Version', exact: true })).toHaveValue(candidate.id);
  await page.getByRole('button', { name: 'Simulate this input' }).click();
  const simulated = page.getByRole('region', { name: 'Simulated result' });
  await expect(simulated).toContainText(`Simulated against v${candidate.version}`);
  await expect(simulated).toContainText('Allow');
  await expectAccessible();

  // Stage a fix: the failing policy opens from the version that decided, with the input loaded.
  await page.getByRole('button', { name: 'Stage a fix in payments' }).click();
  await expect(page.getByRole('heading', { name: 'Stage a fix: policy version 1' })).toBeVisible();
  await expect(page.getByLabel('Recorded input JSON')).toContainText('"team:billing"');
  await waitForEditor(page);
  await page.getByRole('button', { name: 'Check with this input' }).click();
  await expect(page.getByText('With this input, this policy alone does not allow the request.')).toBeVisible();
  await replaceEditorText(page, POLICY_V1.replace('label == "team:payments"', 'label in {"team:payments", "team:billing", "team:ledger"}'));
  await page.getByRole('button', { name: 'Check with this input' }).click();
  await expect(page.getByText('With this input, this policy alone allows the request.')).toBeVisible();
  await expectAccessible();
  await page.getByRole('button', { name: 'Save and compose' }).click();
  // The composer opens with the saved version swapped into the active manifest; create and activate it.
  await expect(page).toHaveURL(new RegExp(`/policy-sets/${s.setId}/compose\\?policy=${s.policyId}&swap=`));
  const swapped = new URL(page.url()).searchParams.get('swap')!;
  const versions = await admin.policyVersions(s.zoneId, s.policyId);
  expect(versions[0]).toMatchObject({ version: 3 });
  expect(versions[0]!.content).toContain('"team:ledger"');
  await expect(page.getByLabel('Version of payments')).toHaveValue(swapped);
  await expect(page.getByRole('region', { name: 'Compile check' })).toContainText('Compiles.');
  await page.getByRole('button', { name: 'Create version' }).click();
  await page.getByRole('status').filter({ hasText: 'Created v3' }).getByRole('link', { name: 'v3' }).click();
  await page.getByRole('button', { name: 'Activate v3' }).click();
  const dialog = page.getByRole('dialog', { name: 'Activate main v3' });
  await dialog.getByLabel('Reason (recorded with the activation)').fill('let the ledger read payments');
  await dialog.getByLabel('Type the set name (main) to confirm').fill('main');
  await dialog.getByRole('button', { name: /Activate v3/ }).click();
  await expect(dialog.getByText(/Status: loaded — v3 is active/)).toBeVisible();

  // A new exchange appears live in the (unfiltered) table, allowed, with payments v3 determining.
  await page.goto(`/zones/${s.zoneId}/audit`);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(page.getByLabel('Live tail')).toBeChecked();
  await expect.poll(async () => (await exchange(admin, s.apps.ledger)).status).toBe(200);
  await expect(table.getByRole('row')).toHaveCount(4);
  const newest = table.getByRole('row').nth(1);
  await expect(newest).toContainText('ledger');
  await expect(newest).toContainText('Allow');
  await expect(newest).toContainText('payments v3');
  await expect(newest).toContainText('main v3');
  await expectAccessible();
});

test('an export holds the rows of the table, and verification reports intact then the altered event', async ({ page, admin, signInAs, expectAccessible }) => {
  const s = await seed(admin);
  for (let i = 0; i < 3; i++) await exchange(admin, s.apps.checkout);
  for (let i = 0; i < 2; i++) await exchange(admin, s.apps.ledger);
  await signInAs('auditor', s.zoneId);
  await page.goto(`/zones/${s.zoneId}/audit?decision=allow`);
  const table = page.getByRole('table', { name: 'Decisions' });
  await expect(table.getByRole('row')).toHaveCount(4);
  const shown = await table.getByRole('row').locator('a').evaluateAll((links) =>
    links.map((a) => decodeURIComponent((a as HTMLAnchorElement).pathname.split('/').at(-1)!)),
  );

  await page.getByLabel('Export format').selectOption('ndjson');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { request_id: string; decision: string });
  expect(lines.map((l) => l.request_id).sort()).toEqual([...shown].sort());
  expect(new Set(lines.map((l) => l.decision))).toEqual(new Set(['allow']));
  await expect(page.getByText('Exported 3 rows.')).toBeVisible();

  await page.getByLabel('Export format').selectOption('csv');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8').trim().split('\r\n');
  expect(csv).toHaveLength(4);
  for (const id of shown) expect(csv.some((line) => line.includes(id))).toBe(true);
  await expectAccessible();

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText('5 events verified, chain intact.')).toBeVisible();

  // Someone with the database file alters a stored decision: the chain names that event.
  const events = await ok<{ items: Array<{ id: string; request_id: string; decision: string }> }>(
    await admin.request.get(`${auditPaths.list(s.zoneId)}?decision=deny&limit=1`),
  );
  const target = events.items[0]!;
  const db = new Database(join(process.env.E2E_DATA_DIR!, 'caracal.db'));
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_events_append_only_u');
    db.prepare("UPDATE audit_events SET decision = 'allow' WHERE id = ?").run(target.id);
  } finally {
    db.close();
  }
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText(/Chain broken after checking/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Chain broken' })).toContainText(target.id);
  await expectAccessible();
});

test('the admin activity feed lists who changed what, filtered by action, with links', async ({ page, admin, signInAs, expectAccessible }) => {
  const s = await seed(admin);
  await signInAs('auditor', s.zoneId);
  await page.goto(`/zones/${s.zoneId}/audit`);
  await expect(page.getByRole('heading', { name: 'No decisions match this filter' })).toBeVisible();
  await expectAccessible();
  await page.getByRole('link', { name: 'Admin activity' }).click();
  const table = page.getByRole('table', { name: 'Admin activity' });
  await expect(table.getByRole('row', { name: /policy\.create/ })).toContainText('payments');
  await page.getByLabel('Action').fill('policy_set.activate');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/action=policy_set\.activate/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('succeeded');
  await expectAccessible();
});

test('live tail never moves the rows being read: new decisions wait behind a button while scrolled down', async ({ page, admin, signInAs, expectAccessible }) => {
  const s = await seed(admin);
  for (let i = 0; i < 40; i++) await exchange(admin, i % 4 === 0 ? s.apps.ledger : s.apps.checkout);
  await signInAs('auditor', s.zoneId);
  await page.goto(`/zones/${s.zoneId}/audit`);
  await expect(page.getByText('40 decisions')).toBeVisible();
  // The chart counts on the server: every decision of the window, ledger's 10 denied among them.
  const chart = (allowed: number, denied: number) => page.getByRole('img', { name: new RegExp(`^Chart: ${allowed} allowed and ${denied} denied in this window, `) });
  await expect(chart(30, 10)).toBeVisible();
  const body = page.getByRole('rowgroup', { name: 'Decisions, newest first' });
  await body.evaluate((el) => (el.scrollTop = 600));
  await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBe(600);
  const firstShown = async () =>
    body.evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const rows = [...el.querySelectorAll('[role="row"]')].filter((r) => r.getBoundingClientRect().bottom > top + 1);
      rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return `${rows[0]?.getAttribute('aria-rowindex')}@${Math.round(rows[0]!.getBoundingClientRect().top - top)}:${rows[0]?.querySelector('a')?.getAttribute('href')}`;
    });
  const before = await firstShown();

  await exchange(admin, s.apps.checkout);
  await expect(page.getByRole('button', { name: 'Show 1 new decision' })).toBeVisible();
  expect(await firstShown()).toBe(before);
  await expect(page.getByText('40 decisions')).toBeVisible();
  // The live tail refreshes the chart even while the new row waits behind the button.
  await expect(chart(31, 10)).toBeVisible();
  await expectAccessible();

  await page.getByRole('button', { name: 'Show 1 new decision' }).click();
  await expect(page.getByText('41 decisions')).toBeVisible();
  await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBe(0);
  // At the top, the next one joins directly.
  await exchange(admin, s.apps.ledger);
  await expect(page.getByText('42 decisions')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Decisions' }).getByRole('row').nth(1)).toContainText('Deny');
  // Refreshes are throttled to one every 5 s, so this one may come a few seconds later.
  await expect(chart(31, 11)).toBeVisible();
});

test('an auditor reads an allowed decision and sees why they cannot stage a fix on a denied one', async ({ page, admin, signInAs, expectAccessible }) => {
  const s = await seed(admin);
  const allowed = await exchange(admin, s.apps.checkout);
  const denied = await exchange(admin, s.apps.ledger);
  await signInAs('auditor', s.zoneId);

  await page.goto(`/zones/${s.zoneId}/audit/decisions/${allowed.requestId}`);
  await expect(page.getByRole('heading', { name: 'Allowed decision' })).toBeVisible();
  await expect(page.getByText(/^Allowed: checkout got a token for resource:\/\/payments\/ledger with payments:read, allowed by payments v1\.$/)).toBeVisible();
  const why = page.getByRole('region', { name: 'Why' });
  await expect(why.getByText('Allowed by payments line 3.')).toBeVisible();
  await expect(why.getByRole('heading', { name: 'Rules that succeeded' })).toBeVisible();
  await expect(page.getByRole('link', { name: /payments v1 \(allow, line 3\)/ })).toHaveAttribute('href', new RegExp(`/policies/${s.policyId}\\?version=1&line=3$`));
  await expect(why.getByRole('button', { name: /Stage a fix/ })).toHaveCount(0);
  await expectAccessible();

  await page.goto(`/zones/${s.zoneId}/audit/decisions/${denied.requestId}`);
  const stage = page.getByRole('button', { name: 'Stage a fix in payments' });
  await expect(stage).toHaveAttribute('aria-disabled', 'true');
  await expect(stage).toHaveAccessibleDescription(/Your role \(auditor\) cannot create or change policies/);
  await expectAccessible();
});

test('a condition the rule index could skip is still named as the one that failed', async ({ page, admin, signInAs, expectAccessible }) => {
  // `"x" in input...` lets OPA's rule index rule the allow rule out unseen; explain turns indexing off.
  const s = await seed(admin, 'package caracal.authz\n\nallow if {\n\t"team:payments" in input.principal.labels\n}\n');
  const denied = await exchange(admin, s.apps.ledger);
  expect(denied.status).toBe(403);
  await signInAs('auditor', s.zoneId);
  await page.goto(`/zones/${s.zoneId}/audit/decisions/${denied.requestId}`);
  const why = page.getByRole('region', { name: 'Why' });
  await expect(why.getByText(/Denied: no allow rule matched\. Closest miss: payments line 3, which failed at line 4/)).toBeVisible();
  await expect(why.getByLabel('Source of payments version 1')).toContainText('Highlighted line 4');
  await expectAccessible();
});

test('a custom time range and a preset live in the URL and narrow the table', async ({ page, admin, signInAs, expectAccessible }) => {
  const s = await seed(admin);
  await exchange(admin, s.apps.checkout);
  await exchange(admin, s.apps.ledger);
  await signInAs('auditor', s.zoneId);
  await page.goto(`/zones/${s.zoneId}/audit`);
  const table = page.getByRole('table', { name: 'Decisions' });
  await expect(table.getByRole('row')).toHaveCount(3);

  await page.getByRole('combobox', { name: 'Time range' }).selectOption('custom');
  await expect(page).toHaveURL(/range=custom/);
  await page.getByRole('textbox', { name: 'From' }).fill('2020-01-01T00:00');
  await page.getByRole('textbox', { name: 'To' }).fill('2020-01-02T00:00');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/since=2020-01-0.*until=2020-01-0/);
  await expect(page.getByRole('heading', { name: 'No decisions match this filter' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Chart: 0 allowed and 0 denied in this window, / })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'From' })).toHaveValue('2020-01-01T00:00');
  await expect(page.getByRole('heading', { name: 'No decisions match this filter' })).toBeVisible();
  await expectAccessible();

  await page.getByRole('combobox', { name: 'Time range' }).selectOption('15m');
  await expect(page).toHaveURL(/range=15m/);
  await expect(page).not.toHaveURL(/since=/);
  await expect(table.getByRole('row')).toHaveCount(3);
});

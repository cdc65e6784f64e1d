import { expect, test } from './support/fixtures';
import {
  appendToEnd,
  coverageGutter,
  focusEditor,
  appendToLine,
  diffInsertions,
  diffModifiedSide,
  hoverFirstSquiggle,
  linesWithErrorSquiggles,
  visibleEditorText,
  waitForEditor,
} from './support/monaco';

// The journey from issue 5: template → error marker → fix → format → save v2 → diff → guard.
test('an author writes a policy from a template, fixes an error, formats, saves and compares', async ({ page, admin, signInAs, expectAccessible }) => {
  const zone = await admin.createZone();
  await signInAs('author', zone.id);
  await page.goto(`/zones/${zone.id}/policies`);
  await expect(page.getByRole('heading', { name: 'No policies in this zone yet' })).toBeVisible();
  await expectAccessible();

  await page.getByRole('button', { name: 'New policy' }).click();
  await expect(page.getByRole('heading', { name: 'New policy' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('payments-access');
  await page.getByRole('radio', { name: /Grant by application label and scope/ }).check();
  await expectAccessible();
  await page.getByRole('button', { name: 'Create policy' }).click();

  await expect(page.getByRole('heading', { name: 'payments-access' })).toBeVisible();
  await waitForEditor(page);
  await expect(page.getByLabel('Version shown')).toHaveValue('1');
  await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save as new version' })).toHaveAttribute('aria-disabled', 'true');
  await expectAccessible();

  // Line 9 is `input.resource.identifier == "resource://payments-api"`: make it use an unknown variable.
  await appendToLine(page, 9, ' == undefined_thing');
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('Line 9');
  await expect(problems).toContainText('undefined_thing');
  await expect.poll(() => linesWithErrorSquiggles(page)).toEqual([9]);
  const hover = await hoverFirstSquiggle(page);
  await expect(hover).toContainText('undefined_thing');
  await expect(page.getByRole('button', { name: 'Save as new version' })).toHaveAttribute('aria-disabled', 'true');

  // Fix it: the marker goes away once the engine agrees.
  await page.keyboard.press('Escape');
  await appendToLine(page, 9, '');
  for (let i = 0; i < ' == undefined_thing'.length; i++) await page.keyboard.press('Backspace');
  await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();
  await expect(problems).toHaveCount(0);
  await expect.poll(() => linesWithErrorSquiggles(page)).toEqual([]);

  // Format normalises what we add.
  await appendToEnd(page, '\nextra_limit := 1+2\n');
  await page.getByRole('button', { name: 'Format' }).click();
  await expect.poll(() => visibleEditorText(page)).toContain('extra_limit := 1 + 2');

  await page.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByLabel('Version shown')).toHaveValue('2');
  await expect(page.getByText('Latest version', { exact: false })).toBeVisible();
  const policyId = new URL(page.url()).pathname.split('/').at(-1)!;
  await expect
    .poll(async () => (await admin.policyVersions(zone.id, policyId)).map((v) => v.version))
    .toEqual([2, 1]);
  expect((await admin.policyVersions(zone.id, policyId))[0].content).toContain('extra_limit := 1 + 2');

  // History: default diff is the latest version against its predecessor.
  await page.getByRole('link', { name: 'History and diff' }).click();
  await expect(page.getByRole('heading', { name: 'History of payments-access' })).toBeVisible();
  await expect(page.getByRole('row', { name: /v2/ })).toContainText('No policy set');
  await expect(page.getByText('Showing version 1 (left) against version 2 (right).')).toBeVisible();
  await expect(diffModifiedSide(page)).toContainText('extra_limit');
  await expect(diffInsertions(page).first()).toBeVisible();
  await expectAccessible();

  // Leaving with unsaved changes asks first.
  await page.getByRole('link', { name: 'v2', exact: true }).click();
  await waitForEditor(page);
  await appendToEnd(page, '# a thought\n');
  await expect(page.getByText(/Unsaved changes/)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const leave = page.getByRole('alertdialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await expectAccessible();
  await leave.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(leave).toBeHidden();
  await expect(page.getByRole('heading', { name: 'payments-access' })).toBeVisible();
  await expect.poll(() => visibleEditorText(page)).toContain('# a thought');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await leave.getByRole('button', { name: 'Leave and discard changes' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('a policy test fails, then passes, with coverage in the gutter', async ({ page, admin, signInAs }) => {
  const zone = await admin.createZone();
  const failing = `package caracal.authz

allow if {
	input.principal.id == "app-1"
}

test_app_1_is_allowed if {
	allow with input as {"principal": {"id": "app-2"}}
}
`;
  const policy = await admin.createPolicy(zone.id, 'tested-policy', failing);
  await signInAs('author', zone.id);
  await page.goto(`/zones/${zone.id}/policies/${policy.id}`);
  await waitForEditor(page);

  const tests = page.getByRole('region', { name: 'Tests' });
  await tests.getByRole('button', { name: 'Run tests' }).click();
  await expect(tests.getByRole('status')).toHaveText(/0 passed, 1 failed/);
  await expect(tests.getByRole('list', { name: 'Test results' })).toContainText('Fail test_app_1_is_allowed');
  await expect(tests).toContainText(/Coverage \d+%/);
  await expect(coverageGutter(page).covered.first()).toBeVisible();

  await appendToLine(page, 8, '');
  await page.keyboard.press('End');
  // Replace "app-2" by "app-1": from the end of the line, three steps left is just after the 2.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('1');
  await tests.getByRole('button', { name: 'Run tests' }).click();
  await expect(tests.getByRole('status')).toHaveText(/1 passed, 0 failed/);
  await expect(tests.getByRole('list', { name: 'Test results' })).toContainText('Pass test_app_1_is_allowed');

  // Ctrl/Cmd+S in the editor saves the fixed test as version 2 (once the engine has checked it).
  await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByLabel('Version shown')).toHaveValue('2');
  await expect.poll(async () => (await admin.policyVersions(zone.id, policy.id))[0].content).toContain('"app-1"}}');
});

test('closing the tab with unsaved changes asks the browser to confirm', async ({ page, admin, signInAs }) => {
  const zone = await admin.createZone();
  const policy = await admin.createPolicy(zone.id, 'unsaved-on-close', 'package caracal.authz\n\nallow if {\n\tinput.principal.id == "a"\n}\n');
  await signInAs('author', zone.id);
  await page.goto(`/zones/${zone.id}/policies/${policy.id}`);
  await waitForEditor(page);
  await appendToEnd(page, '# draft\n');
  await expect(page.getByText(/Unsaved changes/)).toBeVisible();

  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.accept();
});

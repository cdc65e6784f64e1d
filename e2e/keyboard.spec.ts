import type { Locator, Page } from '@playwright/test';
import { sets } from './policy-sets-support';
import { expect, test } from './support/fixtures';
import { editorFrame, waitForEditor } from './support/monaco';

// Issue 8: steps 2–6 of the console workflow with the keyboard alone (Tab, arrows, Enter, typing,
// the documented shortcuts). No click and no fill after the first page load.

const POLICY_V2 = `package caracal.authz

allow if {
	"team:payments" in input.principal.labels
	input.resource.identifier == "resource://payments-api"
}
`;

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  await expect(target).toBeAttached(); // Monaco's edit context is a 0-size element, never "visible"
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const at = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40) ?? ''}` : 'nothing';
  });
  throw new Error(`${target} was not reachable with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses (focus ended on ${at})`);
}

/** Ctrl+K, a few letters, Enter: the command palette takes the user to a screen. */
async function jumpTo(page: Page, screen: string) {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('combobox', { name: 'Jump to a screen, policy, policy set or decision' });
  await expect(palette).toBeFocused();
  await page.keyboard.type(screen);
  await expect(page.getByRole('option', { name: new RegExp(`^${screen}`) }).first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
}

test('steps 2–6 by keyboard alone: policy, set, version, simulation, activation', async ({ page, admin, signInAs }) => {
  test.setTimeout(240_000);
  const zone = await admin.createZone();
  await signInAs('admin', zone.id);
  await page.goto(`/zones/${zone.id}/policies`);
  await expect(page.getByRole('heading', { name: 'Policies', level: 1 })).toBeVisible();

  // 2. Create a policy from a template, then a second version (typed, saved with Ctrl+S).
  await tabTo(page, page.getByRole('button', { name: 'New policy' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New policy', level: 1 })).toBeVisible();
  await tabTo(page, page.getByLabel('Name', { exact: true }));
  await page.keyboard.type('kb-payments');
  const grant = page.getByRole('radio', { name: /Grant by application label and scope/ });
  await tabTo(page, page.getByRole('radio', { checked: true }));
  for (let i = 0; i < 6 && !(await grant.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(grant).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Create policy' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'kb-payments' })).toBeVisible();
  await waitForEditor(page);
  await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();
  await tabTo(page, editorFrame(page).getByRole('textbox').first());
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(POLICY_V2);
  await expect(page.getByText(/Unsaved changes/)).toBeVisible();
  await expect(page.getByText(/Compiles · package caracal\.authz/)).toBeVisible();
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByLabel('Version shown')).toHaveValue('2');
  // Ctrl+M lets Tab leave the editor (documented under it); then the palette goes to Policy Sets.
  await page.keyboard.press('Control+m');
  await page.keyboard.press('Tab');
  await expect(editorFrame(page).getByRole('textbox').first()).not.toBeFocused();

  // 3. Create a set.
  await jumpTo(page, 'Policy Sets');
  await expect(page.getByRole('heading', { name: 'Policy Sets', level: 1 })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'New policy set' }));
  await page.keyboard.press('Enter');
  const create = page.getByRole('dialog', { name: 'New policy set' });
  await tabTo(page, create.getByLabel('Set name'));
  await page.keyboard.type('kb-set');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Compose a new version of kb-set', level: 1 })).toBeVisible();

  // 4. Add the policy's latest version and create the set version.
  const toAdd = page.getByLabel('Policy to add');
  await tabTo(page, toAdd);
  for (let i = 0; i < 4 && (await toAdd.inputValue()) === ''; i++) await page.keyboard.press('ArrowDown');
  await expect(toAdd.locator('option:checked')).toHaveText('kb-payments (latest v2)');
  await tabTo(page, page.getByRole('button', { name: 'Add policy' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Version of kb-payments')).toContainText('v2 (latest)');
  await expect(page.getByRole('region', { name: 'Compile check' })).toContainText('Compiles.');
  await tabTo(page, page.getByRole('button', { name: 'Create version' }));
  await page.keyboard.press('Enter');
  const created = page.getByRole('status').filter({ hasText: 'Created v1' }).getByRole('link', { name: 'v1' });
  await tabTo(page, created, { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /kb-set v1/, level: 1 })).toBeVisible();

  // 5. Simulate the first example (a payments app reading the payments API).
  await tabTo(page, page.getByRole('button', { name: 'Run simulation' }));
  await page.keyboard.press('Enter');
  const result = page.getByRole('region', { name: 'Simulation result' });
  await expect(result.getByText('Allowed', { exact: true })).toBeVisible();
  await expect(result.getByRole('link', { name: /kb-payments v2, line \d+/ })).toBeVisible();

  // 6. Activate through the dialog: reason, typed name, Enter; Escape closes it.
  await tabTo(page, page.getByRole('button', { name: 'Activate v1' }), { back: true });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Activate kb-set v1' });
  await tabTo(page, dialog.getByLabel('Reason (recorded with the activation)'));
  await page.keyboard.type('keyboard only');
  await tabTo(page, dialog.getByLabel('Type the set name (kb-set) to confirm'));
  await page.keyboard.type('kb-set');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(/Status: loaded — v1 is active/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const set = (await (await admin.request.get(`/v1/zones/${zone.id}/policy-sets`)).json()) as { items: Array<{ id: string; name: string }> };
  const kbSet = set.items.find((s) => s.name === 'kb-set')!;
  await expect.poll(() => sets(admin).activeVersionId(zone.id, kbSet.id)).not.toBeNull();
});

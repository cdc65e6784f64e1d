import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The only place that knows Monaco's DOM. Everything else in the specs locates by role and label.
 */
export function editorFrame(page: Page): Locator {
  return page.locator('[data-editor-ready="true"]').first();
}

/** Monaco's first parse is CPU-bound (~4 MB of JS): on a shared 2-core machine it can take a while. */
export async function waitForEditor(page: Page) {
  await expect(editorFrame(page).locator('.monaco-editor .view-lines')).toBeVisible({ timeout: 45_000 });
}

/** Replaces the whole text, as if pasted (no auto-closing brackets or auto-indent). */
export async function replaceEditorText(page: Page, text: string) {
  await editorFrame(page).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // A real paste event: keyboard.insertText is typing to Monaco, which re-indents every new line, so
  // "\n\t" would pile indentation on the previous line's.
  await page.evaluate((t) => {
    const target = document.activeElement as HTMLElement;
    const data = new DataTransfer();
    data.setData('text/plain', t);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Puts the caret at the end of 1-based `line` and inserts `text` there. */
export async function appendToLine(page: Page, line: number, text: string) {
  await editorFrame(page).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.insertText(text);
}

/** The text in the editor's model, read from its visible lines (fine for short policies). */
export async function visibleEditorText(page: Page): Promise<string> {
  return (await editorFrame(page).locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Line numbers that carry an error squiggle: matched by vertical position against the gutter. */
export async function linesWithErrorSquiggles(page: Page): Promise<number[]> {
  const frame = editorFrame(page);
  const squiggles = await frame.locator('.squiggly-error').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return r.top + r.height / 2;
    }),
  );
  const numbers = await frame.locator('.line-numbers').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return { line: Number(n.textContent), top: r.top, bottom: r.bottom };
    }),
  );
  return [...new Set(squiggles.map((y) => numbers.find((n) => y >= n.top && y <= n.bottom)?.line ?? -1))].sort((a, b) => a - b);
}

/** Moves the mouse over the first squiggle (locator.hover() hangs on Monaco) and returns the hover text. */
export async function hoverFirstSquiggle(page: Page): Promise<Locator> {
  const box = await editorFrame(page).locator('.squiggly-error').first().boundingBox();
  if (!box) throw new Error('no squiggle to hover');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  await expect(hover).toBeVisible();
  return hover;
}

export function coverageGutter(page: Page) {
  const frame = editorFrame(page);
  return { covered: frame.locator('.coverage-covered'), uncovered: frame.locator('.coverage-uncovered') };
}

/** The modified (right) side of the diff editor. */
export function diffModifiedSide(page: Page): Locator {
  return editorFrame(page).locator('.editor.modified .view-lines');
}

export function diffInsertions(page: Page): Locator {
  return editorFrame(page).locator('.editor.modified .char-insert, .editor.modified .line-insert');
}

/** Inserts `text` at the very end of the document. */
export async function appendToEnd(page: Page, text: string) {
  await editorFrame(page).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText(text);
}

/** Rows of the open suggestion (completion) widget. */
export function suggestions(page: Page): Locator {
  return page.locator('.monaco-editor .suggest-widget .monaco-list-row');
}

/** Moves the mouse onto the first rendered occurrence of `text` and returns the hover widget. */
export async function hoverToken(page: Page, text: string): Promise<Locator> {
  // Monaco merges neighbouring tokens of one colour into one span, so measure the substring itself.
  const box = await editorFrame(page)
    .locator('.view-lines')
    .evaluate((root, needle) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(needle) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
      return null;
    }, text);
  if (!box) throw new Error(`"${text}" is not rendered in the editor`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  await expect(hover).toBeVisible();
  return hover;
}

/** The line number Monaco marks as the caret's line. */
export function activeLineNumber(page: Page): Locator {
  return editorFrame(page).locator('.line-numbers.active-line-number');
}

export async function focusEditor(page: Page) {
  await editorFrame(page).locator('.monaco-editor .view-lines').click();
}

/**
 * The label chips of an application: typed text → labels, checked with the contract's own Label
 * schema so the console refuses exactly what the API would, before the request.
 */
import { Label } from '../../contract/applications.ts';

export const MAX_LABELS = 64;

/** Splits typed or pasted text on commas, spaces and new lines; drops empty pieces. */
export function splitLabels(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((piece) => piece.trim())
    .filter(Boolean);
}

/** Why `label` cannot join `existing`, as a sentence; null when it can. */
export function labelProblem(label: string, existing: readonly string[]): string | null {
  const parsed = Label.safeParse(label);
  if (!parsed.success) return `"${label}" ${parsed.error.issues[0]?.message ?? 'is not a valid label'}.`;
  if (existing.includes(label)) return `"${label}" is already in the list.`;
  if (existing.length >= MAX_LABELS) return `An application has at most ${MAX_LABELS} labels.`;
  return null;
}

/** Adds the labels of `text` to `labels`; stops at the first refused one and says why. */
export function addLabels(labels: readonly string[], text: string): { labels: string[]; rest: string; problem: string | null } {
  const next = [...labels];
  const pieces = splitLabels(text);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const problem = labelProblem(piece, next);
    if (problem) return { labels: next, rest: pieces.slice(i).join(', '), problem };
    next.push(piece);
  }
  return { labels: next, rest: '', problem: null };
}

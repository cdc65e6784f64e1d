import type { Builtin } from '../../api/schemas';
import { inputChildren } from './inputPaths';
import { regoConstants, regoKeywords } from './language';

/** Editor-independent completion item; the Monaco adapter maps `kind` to its enum. */
export interface RegoCompletion {
  label: string;
  kind: 'keyword' | 'function' | 'field' | 'variable' | 'snippet';
  insertText: string;
  detail?: string;
  documentation?: string;
}

export function builtinSignature(builtin: Builtin): string {
  const args = (builtin.args ?? []).map((arg, i) => `${arg.name || `arg${i + 1}`}: ${arg.type ?? 'any'}`).join(', ');
  const result = builtin.result?.type ? ` → ${builtin.result.type}` : '';
  return `${builtin.name}(${args})${result}`;
}

/** A dotted reference ending at the cursor, e.g. "input.principal." or "time.pa". */
const dottedBeforeCursor = /([a-zA-Z_][\w]*(?:\.[a-zA-Z_]\w*)*)\.(\w*)$/;

/**
 * Completion for the text on the line before the cursor: members of `input.` paths from the
 * decision contract, members of a built-in namespace (`time.`), or keywords + built-ins + input.
 */
export function regoCompletions(linePrefix: string, builtins: readonly Builtin[]): RegoCompletion[] {
  if (/#/.test(linePrefix.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return [];
  const dotted = dottedBeforeCursor.exec(linePrefix);
  if (dotted) {
    const [, base] = dotted;
    const parts = base.split('.');
    if (parts[0] === 'input') {
      const children = inputChildren(parts.slice(1)) ?? {};
      return Object.entries(children).map(([name, field]) => ({
        label: name,
        kind: 'field',
        insertText: name,
        detail: field.type,
        documentation: field.doc,
      }));
    }
    const prefix = `${base}.`;
    return builtins
      .filter((b) => b.name.startsWith(prefix) && !b.name.slice(prefix.length).includes('.'))
      .map((b) => builtinItem(b, b.name.slice(prefix.length)));
  }
  const keywords: RegoCompletion[] = [...regoKeywords, ...regoConstants].map((word) => ({
    label: word,
    kind: 'keyword',
    insertText: word,
  }));
  const input: RegoCompletion = {
    label: 'input',
    kind: 'variable',
    insertText: 'input',
    detail: 'decision input',
    documentation: 'The document the STS builds for every exchange: principal, resource, action, context.',
  };
  const functions = builtins.filter((b) => !b.infix).map((b) => builtinItem(b, b.name));
  return [...keywords, input, ...functions];
}

function builtinItem(builtin: Builtin, label: string): RegoCompletion {
  return {
    label,
    kind: 'function',
    insertText: label,
    detail: builtinSignature(builtin),
    documentation: builtin.description,
  };
}

export interface BuiltinHover {
  builtin: Builtin;
  signature: string;
  /** 1-based columns of the dotted name on the line, end exclusive. */
  startColumn: number;
  endColumn: number;
}

/** The built-in whose (possibly dotted) name is under 1-based `column` of `line`, if any. */
export function builtinAt(line: string, column: number, builtins: readonly Builtin[]): BuiltinHover | null {
  const name = /[a-zA-Z_][\w]*(?:\.[a-zA-Z_]\w*)*/g;
  for (let match = name.exec(line); match; match = name.exec(line)) {
    const start = match.index + 1;
    const end = start + match[0].length;
    if (column < start || column > end) continue;
    const found = builtins.find((b) => b.name === match[0]);
    return found ? { builtin: found, signature: builtinSignature(found), startColumn: start, endColumn: end } : null;
  }
  return null;
}

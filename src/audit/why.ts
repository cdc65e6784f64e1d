/**
 * "Why" for one decision, leading with the answer: builds a readable summary from the recorded
 * result and the engine's replayed trace (explain), and the mermaid text of the decision path.
 * Pure functions only (tested in why.test.ts); the screens render what these return.
 */
import type { TraceEvent } from '../../contract/decision.ts';

export interface RuleRef {
  kind: 'allow' | 'deny';
  policy: string;
  policyVersionId: string | null;
  row: number;
  /** The rule's head as written ("allow", `deny contains msg`). */
  text: string;
}

export interface FailedCondition {
  row: number;
  col: number;
  text: string;
  /** One set of variable bindings per time the condition failed (full trace only). */
  bindings: Array<Record<string, unknown>>;
}

export interface RuleMiss extends RuleRef {
  /** Distinct conditions that held before the failing one: more means a closer miss. */
  passed: number;
  failures: FailedCondition[];
}

export interface RecordedPolicy {
  policy: string;
  policy_id?: string;
  policy_version_id?: string;
  version?: number;
  rule?: string;
  location?: { row: number; col: number };
}

export interface WhyInput {
  decision: 'allow' | 'deny';
  eventType: string;
  evaluationStatus: string;
  determining: RecordedPolicy[];
  diagnostics: Array<{ reason?: unknown; message?: unknown; policy?: unknown }>;
  trace: readonly TraceEvent[] | null;
}

export type WhyKind = 'allowed' | 'denied_by_rule' | 'no_allow_matched' | 'failed_closed' | 'rejected';

export interface WhySummary {
  kind: WhyKind;
  headline: string;
  /** Rules that decided: the allow rules that succeeded, or the deny rules that fired. */
  decisive: RuleRef[];
  /** For a deny with no deny rule: every allow rule that was tried, closest miss first. */
  misses: RuleMiss[];
  /** The engine's rule index ruled out every allow rule from the input alone, so no condition ran. */
  indexedOut: boolean;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function ruleKind(node: string): 'allow' | 'deny' | null {
  const head = node.trimStart();
  if (/^allow\b/.test(head)) return 'allow';
  if (/^deny\b/.test(head)) return 'deny';
  return null;
}

interface Attempt {
  rule: RuleRef;
  queryId: number;
  succeeded: boolean;
  evaluatedRows: Set<number>;
  failures: Map<number, FailedCondition>;
}

/** Splits a trace into attempts at allow/deny rules, in order, with their failures and bindings. */
export function ruleAttempts(events: readonly TraceEvent[]): Attempt[] {
  const attempts: Attempt[] = [];
  let current: Attempt | null = null;
  for (const ev of events) {
    const kind = ruleKind(ev.node);
    if (ev.op === 'enter' && kind && ev.location) {
      current = {
        rule: { kind, policy: ev.location.policy, policyVersionId: ev.location.policy_version_id ?? null, row: ev.location.row, text: ev.node.trim() },
        queryId: ev.query_id,
        succeeded: false,
        evaluatedRows: new Set(),
        failures: new Map(),
      };
      attempts.push(current);
      continue;
    }
    if (!current || !ev.location) continue;
    if (ev.op === 'exit' && ev.query_id === current.queryId && kind) {
      current.succeeded = true;
    } else if (ev.op === 'eval' && ev.location.row !== current.rule.row) {
      current.evaluatedRows.add(ev.location.row);
    } else if (ev.op === 'fail' && ev.location.row !== current.rule.row) {
      const key = ev.location.row;
      const failure = current.failures.get(key) ?? { row: ev.location.row, col: ev.location.col, text: ev.node.trim(), bindings: [] };
      if (ev.locals && Object.keys(ev.locals).length > 0) {
        const seen = failure.bindings.some((b) => JSON.stringify(b) === JSON.stringify(ev.locals));
        if (!seen && failure.bindings.length < 5) failure.bindings.push(ev.locals);
      }
      current.failures.set(key, failure);
    }
  }
  return attempts;
}

/** Merges attempts of the same rule and orders the misses: most conditions passed first. */
export function closestMisses(attempts: readonly Attempt[]): RuleMiss[] {
  const byRule = new Map<string, RuleMiss>();
  const succeededRules = new Set(attempts.filter((a) => a.succeeded).map(ruleKey));
  for (const a of attempts) {
    if (a.rule.kind !== 'allow' || succeededRules.has(ruleKey(a))) continue;
    const key = ruleKey(a);
    const miss = byRule.get(key) ?? { ...a.rule, passed: 0, failures: [] };
    const failingRows = new Set(a.failures.keys());
    const passed = [...a.evaluatedRows].filter((row) => !failingRows.has(row)).length;
    miss.passed = Math.max(miss.passed, passed);
    for (const f of a.failures.values()) {
      const existing = miss.failures.find((x) => x.row === f.row);
      if (existing) existing.bindings.push(...f.bindings.filter((b) => !existing.bindings.some((e) => JSON.stringify(e) === JSON.stringify(b))));
      else miss.failures.push({ ...f, bindings: [...f.bindings] });
    }
    byRule.set(key, miss);
  }
  return [...byRule.values()].sort((x, y) => y.passed - x.passed || x.policy.localeCompare(y.policy) || x.row - y.row);
}

const ruleKey = (a: { rule: RuleRef }) => `${a.rule.policyVersionId ?? a.rule.policy}:${a.rule.row}`;

function recordedRules(determining: RecordedPolicy[], kind: 'allow' | 'deny'): RuleRef[] {
  return determining
    .filter((p) => (p.rule ?? kind) === kind)
    .map((p) => ({ kind, policy: p.policy, policyVersionId: p.policy_version_id ?? null, row: p.location?.row ?? 0, text: kind }));
}

export function buildWhy(input: WhyInput): WhySummary {
  const attempts = input.trace ? ruleAttempts(input.trace) : [];
  const base = { decisive: [] as RuleRef[], misses: [] as RuleMiss[], indexedOut: false };
  const reasons = input.diagnostics.map((d) => str(d.reason)).filter(Boolean);
  const firstMessage = input.diagnostics.map((d) => str(d.message)).find(Boolean);

  if (input.eventType === 'token_request_rejected' || input.evaluationStatus === 'not_evaluated') {
    return {
      ...base,
      kind: 'rejected',
      headline: `Denied before any policy ran: ${firstMessage || reasons[0] || 'the request itself was refused'}.`,
    };
  }
  if (input.evaluationStatus === 'error') {
    return {
      ...base,
      kind: 'failed_closed',
      headline: `Denied because the evaluation failed (fail closed): ${firstMessage || reasons[0] || 'no reason recorded'}.`,
    };
  }
  if (input.decision === 'allow') {
    const traced = attempts.filter((a) => a.succeeded && a.rule.kind === 'allow').map((a) => a.rule);
    const decisive = dedupeRules(traced.length ? traced : recordedRules(input.determining, 'allow'));
    return { ...base, kind: 'allowed', decisive, headline: `Allowed by ${describeRules(decisive)}.` };
  }
  const denyRules = dedupeRules([
    ...recordedRules(input.determining, 'deny'),
    ...attempts.filter((a) => a.succeeded && a.rule.kind === 'deny').map((a) => a.rule),
  ]);
  if (denyRules.length > 0) {
    const why = reasons.filter((r) => r !== 'no_rule_matched');
    return {
      ...base,
      kind: 'denied_by_rule',
      decisive: denyRules,
      headline: `Denied by ${describeRules(denyRules)}${why.length ? ` (${why.join(', ')})` : ''}.`,
    };
  }
  const misses = closestMisses(attempts);
  const indexedOut =
    misses.length === 0 && (input.trace ?? []).some((e) => e.op === 'index' && e.node === 'allow' && /matched 0 rules/.test(e.message ?? ''));
  const closest = misses[0];
  const headline = closest
    ? `Denied: no allow rule matched. Closest miss: ${closest.policy} line ${closest.row}, which failed at ${closest.failures
        .map((f) => `line ${f.row} (${f.text})`)
        .join(', ') || 'a condition outside the trace'}.`
    : indexedOut
      ? 'Denied: no allow rule matched. The engine ruled out every allow rule from the input values alone, before checking any condition.'
      : 'Denied: no allow rule matched.';
  return { ...base, kind: 'no_allow_matched', misses, indexedOut, headline };
}

function dedupeRules(rules: RuleRef[]): RuleRef[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const key = `${r.policyVersionId ?? r.policy}:${r.row}:${r.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeRules(rules: RuleRef[]): string {
  if (rules.length === 0) return 'a rule the trace does not show';
  const names = rules.map((r) => `${r.policy}${r.row ? ` line ${r.row}` : ''}`);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Escapes text for a quoted mermaid label. */
function label(text: string): string {
  return text.replace(/[&"<>#]/g, (c) => `#${c.charCodeAt(0)};`).replace(/\s+/g, ' ').slice(0, 80);
}

/** Mermaid flowchart of the decision path: rules → allow/deny → decision. */
export function decisionFlowchart(why: WhySummary, decision: 'allow' | 'deny'): string {
  const lines = ['flowchart LR'];
  lines.push(`  A{"allow?"}`, `  D{"deny?"}`, `  R["${decision === 'allow' ? 'ALLOW' : 'DENY'}"]`);
  const rules: Array<{ rule: RuleRef; ok: boolean; note: string }> = [
    ...why.decisive.map((rule) => ({ rule, ok: true, note: rule.kind === 'deny' ? 'fired' : 'succeeded' })),
    ...why.misses.map((m) => ({ rule: m as RuleRef, ok: false, note: m.failures[0] ? `failed at line ${m.failures[0].row}` : 'failed' })),
  ];
  rules.slice(0, 30).forEach(({ rule, ok, note }, i) => {
    lines.push(`  r${i}["${label(`${rule.policy} line ${rule.row}: ${rule.text}`)}"]`);
    lines.push(`  r${i} -->|"${label(note)}"| ${rule.kind === 'allow' ? 'A' : 'D'}`);
    if (!ok) lines.push(`  class r${i} miss`);
  });
  if (why.kind === 'rejected' || why.kind === 'failed_closed') {
    lines.push(`  X["${label(why.kind === 'rejected' ? 'request refused before evaluation' : 'evaluation failed')}"] --> R`);
  } else {
    const allowYes = why.kind === 'allowed';
    const denyYes = why.kind === 'denied_by_rule';
    lines.push(`  A -->|"${allowYes ? 'yes' : 'no'}"| D`);
    lines.push(`  D -->|"${denyYes ? 'yes: deny wins' : allowYes ? 'no' : 'no, but nothing allowed'}"| R`);
  }
  lines.push('  classDef miss stroke-dasharray: 4 3');
  return lines.join('\n');
}

/** Source lines to highlight per policy version: decisive rules and failed conditions. */
export function highlightedLines(why: WhySummary): Map<string, number[]> {
  const out = new Map<string, Set<number>>();
  const add = (id: string | null, row: number) => {
    if (!id || !row) return;
    const set = out.get(id) ?? new Set<number>();
    set.add(row);
    out.set(id, set);
  };
  for (const r of why.decisive) add(r.policyVersionId, r.row);
  for (const m of why.misses) {
    add(m.policyVersionId, m.row);
    for (const f of m.failures) add(m.policyVersionId, f.row);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
}

/** 1-based lines where an allow rule starts (`allow if …`, `allow := …`, `default allow …` excluded). */
export function allowHeadLines(content: string): number[] {
  const out: number[] = [];
  content.split('\n').forEach((line, i) => {
    if (/^allow\b(?!\s*:?=\s*false)/.test(line)) out.push(i + 1);
  });
  return out;
}

import { TestReport } from '../../../contract/editor.ts';
import { SimulateResponse } from '../../../contract/policy-sets.ts';
import { request } from '../../api/client';
import { paths } from '../../api/paths';

/** Dry-run one policy-set version against a recorded input (nothing is stored). */
export function simulateInput(zoneId: string, setId: string, versionId: string, input: unknown) {
  return request('POST', paths.simulate(zoneId, setId), SimulateResponse, {
    body: { version_id: versionId, input, explain: 'fails' },
  });
}

/**
 * Whether this policy text alone allows the recorded input, asked of the engine through the test
 * runner: the policy plus one generated test `allow with input as <recorded input>`.
 */
export async function checkAgainstInput(content: string, input: unknown): Promise<{ allowed: boolean; message?: string }> {
  const test = `\n\ntest_staged_fix_allows_recorded_input if {\n\tallow with input as ${JSON.stringify(input)}\n}\n`;
  const report = await request('POST', paths.test(), TestReport, { body: { content: content + test } });
  const result = report.tests.find((t) => t.name.endsWith('test_staged_fix_allows_recorded_input'));
  if (!result) return { allowed: false, message: 'the engine did not run the check' };
  return { allowed: result.status === 'pass', message: result.status === 'error' ? result.message : undefined };
}

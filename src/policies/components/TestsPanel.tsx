import type { UseMutationResult } from '@tanstack/react-query';
import type { TestReport } from '../../api/schemas';
import { ErrorText } from '../../components/ErrorPanel';
import { lineRanges } from '../../editor/rego/coverage';
import { regoErrorsOf } from '../api/mutations';

interface Props {
  run: UseMutationResult<TestReport, Error, string>;
  onRun: () => void;
  /** The report describes text that has since changed. */
  stale: boolean;
}

/** Runs the policy's `test_` rules in the engine; pass/fail here, coverage in the editor gutter. */
export function TestsPanel({ run, onRun, stale }: Props) {
  const report = run.data;
  const compileErrors = run.isError ? regoErrorsOf(run.error) : null;
  return (
    <section className="tests-panel" aria-labelledby="tests-title">
      <div className="panel-header">
        <h2 id="tests-title">Tests</h2>
        <button type="button" onClick={onRun} disabled={run.isPending}>
          {run.isPending ? 'Running…' : 'Run tests'}
        </button>
      </div>
      {!report && !run.isError && (
        <p className="muted">
          Rules named <code>test_…</code> in this policy run in the engine against the text in the editor.
        </p>
      )}
      {run.isError &&
        (compileErrors ? (
          <p role="alert" className="error-text">
            The tests did not run: the policy does not compile ({compileErrors.length} {compileErrors.length === 1 ? 'problem' : 'problems'}).
          </p>
        ) : (
          <div role="alert">
            <ErrorText error={run.error} />
          </div>
        ))}
      {report && (
        <>
          <p role="status" className={report.failed + report.errored > 0 ? 'error-text' : 'ok-text'}>
            {report.tests.length === 0
              ? 'No test_ rules found in this policy.'
              : `${report.passed} passed, ${report.failed} failed, ${report.errored} errored.`}
            {stale && ' (The text changed since this run.)'}
          </p>
          {report.tests.length > 0 && (
            <ul aria-label="Test results" className="test-results">
              {report.tests.map((test) => (
                <li key={test.name} className={`test-${test.status}`}>
                  <span className="test-status">{test.status === 'pass' ? 'Pass' : test.status === 'fail' ? 'Fail' : 'Error'}</span>{' '}
                  <code>{test.name}</code>
                  {test.location && <span className="muted"> line {test.location.row}</span>}
                  {test.message && <span> — {test.message}</span>}
                </li>
              ))}
            </ul>
          )}
          <p>
            Coverage {Math.round(report.coverage.percent)}%
            {report.coverage.not_covered.length > 0 && ` · lines not covered: ${lineRanges(report.coverage.not_covered)}`}
          </p>
        </>
      )}
    </section>
  );
}

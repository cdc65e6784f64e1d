import type { RegoError } from '../../api/schemas';
import type { ValidationState } from '../api/useRegoValidation';
import { ErrorText } from '../../components/ErrorPanel';

interface Props {
  validation: ValidationState;
  onReveal: (row: number, col: number) => void;
}

/** The engine's findings as a keyboard-reachable list; each entry jumps to its row and column. */
export function ProblemsList({ validation, onReveal }: Props) {
  const errors: readonly RegoError[] = validation.errors;
  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        Problems <span className="count">{validation.status === 'valid' ? 0 : errors.length}</span>
      </h2>
      <p role="status" className="muted">
        {validation.status === 'checking' && 'Checking with the engine…'}
        {validation.status === 'valid' && `Compiles${validation.package ? ` · package ${validation.package}` : ''}.`}
        {validation.status === 'invalid' && `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} found by the engine.`}
      </p>
      {validation.status === 'failed' && <ErrorText error={validation.error} />}
      {validation.status !== 'valid' && errors.length > 0 && (
        <ul aria-label="Problems">
          {errors.map((error, index) => (
            <li key={`${error.row}:${error.col}:${index}`}>
              <button type="button" className="link-button" onClick={() => onReveal(error.row, error.col)}>
                Line {error.row}, column {error.col}
              </button>{' '}
              <code>{error.code}</code> {error.message}
            </li>
          ))}
        </ul>
      )}
      {validation.warnings.length > 0 && (
        <ul aria-label="Warnings">
          {validation.warnings.map((warning, index) => (
            <li key={`w${warning.row}:${warning.col}:${index}`}>
              <button type="button" className="link-button" onClick={() => onReveal(warning.row, warning.col)}>
                Warning, line {warning.row}, column {warning.col}
              </button>{' '}
              {warning.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

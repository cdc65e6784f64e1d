import { Navigate, useLocation } from 'react-router';
import { isApiError, isUnauthenticated } from '../api/errors';

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** Shows what the API said (error_description + request_id); a 401 goes to sign-in and back. */
export function ErrorPanel({ error, title = 'Something went wrong', onRetry }: Props) {
  const location = useLocation();
  if (isUnauthenticated(error)) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}&expired=1`} replace />;
  }
  return (
    <div role="alert" className="error-panel">
      <strong>{title}</strong>
      <ErrorText error={error} />
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Inline variant for forms and dialogs. */
export function ErrorText({ error }: { error: unknown }) {
  if (isApiError(error)) {
    return (
      <p className="error-text">
        {error.description}
        {error.requestId && (
          <>
            {' '}
            <span className="muted">
              (request id <code>{error.requestId}</code>)
            </span>
          </>
        )}
      </p>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return <p className="error-text">{message}</p>;
}

import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Suspense, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorPanel } from './ErrorPanel';
import { Loading } from './Loading';

interface Props {
  children: ReactNode;
  /** What is loading, for the spinner's label ("Loading policies…"). */
  label: string;
  errorTitle?: string;
}

/** Suspense + error boundary for one route or one secondary panel; resets when the URL changes. */
export function RouteBoundary({ children, label, errorTitle }: Props) {
  const location = useLocation();
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <ErrorBoundary
          resetKeys={[location.pathname, location.search]}
          onReset={reset}
          fallback={(error, retry) => <ErrorPanel error={error} title={errorTitle} onRetry={retry} />}
        >
          <Suspense fallback={<Loading label={label} />}>{children}</Suspense>
        </ErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}

import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';

export function NotFoundRoute() {
  return (
    <main className="page">
      <EmptyState title="Page not found">
        <p>
          There is nothing at this address. <Link to="/">Go to the console's start page</Link>.
        </p>
      </EmptyState>
    </main>
  );
}

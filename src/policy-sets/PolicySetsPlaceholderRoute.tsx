import { EmptyState } from '../components/EmptyState';

/** Placeholder until the policy-sets issue builds this screen (compose, simulate, activate). */
export function PolicySetsPlaceholderRoute() {
  return (
    <>
      <h1>Policy Sets</h1>
      <EmptyState title="Coming next">
        <p>
          Composing policy versions into sets, simulating and activating them is being built in its own issue. Until
          then, use the admin API: <code>POST /v1/zones/:zoneId/policy-sets</code>.
        </p>
      </EmptyState>
    </>
  );
}

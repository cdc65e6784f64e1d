import { useQuery } from '@tanstack/react-query';
import { setQueries } from '../api/queries';
import { bundleErrorsOf, checkManifest } from '../api/mutations';

/** Compiles the draft on the server (nothing stored) and names the policy and line of each error. */
export function CompileCheck({ zoneId, setId, ids }: { zoneId: string; setId: string; ids: readonly string[] }) {
  const check = useQuery({
    queryKey: [...setQueries.all(zoneId), 'detail', setId, 'check', ids] as const,
    queryFn: async ({ signal }) => {
      try {
        return { ok: true as const, sha: (await checkManifest(zoneId, setId, [...ids], signal)).manifest_sha256 };
      } catch (error) {
        const errors = bundleErrorsOf(error);
        if (errors) return { ok: false as const, errors };
        throw error;
      }
    },
    enabled: ids.length > 0,
    staleTime: Infinity, // the same policy versions always compile the same way
    retry: false,
  });
  let body;
  if (ids.length === 0) body = <p className="muted">Add at least one policy.</p>;
  else if (check.isPending) body = <p>Compiling…</p>;
  else if (check.isError) body = <p className="error-text">The compile check failed: {check.error.message}</p>;
  else if (check.data.ok) body = <p className="ok-text">Compiles. Manifest hash will be <code>{check.data.sha.slice(0, 12)}</code>.</p>;
  else
    body = (
      <>
        <p className="error-text">Does not compile:</p>
        <ul className="error-text">
          {check.data.errors.map((e, i) => (
            <li key={i}>
              Policy "{e.policy}" line {e.row}, column {e.col}: {e.message}
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <section aria-label="Compile check" aria-live="polite">
      {body}
    </section>
  );
}

import { useMutation, useQueries, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorText } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { bundleErrorsOf, createSetVersion } from '../api/mutations';
import { useSetPermissions } from '../api/permissions';
import { setQueries } from '../api/queries';
import { useSetContext } from '../api/useActivationContext';
import { CompileCheck } from '../components/CompileCheck';
import { ManifestDiffView } from '../components/ManifestDiffView';
import { draftFrom, resolveDraft, swapInto, type DraftEntry, type PolicyVersions } from '../logic/composer';
import { diffManifests } from '../logic/manifestDiff';
import { setsUrl, setUrl, setVersionUrl } from '../urls';
import '../policy-sets.css';

/** /zones/:zoneId/policy-sets/:setId/compose — build the next version from policy versions. */
export function ComposeRoute() {
  const { zoneId = '', setId = '' } = useParams();
  const { set, versions, active } = useSetContext(zoneId, setId);
  const { data: allPolicies } = useSuspenseQuery(setQueries.policies(zoneId));
  const { blocked } = useSetPermissions();
  const base = active ?? versions[0] ?? null;
  // ?policy=&swap= (from the Audit screen's "Stage a fix"): start with that policy version swapped in.
  const [search] = useSearchParams();
  const [draft, setDraft] = useState<DraftEntry[]>(() => swapInto(draftFrom(base), search.get('policy'), search.get('swap')));
  const [toAdd, setToAdd] = useState('');
  const queryClient = useQueryClient();

  const detailQueries = useQueries({ queries: draft.map((d) => setQueries.policy(zoneId, d.policyId)) });
  const details = useMemo(() => {
    const map = new Map<string, PolicyVersions>();
    for (const q of detailQueries) if (q.data) map.set(q.data.id, q.data);
    return map;
  }, [detailQueries]);
  const composed = resolveDraft(draft, details);
  const ids = useDebouncedValue(
    composed.map((p) => p.policy_version_id),
    400,
  );
  const changes = diffManifests(active?.policies ?? null, composed);
  const available = allPolicies.items.filter((p) => !draft.some((d) => d.policyId === p.id));

  const create = useMutation({
    mutationFn: () => createSetVersion(zoneId, setId, composed.map((p) => p.policy_version_id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: setQueries.all(zoneId) }),
  });
  const createErrors = create.isError ? bundleErrorsOf(create.error) : null;
  const update = (policyId: string, versionId: string | null) => setDraft((d) => d.map((e) => (e.policyId === policyId ? { ...e, versionId } : e)));

  return (
    <>
      <p className="breadcrumbs">
        <Link to={setsUrl(zoneId)}>Policy Sets</Link> / <Link to={setUrl(zoneId, setId)}>{set.name}</Link> / Compose
      </p>
      <h1>Compose a new version of {set.name}</h1>
      <p>{base ? `Starting from ${base.id === active?.id ? 'the active' : 'the latest'} version, v${base.version}.` : 'Starting from an empty set.'}</p>

      <section aria-labelledby="manifest-heading" className="card">
        <h2 id="manifest-heading">Policies in this version</h2>
        {draft.length === 0 && <p className="muted">No policies yet.</p>}
        {draft.map((entry) => {
          const policy = details.get(entry.policyId);
          const name = policy?.name ?? allPolicies.items.find((p) => p.id === entry.policyId)?.name ?? entry.policyId;
          return (
            <div key={entry.policyId} className="composer-row">
              <span>{name}</span>
              <label className="inline-field">
                <span>Version of {name}</span>
                <select value={entry.versionId ?? policy?.versions[0]?.id ?? ''} onChange={(e) => update(entry.policyId, e.target.value)} disabled={!policy}>
                  {policy?.versions.map((v, i) => (
                    <option key={v.id} value={v.id}>
                      v{v.version}
                      {i === 0 ? ' (latest)' : ''}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={() => setDraft((d) => d.filter((e) => e.policyId !== entry.policyId))}>
                Remove {name}
              </button>
            </div>
          );
        })}
        <div className="toolbar">
          <label className="inline-field">
            <span>Policy to add</span>
            <select value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
              <option value="">Choose a policy…</option>
              {available.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} (latest v{p.latest_version})
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => {
              if (!toAdd) return;
              setDraft((d) => [...d, { policyId: toAdd, versionId: null }]);
              setToAdd('');
            }}
          >
            Add policy
          </button>
        </div>
        <CompileCheck zoneId={zoneId} setId={setId} ids={ids} />
      </section>

      <section aria-labelledby="difference-heading">
        <h2 id="difference-heading">Difference from the active version</h2>
        <ManifestDiffView zoneId={zoneId} changes={changes} fromLabel={active ? `active v${active.version}` : 'an empty set (nothing is active)'} />
      </section>

      <div className="toolbar">
        <GuardedButton
          blockedReason={blocked('compose') ?? (composed.length === 0 ? 'Add at least one policy first.' : null)}
          className="primary"
          onClick={() => create.mutate()}
          disabled={create.isPending}
        >
          Create version
        </GuardedButton>
      </div>
      {create.isSuccess && (
        <p role="status" className="ok-text">
          Created <Link to={setVersionUrl(zoneId, setId, create.data.id)}>v{create.data.version}</Link> with manifest hash <code>{create.data.manifest_sha256}</code>.
        </p>
      )}
      {create.isError &&
        (createErrors ? (
          <div role="alert" className="error-panel">
            <p className="error-text">The policies do not compile together:</p>
            <ul>
              {createErrors.map((e, i) => (
                <li key={i}>
                  Policy "{e.policy}" line {e.row}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <ErrorText error={create.error} />
        ))}
    </>
  );
}

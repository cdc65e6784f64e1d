import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Suspense, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorText } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { Loading } from '../../components/Loading';
import { usePermission } from '../../components/useSession';
import { RegoEditor, type EditorHandle } from '../../editor';
import { createPolicyVersion } from '../../policies/api/mutations';
import { checkAgainstInput } from '../api/mutations';
import { auditQueries, zoneObjectQueries } from '../api/queries';
import { links } from '../links';
import '../audit.css';

/**
 * /zones/:zoneId/audit/decisions/:requestId/fix?policy=&from= — the policy that failed, opened from
 * the exact version that decided, with the recorded input loaded. Saving makes a new policy version
 * and opens the composer with it swapped into the active manifest.
 */
export function StageFixRoute() {
  const { zoneId = '', requestId = '' } = useParams();
  const [search] = useSearchParams();
  const policyId = search.get('policy') ?? '';
  const fromVersion = search.get('from') ?? '';
  const { data: events } = useSuspenseQuery(auditQueries.byRequest(zoneId, requestId));
  const { data: version } = useSuspenseQuery(zoneObjectQueries.policyVersion(zoneId, policyId, fromVersion));
  const event = events.find((e) => e.event_type === 'token_exchange') ?? events.at(-1)!;
  const input = useMemo(() => JSON.stringify(event.policy_input, null, 2), [event]);
  const editor = useRef<EditorHandle | null>(null);
  const edit = usePermission('edit_policies');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dirty, setDirty] = useState(false);

  const check = useMutation({ mutationFn: () => checkAgainstInput(editor.current?.getValue() ?? version.content, event.policy_input) });
  const save = useMutation({
    mutationFn: () => createPolicyVersion(queryClient, zoneId, policyId, editor.current?.getValue() ?? version.content),
    onSuccess: (created) => {
      if (event.policy_set_id) navigate(links.composeWithSwap(zoneId, event.policy_set_id, policyId, created.version_id));
      else navigate(links.policyVersion(zoneId, policyId, created.version));
    },
  });
  const onReady = (handle: EditorHandle) => (editor.current = handle);

  return (
    <>
      <p className="breadcrumbs">
        <Link to={links.decisions(zoneId)}>Audit</Link> / <Link to={links.decision(zoneId, requestId)}>decision</Link> / stage a fix
      </p>
      <h1>Stage a fix: policy version {version.version}</h1>
      <p>
        Edit the policy so the recorded input gets the decision you want, check it, then save: the composer opens with the new
        version swapped into the active manifest, ready to simulate and activate.
      </p>
      <div className="fix-columns">
        <Suspense fallback={<Loading label="Loading the editor…" />}>
          <RegoEditor
            path={`audit-fix/${requestId}/${fromVersion}.rego`}
            defaultValue={version.content}
            label="Policy source"
            onChange={() => (setDirty(true), check.reset())}
            onReady={onReady}
            height="26rem"
          />
        </Suspense>
        <section aria-label="Recorded input">
          <h2>Recorded input (for simulation)</h2>
          <pre tabIndex={0} aria-label="Recorded input JSON" className="fix-input">{input}</pre>
        </section>
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
          Check with this input
        </button>
        <GuardedButton blockedReason={edit.reason ?? (dirty ? null : 'Change the policy first.')} onClick={() => save.mutate()}>
          Save and compose
        </GuardedButton>
      </div>
      <div role="status" aria-live="polite">
        {check.data && (
          <p className={check.data.allowed ? 'ok-text' : 'error-text'}>
            {check.data.allowed ? 'With this input, this policy alone allows the request.' : `With this input, this policy alone does not allow the request${check.data.message ? `: ${check.data.message}` : ''}.`}
          </p>
        )}
        {check.isError && <ErrorText error={check.error} />}
        {save.isError && <ErrorText error={save.error} />}
      </div>
    </>
  );
}

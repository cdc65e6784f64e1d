import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { RouteBoundary } from '../../components/RouteBoundary';
import { RegoDiffEditor } from '../../editor';
import { setQueries } from '../api/queries';
import { describeChange, summarizeChanges, type ManifestChange } from '../logic/manifestDiff';

/** Policies added, removed or moved to another version, each with Monaco's diff of the content on demand. */
export function ManifestDiffView({ zoneId, changes, fromLabel }: { zoneId: string; changes: readonly ManifestChange[]; fromLabel: string }) {
  const shown = changes.filter((c) => c.kind !== 'unchanged');
  const unchanged = changes.length - shown.length;
  return (
    <div className="manifest-diff">
      <p>
        <strong>{summarizeChanges(changes)}</strong> compared with {fromLabel}
        {unchanged > 0 && `; ${unchanged} unchanged`}.
      </p>
      {shown.length > 0 && (
        <ul className="plain change-list">
          {shown.map((c) => (
            <ChangeRow key={c.policyId} zoneId={zoneId} change={c} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ChangeRow({ zoneId, change }: { zoneId: string; change: ManifestChange }) {
  const [open, setOpen] = useState(false);
  return (
    <li className={`change change-${change.kind}`}>
      <span className="change-kind">{change.kind === 'changed' ? 'moved' : change.kind}</span> {describeChange(change)}{' '}
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide' : 'Show'} content diff of {change.policy}
      </button>
      {open && (
        <RouteBoundary label="Loading the diff…" errorTitle="The diff could not be shown">
          <ContentDiff zoneId={zoneId} change={change} />
        </RouteBoundary>
      )}
    </li>
  );
}

function ContentDiff({ zoneId, change }: { zoneId: string; change: ManifestChange }) {
  const { data: policy } = useSuspenseQuery(setQueries.policy(zoneId, change.policyId));
  const contentOf = (id: string | undefined) => (id ? (policy.versions.find((v) => v.id === id)?.content ?? '') : '');
  const from = 'from' in change ? change.from : undefined;
  const to = 'to' in change ? change.to : undefined;
  return (
    <RegoDiffEditor
      original={contentOf(from?.policy_version_id)}
      modified={contentOf(to?.policy_version_id)}
      originalLabel={from ? `${change.policy} v${from.version} (before)` : `${change.policy} (not in the set before)`}
      modifiedLabel={to ? `${change.policy} v${to.version} (after)` : `${change.policy} (removed)`}
      height="18rem"
    />
  );
}

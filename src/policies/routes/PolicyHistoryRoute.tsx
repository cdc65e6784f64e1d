import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { RouteBoundary } from '../../components/RouteBoundary';
import { policyQueries } from '../api/queries';
import { VersionDiff } from '../components/VersionDiff';
import { VersionHistoryTable } from '../components/VersionHistoryTable';

/** /…/policies/:policyId/history?base=N&compare=M — versions, where they are used, and a diff. */
export function PolicyHistoryRoute() {
  const { zoneId = '', policyId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { data: policy } = useSuspenseQuery(policyQueries.detail(zoneId, policyId));
  const versions = policy.versions; // newest first
  const byNumber = (n: string | null) => versions.find((v) => String(v.version) === n);
  const compare = byNumber(params.get('compare')) ?? versions[0];
  const predecessor = versions.find((v) => v.version < (compare?.version ?? 0));
  const base = byNumber(params.get('base')) ?? predecessor ?? compare;
  const select = (key: 'base' | 'compare', value: string) =>
    setParams((prev) => ({ ...Object.fromEntries(prev), [key]: value }));

  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/zones/${encodeURIComponent(zoneId)}/policies`}>Policies</Link> /{' '}
        <Link to={`/zones/${encodeURIComponent(zoneId)}/policies/${encodeURIComponent(policyId)}`}>{policy.name}</Link> / History
      </p>
      <h1>History of {policy.name}</h1>
      <VersionHistoryTable zoneId={zoneId} policyId={policyId} versions={versions} onCompare={(n) => setParams({ compare: String(n) })} />
      <h2>Compare versions</h2>
      {compare && base ? (
        <>
          <div className="toolbar">
            <VersionSelect label="From" value={base.version} versions={versions} onChange={(v) => select('base', v)} />
            <VersionSelect label="To" value={compare.version} versions={versions} onChange={(v) => select('compare', v)} />
          </div>
          <RouteBoundary label="Loading the diff…" errorTitle="The diff could not be shown">
            <VersionDiff base={base} compare={compare} />
          </RouteBoundary>
        </>
      ) : (
        <p className="muted">This policy has no versions yet.</p>
      )}
    </>
  );
}

function VersionSelect({ label, value, versions, onChange }: { label: string; value: number; versions: readonly { id: string; version: number }[]; onChange: (v: string) => void }) {
  return (
    <label className="inline-field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {versions.map((v) => (
          <option key={v.id} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );
}

import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { formatTime, shortHash } from '../../components/format';
import { builtinQueries, policyQueries } from '../api/queries';
import { PolicyEditor } from '../components/PolicyEditor';
import { VersionPicker } from '../components/VersionPicker';

/**
 * /zones/:zoneId/policies/:policyId[?version=N][&line=L] — the editor for one version (latest by
 * default), scrolled to line L when given (audit links to the exact line that decided).
 */
export function PolicyRoute() {
  const { zoneId = '', policyId = '' } = useParams();
  const [params] = useSearchParams();
  const { data: policy } = useSuspenseQuery(policyQueries.detail(zoneId, policyId));
  // Completion works without the catalogue (keywords, input.*), so it must not block the page.
  const builtins = useQuery(builtinQueries.catalogue());
  const latest = policy.versions[0];
  const wanted = params.get('version');
  const version = wanted ? policy.versions.find((v) => String(v.version) === wanted) : latest;
  const base = `/zones/${encodeURIComponent(zoneId)}/policies/${encodeURIComponent(policyId)}`;

  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/zones/${encodeURIComponent(zoneId)}/policies`}>Policies</Link> / {policy.name}
      </p>
      <div className="page-header">
        <h1>{policy.name}</h1>
        <Link to={`${base}/history${version ? `?compare=${version.version}` : ''}`}>History and diff</Link>
      </div>
      {policy.description && <p>{policy.description}</p>}
      {!version || !latest ? (
        <EmptyState title={`Version ${wanted ?? ''} not found`}>
          <p>
            This policy has versions 1 to {latest?.version ?? 0}. <Link to={base}>Open the latest version</Link>.
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="version-line">
            <VersionPicker versions={policy.versions} current={version.version} />
            <span>
              {version.version === latest.version ? 'Latest version' : `Older version — latest is ${latest.version}`} · saved{' '}
              {formatTime(version.created_at)}
              {version.created_by && ` by ${version.created_by}`} · <code title={version.content_sha256}>{shortHash(version.content_sha256)}</code>
            </span>
          </div>
          {builtins.isError && <p className="muted">Built-in catalogue unavailable: {builtins.error.message}</p>}
          <PolicyEditor
            key={version.id}
            zoneId={zoneId}
            policyId={policyId}
            version={version}
            builtins={builtins.data?.builtins ?? []}
            revealLine={Number(params.get('line')) || undefined}
          />
        </>
      )}
    </>
  );
}

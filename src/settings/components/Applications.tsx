import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link } from 'react-router';
import { formatTime } from '../../components/format';
import { applicationQueries, type Application } from '../api/applications';
import { DisableApplicationDialog, EditLabelsDialog } from './ApplicationDialogs';
import { CopyButton } from '../../components/CopyButton';

/** The audit screen's decisions filter, agreed through the URL (features do not import each other). */
const auditOf = (zoneId: string, appId: string) => `/zones/${encodeURIComponent(zoneId)}/audit?application=${encodeURIComponent(appId)}`;

/** The zone's applications, newest first, disabled ones included (their decisions stay in the audit). */
export function Applications({ zoneId, blockedReason }: { zoneId: string; blockedReason: string | null }) {
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(applicationQueries.list(zoneId));
  const apps = data.pages.flatMap((page) => page.items);
  if (apps.length === 0) {
    return <p className="muted">No applications yet. Register one to let it ask the STS for tokens.</p>;
  }
  return (
    <>
      <table className="table">
        <caption className="visually-hidden">Applications</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Client id</th>
            <th scope="col">Labels</th>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {apps.map((app) => (
            <ApplicationRow key={app.id} zoneId={zoneId} app={app} blockedReason={blockedReason} />
          ))}
        </tbody>
      </table>
      {hasNextPage && (
        <button type="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
          Show more applications
        </button>
      )}
    </>
  );
}

function ApplicationRow({ zoneId, app, blockedReason }: { zoneId: string; app: Application; blockedReason: string | null }) {
  const auditLink = useRef<HTMLAnchorElement>(null);
  const active = app.status === 'active';
  return (
    <tr>
      <th scope="row">{app.name}</th>
      <td>
        <code>{app.client_id}</code> <CopyButton text={app.client_id} label="Copy" name={`Copy client id of ${app.name}`} />
      </td>
      <td>
        {app.labels.length === 0 ? (
          <span className="muted">No labels</span>
        ) : (
          <ul className="label-chips" aria-label={`Labels of ${app.name}`}>
            {app.labels.map((label) => (
              <li key={label} className="label-chip">
                {label}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <time dateTime={app.created_at}>{formatTime(app.created_at)}</time>
        <span className="muted"> by {app.created_by}</span>
      </td>
      <td>
        {active || !app.disabled_at ? (
          'Active'
        ) : (
          <>
            Disabled since <time dateTime={app.disabled_at}>{formatTime(app.disabled_at)}</time>
          </>
        )}
      </td>
      <td>
        <div className="row-actions">
          <Link ref={auditLink} to={auditOf(zoneId, app.id)} aria-label={`Decisions of ${app.name} in Audit`}>
            Decisions
          </Link>
          <EditLabelsDialog zoneId={zoneId} app={app} blockedReason={blockedReason} />
          {active && <DisableApplicationDialog zoneId={zoneId} app={app} blockedReason={blockedReason} focusAfter={auditLink} />}
        </div>
      </td>
    </tr>
  );
}

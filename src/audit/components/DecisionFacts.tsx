import { Link } from 'react-router';
import type { z } from 'zod';
import { CopyButton } from '../../components/CopyButton';
import { shortHash } from '../../components/format';
import type { recordedEventsSchema } from '../api/queries';
import { links } from '../links';
import { decisionSentence, meta, timeWithZone } from '../present';

type Recorded = z.infer<typeof recordedEventsSchema>[number];

/** The recorded facts of one decision: sentence, fields, links to the exact versions, input. */
export function DecisionFacts({ zoneId, event }: { zoneId: string; event: Recorded }) {
  const m = meta(event);
  return (
    <section aria-label="Recorded decision" className="card">
      <p className={`decision-sentence verdict-${event.decision}`}>{decisionSentence(event)}</p>
      <dl className="facts">
        <dt>Application</dt>
        <dd>{m.application_name ?? '—'} {m.client_id && <code>{m.client_id}</code>}</dd>
        <dt>Resource</dt>
        <dd>{m.resource ?? '—'}</dd>
        <dt>Scopes</dt>
        <dd>{m.scopes?.join(' ') || '—'}</dd>
        <dt>Time</dt>
        <dd>
          <time dateTime={event.occurred_at}>{timeWithZone.format(new Date(event.occurred_at))}</time>
        </dd>
        <dt>Request id</dt>
        <dd>
          <code>{event.request_id}</code> <CopyButton text={event.request_id} label="Copy request id" />
        </dd>
        <dt>Policy-set version</dt>
        <dd>
          {event.policy_set_id && event.policy_set_version_id ? (
            <Link to={links.setVersion(zoneId, event.policy_set_id, event.policy_set_version_id)}>
              {event.policy_set_version_id} · manifest {shortHash(event.manifest_sha ?? '')}
            </Link>
          ) : (
            'none (no active policy set)'
          )}
        </dd>
        <dt>Determining policies</dt>
        <dd>
          {event.determining_policies_json.length === 0
            ? 'none'
            : event.determining_policies_json.map((p, i) => {
                const row = (p.location as { row?: number } | undefined)?.row;
                return (
                  <span key={i}>
                    {i > 0 && ', '}
                    <Link to={links.policyVersion(zoneId, String(p.policy_id), Number(p.version), row)}>
                      {String(p.policy)} v{String(p.version)} ({String(p.rule)}{row ? `, line ${row}` : ''})
                    </Link>
                  </span>
                );
              })}
        </dd>
        <dt>Evaluation</dt>
        <dd>
          {event.evaluation_status} · {event.event_type}
          {typeof m.latency_ms === 'number' && ` · ${m.latency_ms.toFixed(1)} ms`}
        </dd>
      </dl>
      {event.diagnostics_json.length > 0 && (
        <>
          <h2>Diagnostics</h2>
          <ul>
            {event.diagnostics_json.map((d, i) => (
              <li key={i}>
                <code>{String(d.reason ?? '')}</code>
                {typeof d.message === 'string' && d.message ? ` — ${d.message}` : ''}
                {typeof d.policy === 'string' ? ` (${d.policy})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="input-json">
        <summary>Input evaluated (exact JSON)</summary>
        <pre tabIndex={0} aria-label="Input evaluated">{JSON.stringify(event.policy_input, null, 2)}</pre>
      </details>
    </section>
  );
}

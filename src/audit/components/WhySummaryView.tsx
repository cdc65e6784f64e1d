import { Link } from 'react-router';
import type { WhySummary } from '../why';
import { links } from '../links';

interface Props {
  zoneId: string;
  why: WhySummary;
  versions: Map<string, { policy_id: string; policy: string; version: number }>;
}

const json = (v: unknown) => JSON.stringify(v);

/** The answer first: rules that decided, or the closest misses with the bindings that failed them. */
export function WhySummaryView({ zoneId, why, versions }: Props) {
  const ruleLink = (r: { policy: string; policyVersionId: string | null; row: number }) => {
    const v = r.policyVersionId ? versions.get(r.policyVersionId) : undefined;
    const text = `${r.policy}${v ? ` v${v.version}` : ''}, line ${r.row}`;
    return v ? <Link to={links.policyVersion(zoneId, v.policy_id, v.version, r.row)}>{text}</Link> : <span>{text}</span>;
  };
  return (
    <div className="why-summary">
      <p className="why-headline">{why.headline}</p>
      {why.decisive.length > 0 && (
        <>
          <h3>{why.kind === 'allowed' ? 'Rules that succeeded' : 'Deny rules that fired'}</h3>
          <ul>
            {why.decisive.map((r, i) => (
              <li key={i}>
                {ruleLink(r)}: <code>{r.text}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {why.misses.length > 0 && (
        <>
          <h3>Allow rules that failed, closest miss first</h3>
          <ol className="why-misses">
            {why.misses.map((m, i) => (
              <li key={i}>
                {ruleLink(m)} — {m.passed} {m.passed === 1 ? 'condition' : 'conditions'} held, then:
                <ul>
                  {m.failures.map((f) => (
                    <li key={f.row}>
                      failed at line {f.row}: <code>{f.text}</code>
                      {f.bindings.length > 0 && (
                        <ul className="why-bindings" aria-label={`Bindings at line ${f.row}`}>
                          {f.bindings.map((b, j) => (
                            <li key={j}>
                              {Object.entries(b)
                                .map(([k, v]) => `${k} = ${json(v)}`)
                                .join(', ')}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

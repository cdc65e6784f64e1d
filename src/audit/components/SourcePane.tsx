import { useSuspenseQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { zoneObjectQueries } from '../api/queries';
import { links } from '../links';
import { allowHeadLines } from '../why';

interface Props {
  zoneId: string;
  /** policy_version_id → lines to highlight */
  lines: Map<string, number[]>;
  /** policy_version_id → which policy and version it is (from the policy-set version). */
  versions: Map<string, { policy_id: string; policy: string; version: number }>;
  /** Show every policy of the version with its allow rules marked (the index ruled them all out). */
  allowHeads?: boolean;
}

/** The exact policy versions that decided, with the lines the why points at highlighted. */
export function SourcePane({ zoneId, lines, versions, allowHeads = false }: Props) {
  const entries = (allowHeads ? [...versions.keys()] : [...lines.keys()]).filter((id) => versions.has(id));
  const results = useSuspenseQueries({
    queries: entries.map((id) => zoneObjectQueries.policyVersion(zoneId, versions.get(id)!.policy_id, id)),
  });
  if (entries.length === 0) return <p className="muted">No policy line to show for this decision.</p>;
  return (
    <div className="source-pane">
      {entries.map((id, i) => {
        const v = versions.get(id)!;
        const content = results[i]!.data.content;
        const marked = new Set(allowHeads ? allowHeadLines(content) : lines.get(id));
        const text = content.split('\n');
        return (
          <figure key={id} className="source-file">
            <figcaption>
              <Link to={links.policyVersion(zoneId, v.policy_id, v.version, [...marked][0])}>
                {v.policy} v{v.version}
              </Link>{' '}
              <span className="muted">
                {marked.size ? `highlighted: line ${[...marked].join(', ')}${allowHeads ? ' (allow rules)' : ''}` : 'no allow rule'}
              </span>
            </figcaption>
            <pre tabIndex={0} aria-label={`Source of ${v.policy} version ${v.version}`}>
              {text.map((line, n) => (
                <span key={n} className={marked.has(n + 1) ? 'src-line src-hit' : 'src-line'} data-line={n + 1}>
                  <span className="src-no" aria-hidden="true">
                    {n + 1}
                  </span>
                  {marked.has(n + 1) && <span className="visually-hidden">Highlighted line {n + 1}: </span>}
                  {line || ' '}
                  {'\n'}
                </span>
              ))}
            </pre>
          </figure>
        );
      })}
    </div>
  );
}

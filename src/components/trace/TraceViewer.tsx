import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../../contract/decision.ts';
import { RegoEditor, type EditorHandle } from '../../editor';
import { ErrorText } from '../ErrorPanel';
import { Loading } from '../Loading';
import { buildTraceRows, countFailures, formatBindings, visibleRows, type TraceRow } from './traceTree';
import './trace.css';

export interface TraceSource {
  content: string;
  /** Names the policy and version, e.g. "payments v3". */
  title: string;
}

export interface TraceViewerProps {
  events: readonly TraceEvent[];
  truncated?: boolean;
  /** Loads the exact policy version an event points at (its `location.policy_version_id`). */
  loadSource: (policyVersionId: string) => Promise<TraceSource>;
  /** Accessible name of the trace region; default "Evaluation trace". */
  label?: string;
}

interface Target {
  policyVersionId: string;
  policy: string;
  row: number;
  col: number;
}

const ROW_HEIGHT = 30;
const BINDING_HEIGHT = 20;

export function TraceViewer({ events, truncated, loadSource, label = 'Evaluation trace' }: TraceViewerProps) {
  const rows = useMemo(() => buildTraceRows(events), [events]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [showBindings, setShowBindings] = useState(true);
  const [target, setTarget] = useState<Target | null>(null);
  const shown = useMemo(() => visibleRows(rows, collapsed), [rows, collapsed]);
  const failures = useMemo(() => countFailures(rows), [rows]);
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => ROW_HEIGHT + (showBindings ? formatBindings(shown[i]!.event.locals).length * BINDING_HEIGHT : 0),
    overscan: 12,
  });

  const toggle = (index: number) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  const collapseAll = () => setCollapsed(new Set(rows.filter((r) => r.hasChildren && r.depth === 0).map((r) => r.index)));

  if (events.length === 0) {
    return (
      <section aria-label={label} className="trace">
        <p>The engine returned no trace events for this evaluation.</p>
      </section>
    );
  }

  return (
    <section aria-label={label} className="trace">
      <div className="trace-toolbar">
        <p>
          {events.length.toLocaleString()} events, {failures.toLocaleString()} failed conditions
          {truncated && <strong> — the engine cut the trace at its size limit; later events are missing.</strong>}
        </p>
        <button type="button" onClick={collapseAll}>
          Collapse all
        </button>
        <button type="button" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <label>
          <input type="checkbox" checked={showBindings} onChange={(e) => setShowBindings(e.target.checked)} /> Show variable
          bindings
        </label>
      </div>
      <div className="trace-body">
        <div ref={scroller} className="trace-scroll" tabIndex={0} role="region" aria-label={`${label} events`}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = shown[item.index]!;
              return (
                <TraceRowView
                  key={row.index}
                  row={row}
                  top={item.start}
                  measure={virtualizer.measureElement}
                  dataIndex={item.index}
                  collapsed={collapsed.has(row.index)}
                  showBindings={showBindings}
                  onToggle={() => toggle(row.index)}
                  onShow={(t) => setTarget(t)}
                />
              );
            })}
          </div>
        </div>
        {target && (
          <Suspense fallback={<Loading label="Loading the policy version…" />}>
            <TraceSourcePane target={target} loadSource={loadSource} onClose={() => setTarget(null)} />
          </Suspense>
        )}
      </div>
    </section>
  );
}

interface RowProps {
  row: TraceRow;
  top: number;
  dataIndex: number;
  measure: (el: Element | null) => void;
  collapsed: boolean;
  showBindings: boolean;
  onToggle: () => void;
  onShow: (target: Target) => void;
}

function TraceRowView({ row, top, dataIndex, measure, collapsed, showBindings, onToggle, onShow }: RowProps) {
  const { event } = row;
  const loc = event.location;
  const bindings = showBindings ? formatBindings(event.locals) : [];
  return (
    <div
      ref={measure}
      data-index={dataIndex}
      className={`trace-row${row.failed ? ' trace-failed' : ''}`}
      style={{ transform: `translateY(${top}px)`, paddingLeft: `${row.depth * 1.1 + 0.25}rem` }}
    >
      <div className="trace-line">
        {row.hasChildren ? (
          <button type="button" className="trace-toggle" aria-expanded={!collapsed} onClick={onToggle} aria-label={`${collapsed ? 'Expand' : 'Collapse'} event ${row.index + 1}`}>
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="trace-toggle" aria-hidden="true" />
        )}
        <span className={`trace-op trace-op-${event.op}`}>{row.failed ? 'FAIL' : event.op}</span>
        <code className="trace-node">{event.message ?? event.node}</code>
        {loc?.policy_version_id ? (
          <button
            type="button"
            className="link-button"
            onClick={() => onShow({ policyVersionId: loc.policy_version_id!, policy: loc.policy, row: loc.row, col: loc.col })}
          >
            {loc.policy}:{loc.row}
          </button>
        ) : loc ? (
          <span className="muted">
            {loc.policy}:{loc.row}
          </span>
        ) : null}
      </div>
      {bindings.map((b) => (
        <code key={b} className="trace-binding">
          {b}
        </code>
      ))}
    </div>
  );
}

function TraceSourcePane({ target, loadSource, onClose }: { target: Target; loadSource: TraceViewerProps['loadSource']; onClose: () => void }) {
  const source = useQuery({
    queryKey: ['trace-source', target.policyVersionId] as const,
    queryFn: () => loadSource(target.policyVersionId),
    staleTime: Infinity, // policy versions are immutable
  });
  const handle = useRef<EditorHandle | null>(null);
  // Reveal again when another line of the same version is picked.
  useEffect(() => handle.current?.revealLine(target.row, target.col), [target]);
  return (
    <aside className="trace-source" aria-label="Policy source at the selected event">
      <div className="trace-source-head">
        <h3>
          {source.data?.title ?? target.policy}, line {target.row}
        </h3>
        <button type="button" onClick={onClose}>
          Close source
        </button>
      </div>
      {source.isPending && <Loading label="Loading the policy version…" />}
      {source.isError && <ErrorText error={source.error} />}
      {source.data && (
        <RegoEditor
          path={`trace/${target.policyVersionId}.rego`}
          defaultValue={source.data.content}
          label={`Source of ${source.data.title} (read-only)`}
          readOnly
          height="40vh"
          onReady={(h) => {
            handle.current = h;
            h.revealLine(target.row, target.col);
          }}
        />
      )}
    </aside>
  );
}

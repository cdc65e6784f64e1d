/**
 * The shared trace viewer (policy-set simulation and the Audit screen's explain).
 *
 *   <TraceViewer
 *     events={explanation.trace}            // contract TraceEvent[] as the API returns them
 *     truncated={explanation.truncated}     // shows "the engine cut the trace" when true
 *     loadSource={(policyVersionId) => …}   // → Promise<{ content, title }> of that exact policy version
 *   />
 *
 * Collapsible tree (flat rows with depths, virtualised with @tanstack/react-virtual, so 10,000
 * events stay responsive); failed conditions highlighted; variable bindings under each row;
 * "Show line" opens a read-only editor of that policy version at the event's line. Wrap it in a
 * Suspense + error boundary (RouteBoundary) like any secondary panel.
 */
export { TraceViewer, type TraceViewerProps, type TraceSource } from './TraceViewer';
export { buildTraceRows, visibleRows, type TraceRow } from './traceTree';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { startTransition, Suspense, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Builtin, PolicyVersion } from '../../api/schemas';
import { ErrorText } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { Loading } from '../../components/Loading';
import { showToast } from '../../components/toasts';
import { usePermission } from '../../components/useSession';
import { RegoEditor, type EditorHandle } from '../../editor';
import { createPolicyVersion, formatRego, regoErrorsOf, testRego } from '../api/mutations';
import { useRegoValidation, type ValidationState } from '../api/useRegoValidation';
import { ProblemsList } from './ProblemsList';
import { TestsPanel } from './TestsPanel';
import { UnsavedChangesDialog } from './UnsavedChangesDialog';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';

interface Props {
  zoneId: string;
  policyId: string;
  version: PolicyVersion;
  builtins: readonly Builtin[];
  /** Scroll to and put the caret on this line once the editor is ready. */
  revealLine?: number;
}

/** Edits one version's text; saving always creates a new immutable version. */
export function PolicyEditor({ zoneId, policyId, version, builtins, revealLine }: Props) {
  const [text, setText] = useState(version.content);
  const editor = useRef<EditorHandle | null>(null);
  const validation = useRegoValidation(text);
  const dirty = text !== version.content;
  const canEdit = usePermission('edit_policies');
  const guard = useUnsavedChangesGuard(dirty);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const current = () => editor.current?.getValue() ?? text;
  // A transition keeps keystrokes ahead of the re-render they cause (long policies stay responsive).
  const onTextChange = (next: string) => startTransition(() => setText(next));

  const save = useMutation({
    mutationFn: () => createPolicyVersion(queryClient, zoneId, policyId, current()),
    onSuccess: async (created) => {
      guard.allowNextNavigation();
      await navigate(`?version=${created.version}`);
    },
  });
  const format = useMutation({
    mutationFn: () => formatRego(current()),
    onSuccess: ({ formatted }) => editor.current?.replaceAll(formatted),
  });
  const [testedText, setTestedText] = useState<string | null>(null);
  const tests = useMutation({ mutationFn: (content: string) => testRego(content) });
  const runTests = () => {
    const content = current();
    setTestedText(content);
    tests.mutate(content);
  };
  const saveBlocked = canEdit.reason ?? saveBlockedReason(dirty, validation, version.version);
  const saveIfAllowed = () => {
    // The button explains itself in a tooltip; the keyboard shortcut says why in a notice.
    if (saveBlocked) showToast(`Not saved. ${saveBlocked}`);
    else if (!save.isPending) save.mutate();
  };
  const report = tests.data;
  const coverage = report && testedText === text ? { covered: report.coverage.covered, notCovered: report.coverage.not_covered } : null;
  const errors = tests.isError && testedText === text ? (regoErrorsOf(tests.error) ?? validation.errors) : validation.errors;

  return (
    <div className="policy-editor">
      <div className="toolbar" role="toolbar" aria-label="Policy actions">
        <button type="button" onClick={() => format.mutate()} disabled={format.isPending}>
          {format.isPending ? 'Formatting…' : 'Format'}
        </button>
        <GuardedButton
          className="primary"
          blockedReason={saveBlocked}
          onClick={saveIfAllowed}
          aria-keyshortcuts="Control+S Meta+S"
          disabled={save.isPending}
        >
          {save.isPending ? 'Saving…' : 'Save as new version'}
        </GuardedButton>
        <span className="muted" role="status">
          {dirty ? `Unsaved changes (based on version ${version.version})` : `No changes since version ${version.version}`}
        </span>
      </div>
      {format.isError && <InlineError title="Format failed" error={format.error} />}
      {save.isError && <InlineError title="The version was not saved" error={save.error} />}
      <div className="editor-columns">
        <div className="editor-main">
          <Suspense fallback={<Loading label="Loading the editor…" />}>
            <RegoEditor
              path={`policy/${policyId}/v${version.version}.rego`}
              defaultValue={version.content}
              label={`Rego source of version ${version.version}`}
              onChange={onTextChange}
              onSave={saveIfAllowed}
              errors={errors}
              warnings={validation.warnings}
              coverage={coverage}
              builtins={builtins}
              onReady={(handle) => {
                editor.current = handle;
                if (revealLine) handle.revealLine(revealLine);
              }}
            />
          </Suspense>
          <p className="muted editor-hint">
            Ctrl+S saves a new version; Ctrl+Space completes (keywords, built-ins, <code>input.</code> fields); F8 goes to the next problem; Ctrl+M makes Tab
            move focus out of the editor.
          </p>
          <ProblemsList validation={validation} onReveal={(row, col) => editor.current?.revealLine(row, col)} />
        </div>
        <TestsPanel run={tests} onRun={runTests} stale={testedText !== null && testedText !== text} />
      </div>
      <UnsavedChangesDialog blocker={guard.blocker} />
    </div>
  );
}

function saveBlockedReason(dirty: boolean, validation: ValidationState, version: number): string | null {
  if (!dirty) return `Nothing to save: the text is the same as version ${version}.`;
  if (validation.status === 'checking') return 'Waiting for the engine to check the policy.';
  if (validation.status === 'invalid') return 'Fix the problems the engine found before saving.';
  if (validation.status === 'failed') return 'The policy could not be checked, so it cannot be saved yet.';
  return null;
}

function InlineError({ title, error }: { title: string; error: unknown }) {
  const regoErrors = regoErrorsOf(error);
  return (
    <div role="alert" className="error-panel">
      <strong>{title}</strong>
      {regoErrors ? <p className="error-text">The policy does not compile; see Problems.</p> : <ErrorText error={error} />}
    </div>
  );
}

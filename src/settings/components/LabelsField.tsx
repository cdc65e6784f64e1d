import { useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { addLabels } from '../labels';

/** State of a labels field: the chips, the text being typed, and why the last label was refused. */
export function useLabelsField(initial: readonly string[]) {
  const [labels, setLabels] = useState<string[]>([...initial]);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = (text: string) => {
    const result = addLabels(labels, text);
    setLabels(result.labels);
    setProblem(result.problem);
    return result;
  };
  return {
    labels,
    draft,
    problem,
    setDraft,
    add,
    remove: (label: string) => setLabels(labels.filter((l) => l !== label)),
    reset: (next: readonly string[]) => {
      setLabels([...next]);
      setDraft('');
      setProblem(null);
    },
    /** Turns the typed text into chips too; the full list to send, or null when a label is refused. */
    commit: (): string[] | null => {
      const result = addLabels(labels, draft);
      setLabels(result.labels);
      setDraft(result.rest);
      setProblem(result.problem);
      return result.problem ? null : result.labels;
    },
  };
}

export type LabelsFieldState = ReturnType<typeof useLabelsField>;

/**
 * Labels as chips: Enter or a comma turns the typed text into a chip (a pasted list splits too);
 * each chip has its own remove button. A refused label stays in the box with the reason below it.
 */
export function LabelsField({ field, id }: { field: LabelsFieldState; id: string }) {
  const hintId = useId();
  const problemId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [announce, setAnnounce] = useState('');

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    const cut = Math.max(value.lastIndexOf(','), value.lastIndexOf('\n'));
    if (cut < 0) return field.setDraft(value);
    const result = field.add(value.slice(0, cut));
    const after = value.slice(cut + 1).trimStart();
    field.setDraft(result.rest ? [result.rest, after].filter(Boolean).join(', ') : after);
    if (!result.problem) setAnnounce(`Labels: ${result.labels.join(', ') || 'none'}.`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter on an empty box submits the form as usual; with text it adds the label.
    if (event.key !== 'Enter' || !field.draft.trim()) return;
    event.preventDefault();
    const result = field.add(field.draft);
    field.setDraft(result.rest);
    if (!result.problem) setAnnounce(`Labels: ${result.labels.join(', ')}.`);
  };
  const remove = (label: string) => {
    field.remove(label);
    setAnnounce(`Removed ${label}.`);
    input.current?.focus();
  };

  return (
    <div className="stack">
      <label htmlFor={id}>Labels</label>
      <p id={hintId} className="muted field-hint">
        Press Enter or type a comma after each label, for example <code>team:payments</code>. Policies read them as{' '}
        <code>input.principal.labels</code>.
      </p>
      {field.labels.length > 0 && (
        <ul className="label-chips" aria-label="Chosen labels">
          {field.labels.map((label) => (
            <li key={label} className="label-chip">
              <span>{label}</span>
              <button type="button" className="chip-remove" aria-label={`Remove label ${label}`} onClick={() => remove(label)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={input}
        id={id}
        value={field.draft}
        autoComplete="off"
        aria-describedby={field.problem ? `${hintId} ${problemId}` : hintId}
        aria-invalid={field.problem ? true : undefined}
        onChange={onChange}
        onKeyDown={onKeyDown}
      />
      {field.problem && (
        <p id={problemId} className="error-text" role="alert">
          {field.problem}
        </p>
      )}
      <span role="status" className="visually-hidden">
        {announce}
      </span>
    </div>
  );
}

import { policyTemplates } from '../templates';

export function TemplatePicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  return (
    <fieldset className="templates">
      <legend>Start from</legend>
      {policyTemplates.map((template) => (
        <label key={template.id} className="template-option">
          <input type="radio" name="template" value={template.id} checked={value === template.id} onChange={() => onChange(template.id)} />
          <span>
            <strong>{template.title}</strong>
            <span className="muted"> — {template.summary}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

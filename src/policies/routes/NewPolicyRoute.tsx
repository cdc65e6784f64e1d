import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorText } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { usePermission } from '../../components/useSession';
import { createPolicy } from '../api/mutations';
import { policyQueries } from '../api/queries';
import { TemplatePicker } from '../components/TemplatePicker';
import { policyTemplates } from '../templates';

export function NewPolicyRoute() {
  const { zoneId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canEdit = usePermission('edit_policies');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [templateId, setTemplateId] = useState(policyTemplates[1].id);
  const template = policyTemplates.find((t) => t.id === templateId) ?? policyTemplates[0];

  const create = useMutation({
    mutationFn: () => createPolicy(zoneId, { name: name.trim(), description: description.trim() || undefined, content: template.content }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: policyQueries.lists(zoneId) });
      await navigate(`/zones/${encodeURIComponent(zoneId)}/policies/${encodeURIComponent(created.id)}`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canEdit.allowed && name.trim()) create.mutate();
  };

  return (
    <>
      <p className="breadcrumbs">
        <Link to="..">Policies</Link> / New
      </p>
      <h1>New policy</h1>
      <form className="stack narrow" onSubmit={submit}>
        <label htmlFor="policy-name">Name</label>
        <input id="policy-name" required value={name} onChange={(event) => setName(event.target.value)} maxLength={200} />
        <label htmlFor="policy-description">Description (optional)</label>
        <input id="policy-description" value={description} onChange={(event) => setDescription(event.target.value)} />
        <TemplatePicker value={templateId} onChange={setTemplateId} />
        <details>
          <summary>Preview “{template.title}”</summary>
          <pre className="code-preview">{template.content}</pre>
        </details>
        {create.isError && (
          <div role="alert" className="error-panel">
            <strong>The policy was not created</strong>
            <ErrorText error={create.error} />
          </div>
        )}
        <div>
          <GuardedButton type="submit" className="primary" blockedReason={canEdit.reason} disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create policy'}
          </GuardedButton>
        </div>
      </form>
    </>
  );
}

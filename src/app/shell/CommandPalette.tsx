import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { policyQueries } from '../../policies/api/queries';
import { paletteQueries } from './paletteQueries';
import { paletteItems } from './paletteItems';

interface Props {
  zoneId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** Ctrl/Cmd+K: jump to a screen, a policy by name or id, a policy set or a decision by id. */
export function CommandPalette({ zoneId, open, onOpenChange }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const navigate = useNavigate();
  const listId = useId();

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        onOpenChange(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onOpenChange]);

  const policies = useQuery({ ...policyQueries.search(zoneId, query.trim()), enabled: open, placeholderData: keepPreviousData });
  const policySets = useQuery({ ...paletteQueries.policySets(zoneId), enabled: open });
  const items = paletteItems(zoneId, query, policies.data?.items ?? [], policySets.data?.items ?? []);
  const current = Math.min(active, Math.max(items.length - 1, 0));

  const go = (to: string) => {
    onOpenChange(false);
    setQuery('');
    void navigate(to);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((current + 1) % Math.max(items.length, 1));
    else if (event.key === 'ArrowUp') setActive((current - 1 + items.length) % Math.max(items.length, 1));
    else if (event.key === 'Enter' && items[current]) go(items[current].to);
    else return;
    event.preventDefault();
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog palette" aria-describedby={undefined}>
          <Dialog.Title className="visually-hidden">Jump to</Dialog.Title>
          <input
            aria-label="Jump to a screen, policy, policy set or decision"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={items[current] ? `${listId}-${current}` : undefined}
            placeholder="Type a name or an id…"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          {policies.isError && <p className="error-text">Policies could not be searched: {policies.error.message}</p>}
          <ul role="listbox" id={listId} aria-label="Destinations" className="palette-list">
            {items.length === 0 && <li className="muted">Nothing matches “{query}”.</li>}
            {items.map((item, index) => (
              <li
                key={item.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === current}
                onMouseEnter={() => setActive(index)}
                onClick={() => go(item.to)}
              >
                <span>{item.label}</span>
                <span className="muted">{item.hint}</span>
              </li>
            ))}
          </ul>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

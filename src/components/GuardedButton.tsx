import { Tooltip } from 'radix-ui';
import { useId, type ButtonHTMLAttributes, type MouseEvent } from 'react';

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** When set, the action is not available and this sentence says why (tooltip + description). */
  blockedReason?: string | null;
}

/**
 * A button that stays focusable when the action is not allowed, so keyboard and pointer users
 * can both read why (tooltip on hover/focus, and aria-describedby for screen readers).
 * Plain `disabled` buttons cannot be focused or hovered, which hides the reason.
 */
export function GuardedButton({ blockedReason, onClick, children, ...rest }: Props) {
  const reasonId = useId();
  if (!blockedReason) {
    return (
      <button type="button" onClick={onClick} {...rest}>
        {children}
      </button>
    );
  }
  const swallow = (event: MouseEvent<HTMLButtonElement>) => event.preventDefault();
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <button
          type="button"
          {...rest}
          aria-disabled="true"
          aria-describedby={reasonId}
          className={`${rest.className ?? ''} is-disabled`.trim()}
          onClick={swallow}
        >
          {children}
        </button>
      </Tooltip.Trigger>
      <span id={reasonId} hidden>
        {blockedReason}
      </span>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" sideOffset={6}>
          {blockedReason}
          <Tooltip.Arrow className="tooltip-arrow" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

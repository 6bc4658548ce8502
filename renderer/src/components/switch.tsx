// An on/off switch: a native checkbox with the switch role, so the keyboard (Space), screen readers and
// forms all work as they do for any checkbox; the look is CSS only. It shows the new position at once and
// keeps it while the change is saved: the position it was given comes back if saving fails.
import { useId, useState } from 'react';

export interface SwitchProps {
  checked: boolean;
  /** May return the save's promise: the switch holds its new position until it settles. */
  onChange(checked: boolean): unknown;
  label: string;
  /** Shown under the label. */
  hint?: string;
  disabled?: boolean;
  /** Hide the label visually (it still names the switch). */
  hideLabel?: boolean;
}

export function Switch({ checked, onChange, label, hint, disabled, hideLabel }: SwitchProps) {
  const id = useId();
  const [pending, setPending] = useState<boolean | null>(null);
  // The given position caught up with the one shown: nothing is pending any more.
  if (pending !== null && pending === checked) setPending(null);
  const change = (next: boolean) => {
    setPending(next);
    Promise.resolve(onChange(next)).then(
      // The data that moves `checked` is delivered on a timer; let it land first.
      () => setTimeout(() => setPending(null), 0),
      () => setPending(null),
    );
  };
  return (
    <div className="switch-row">
      <input
        id={id}
        className="switch"
        type="checkbox"
        role="switch"
        checked={pending ?? checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => change(e.target.checked)}
      />
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'switch-label'}>
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

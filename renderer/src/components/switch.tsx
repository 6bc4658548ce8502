// An on/off switch: a native checkbox with the switch role, so the keyboard (Space), screen readers and
// forms all work as they do for any checkbox; the look is CSS only.
import { useId } from 'react';

export interface SwitchProps {
  checked: boolean;
  onChange(checked: boolean): void;
  label: string;
  /** Shown under the label. */
  hint?: string;
  disabled?: boolean;
  /** Hide the label visually (it still names the switch). */
  hideLabel?: boolean;
}

export function Switch({ checked, onChange, label, hint, disabled, hideLabel }: SwitchProps) {
  const id = useId();
  return (
    <div className="switch-row">
      <input
        id={id}
        className="switch"
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.checked)}
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

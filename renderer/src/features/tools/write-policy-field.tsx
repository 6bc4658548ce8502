// The write policy: when assistants must pass confirm: true (after showing the user a preview) before a
// write reaches Worksection. The configuration may hold it at least this strict.
import { useId } from 'react';
import type { WritePolicyName } from '../../../../shared/api/tools';

const CHOICES: { value: WritePolicyName; label: string }[] = [
  { value: 'apply', label: 'Apply writes at once' },
  { value: 'confirm_destructive', label: 'Confirm what removes or replaces (archive, remove, delete)' },
  { value: 'confirm_all', label: 'Confirm every write' },
];

interface Props {
  value: WritePolicyName;
  locked: string | null;
  onChange(policy: WritePolicyName): unknown;
}

export function WritePolicyField({ value, locked, onChange }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Write policy</label>
      <select id={id} value={value} onChange={(e) => void onChange(e.target.value as WritePolicyName)}>
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <p className="hint">
        {locked ?? 'A held-back write answers the assistant with its preview; it asks you, then confirms.'}
      </p>
    </div>
  );
}

// One toolset: its switch, and each tool with its effect, description and own switch. A switch the
// server's configuration locks is disabled and says why. Switches stay enabled while a change is saved,
// so keyboard focus never drops out of the list.
import type { ToolsChange, ToolsetView } from '../../../../shared/api/tools';
import { Badge } from '../../components/panel';
import { Switch } from '../../components/switch';

const EFFECT_TONE = { read: 'ok', write: 'neutral', destructive: 'bad' } as const;

export function ToolsetCard({ set, onChange }: { set: ToolsetView; onChange(change: ToolsChange): unknown }) {
  const on = set.tools.filter((t) => t.available).length;
  return (
    <section className="card toolset" aria-labelledby={`set-${set.name}`}>
      <div className="toolset-head">
        <div>
          <h2 id={`set-${set.name}`}>{set.name}</h2>
          <p className="muted small">
            {set.description} · {on} of {set.tools.length} available
          </p>
        </div>
        <Switch
          label={`${set.name} toolset`}
          hideLabel
          hint={set.locked ?? undefined}
          checked={set.enabled}
          disabled={set.locked !== null && !set.enabled}
          onChange={(enabled) => onChange({ toolset: set.name, enabled })}
        />
      </div>
      <ul className="tool-list">
        {set.tools.map((t) => (
          <li key={t.name} className={t.available ? 'tool' : 'tool tool-off'}>
            <div className="tool-main">
              <p className="tool-name">
                <code>{t.name}</code> <Badge tone={EFFECT_TONE[t.effect]}>{t.effect}</Badge>
              </p>
              <p className="tool-description">{t.description}</p>
              {(t.locked ?? (!t.available && t.enabled ? t.reason : null)) && (
                <p className="hint">{t.locked ?? `Not offered: ${t.reason}.`}</p>
              )}
            </div>
            <Switch
              label={t.name}
              hideLabel
              checked={t.enabled}
              disabled={t.locked !== null && !t.enabled}
              onChange={(enabled) => onChange({ tool: t.name, enabled })}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

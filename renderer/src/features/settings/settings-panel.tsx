// Settings: saved to config.json in the data folder and applied at the next start (each says when it
// waits for one). A value the server would refuse is refused here with the reason.
import { useState, type FormEvent } from 'react';
import type { SettingKey, SettingsChange, SettingsView, SettingView } from '../../../../shared/api/settings';
import { api } from '../../api/client';
import { keys, useChange, useSettings } from '../../api/queries';
import { Badge, Card, PanelHeader } from '../../components/panel';
import { ErrorState, InlineError, Loading } from '../../components/states';
import { Switch } from '../../components/switch';
import { FIELDS, GROUPS, toValue } from './setting-fields';

function Field({ s, text, onText }: { s: SettingView; text: string; onText(v: string): void }) {
  const info = FIELDS[s.key];
  return (
    <label className="setting">
      <span className="setting-label">
        {info.label}
        {s.restartNeeded && <Badge tone="warn">restart to apply</Badge>}
        {s.overridden && <Badge tone="neutral">this run: {String(s.value)}</Badge>}
      </span>
      <span className="setting-input">
        <input
          name={s.key}
          inputMode={info.kind === 'number' ? 'numeric' : undefined}
          value={text}
          onChange={(e) => onText(e.target.value)}
        />
        {info.unit && <span className="muted small">{info.unit}</span>}
      </span>
    </label>
  );
}

export function SettingsPanel() {
  const settings = useSettings();
  const [edits, setEdits] = useState<Partial<Record<SettingKey, string>>>({});
  const save = useChange(keys.settings, (c: SettingsChange) => api.patch<SettingsView>('/settings', c));
  const login = useChange(keys.settings, (enabled: boolean) =>
    api.put<SettingsView>('/settings/launch-at-login', { enabled }),
  );
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorState error={settings.error} retry={() => void settings.refetch()} />;
  const v = settings.data;
  const changed = Object.keys(edits).length > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const values = Object.fromEntries(
      Object.entries(edits).map(([key, text]) => [key, toValue(FIELDS[key as SettingKey].kind, text ?? '')]),
    );
    save.mutate({ values }, { onSuccess: () => setEdits({}) });
  };
  return (
    <>
      <PanelHeader
        title="Settings"
        intro={
          <>
            Saved to <code>{v.configFile}</code>; they apply when the app starts next.
          </>
        }
      />
      {v.launchAtLogin !== null && (
        <Card title="Desktop">
          <Switch label="Open at login" checked={v.launchAtLogin} onChange={(on) => login.mutateAsync(on)} />
          <InlineError error={login.error} />
        </Card>
      )}
      <form onSubmit={submit}>
        {GROUPS.map((group) => (
          <Card key={group} title={group}>
            {group === 'Freshness' && (
              <p className="muted small">
                Seconds a Worksection answer of each kind is reused (0: always asked again).
              </p>
            )}
            <div className={group === 'Freshness' ? 'settings-grid settings-grid-dense' : 'settings-grid'}>
              {v.settings
                .filter((s) => FIELDS[s.key].group === group)
                .map((s) => (
                  <Field
                    key={s.key}
                    s={s}
                    text={edits[s.key] ?? String(s.saved)}
                    onText={(text) => setEdits((e) => ({ ...e, [s.key]: text }))}
                  />
                ))}
            </div>
            {group === 'Server' && (
              <p className="muted small">
                Worksection requests: {v.upstreamRate === null ? 'no limit' : `${v.upstreamRate} per second`}{' '}
                (Worksection&rsquo;s own limit; not adjustable).
              </p>
            )}
          </Card>
        ))}
        <div className="save-bar">
          <InlineError error={save.error} />
          {save.isSuccess && !changed && <p role="status">Saved. Restart the app to apply.</p>}
          <button type="button" className="button" disabled={!changed} onClick={() => setEdits({})}>
            Discard changes
          </button>
          <button type="submit" className="button button-primary" disabled={!changed || save.isPending}>
            Save settings
          </button>
        </div>
      </form>
    </>
  );
}

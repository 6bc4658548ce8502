// The Settings panel over config.json (app/config-file.ts): the values this run uses, what the file says
// (what the next start uses), whether a variable or flag overrides it, and saving changes. Every one of
// these applies at the next start.
import {
  SETTING_KEYS,
  type SettingKey,
  type SettingsChange,
  type SettingsView,
} from '../../../shared/api/settings.js';
import type { ConfigFile } from '../../app/config-file.js';
import type { ControlHost } from '../../app/host.js';
import { getPath } from '../../config-sources.js';
import type { Config } from '../../config.js';
import { UserFacingError } from '../../user-facing-error.js';
import { ControlError } from '../errors.js';
import type { SettingsControl } from '../services.js';

type Value = number | string;

export interface SettingsDeps {
  config: Config;
  file: ConfigFile;
  upstreamRate(): number | null;
  launchAtLogin?: ControlHost['launchAtLogin'];
}

const pathOf = (key: SettingKey): string[] => key.split('.');

export function createSettingsControl(deps: SettingsDeps): SettingsControl {
  const { config, file } = deps;
  const atStart = file.atStart;

  const view = (): SettingsView => {
    const saved = file.saved() ?? config;
    return {
      settings: SETTING_KEYS.map((key) => {
        const value = getPath(config, pathOf(key)) as Value;
        const savedValue = getPath(saved, pathOf(key)) as Value;
        const startValue = atStart ? (getPath(atStart, pathOf(key)) as Value) : value;
        return {
          key,
          value,
          saved: savedValue,
          // The file said one thing at start and this run uses another: a variable or flag won.
          overridden: startValue !== value,
          restartNeeded: savedValue !== startValue,
        };
      }),
      configFile: file.path,
      upstreamRate: deps.upstreamRate(),
      launchAtLogin: deps.launchAtLogin ? deps.launchAtLogin.get() : null,
    };
  };

  return {
    view,
    change(change: SettingsChange) {
      try {
        file.save(change.values as Record<string, Value>);
      } catch (err) {
        if (err instanceof UserFacingError) throw new ControlError('bad_request', err.message);
        throw err;
      }
      return view();
    },
    ...(deps.launchAtLogin && {
      setLaunchAtLogin(enabled: boolean) {
        deps.launchAtLogin?.set(enabled);
        return view();
      },
    }),
  };
}

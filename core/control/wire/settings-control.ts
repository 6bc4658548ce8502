// The Settings panel over config.json: the values this run uses, what the file says (what the next start
// uses), and saving changes to the file after checking them with the config schema itself, so a value the
// server would refuse at start is refused here with the same reason. Every one of these applies at the
// next start; the file keeps whatever else the user wrote in it.
import { renameSync, writeFileSync } from 'node:fs';
import {
  SETTING_KEYS,
  type SettingKey,
  type SettingsChange,
  type SettingsView,
} from '../../../shared/api/settings.js';
import { configFilePath, settingsSchema, type Config } from '../../config.js';
import { getPath, merge, readFileLayer, setPath } from '../../config-sources.js';
import { ControlError } from '../errors.js';
import type { SettingsControl } from '../services.js';

type Value = number | string;

export interface SettingsDeps {
  config: Config;
  upstreamRate(): number | null;
  launchAtLogin?: { get(): boolean; set(enabled: boolean): void };
}

const pathOf = (key: SettingKey): string[] => key.split('.');

export function createSettingsControl(deps: SettingsDeps): SettingsControl {
  const { config } = deps;
  const file = configFilePath(config.dataDir);

  const readLayer = (): Record<string, unknown> => {
    const problems: string[] = [];
    const layer = readFileLayer(file, problems);
    if (problems.length > 0) throw new ControlError('conflict', problems.join('; '));
    return layer;
  };
  // What the file (with defaults) makes of every setting; null when it holds something invalid.
  const savedFrom = (layer: Record<string, unknown>): Config | null => {
    const parsed = settingsSchema.safeParse(merge({ dataDir: config.dataDir }, layer));
    return parsed.success ? parsed.data : null;
  };
  const atStart = savedFrom(readLayerOrEmpty());

  function readLayerOrEmpty(): Record<string, unknown> {
    try {
      return readLayer();
    } catch {
      return {};
    }
  }

  const view = (): SettingsView => {
    const saved = savedFrom(readLayerOrEmpty()) ?? config;
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
      configFile: file,
      upstreamRate: deps.upstreamRate(),
      launchAtLogin: deps.launchAtLogin ? deps.launchAtLogin.get() : null,
    };
  };

  return {
    view,
    change(change: SettingsChange) {
      const layer = structuredClone(readLayer());
      for (const [key, value] of Object.entries(change.values) as [SettingKey, Value][]) {
        setPath(layer, pathOf(key), value);
      }
      const parsed = settingsSchema.safeParse(merge({ dataDir: config.dataDir }, layer));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.map(String).join('.') ?? 'a setting';
        throw new ControlError('bad_request', `${where} ${issue?.message ?? 'is not valid'}`);
      }
      // Written beside and renamed: a crash never leaves half a file the next start would refuse.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(layer, null, 2)}\n`);
      renameSync(temp, file);
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

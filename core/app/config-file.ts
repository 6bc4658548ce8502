// The data dir's config.json as something to edit while the app runs (the UI's Settings panel): what the
// file makes of every setting (what the next start uses), and saving changes into it after checking them
// with the config schema itself, so a value the server would refuse at start is refused now with the same
// reason. The file keeps whatever else the user wrote in it; changes apply at the next start.
import { renameSync, writeFileSync } from 'node:fs';
import { merge, readFileLayer, setPath } from '../config-sources.js';
import { settingsSchema, type Config } from '../config.js';
import { configFilePath } from '../data-dir/paths.js';
import { UserSettingsError } from '../user-facing-error.js';

export interface ConfigFile {
  /** <data dir>/config.json */
  path: string;
  /** The settings as the file (with defaults) has them now; null when it holds something invalid. */
  saved(): Config | null;
  /** The same, as it was when the app started. */
  readonly atStart: Config | null;
  /** Writes values by dotted path ('fileCache.maxMb'); a value the schema refuses throws, naming it. */
  save(values: Record<string, number | string>): void;
}

export function openConfigFile(config: Pick<Config, 'dataDir'>): ConfigFile {
  const path = configFilePath(config.dataDir);
  const layer = (): Record<string, unknown> => {
    const problems: string[] = [];
    const read = readFileLayer(path, problems);
    if (problems.length > 0) throw new UserSettingsError(problems.join('; '));
    return read;
  };
  const parse = (values: Record<string, unknown>) =>
    settingsSchema.safeParse(merge({ dataDir: config.dataDir }, values));
  const saved = (): Config | null => {
    try {
      const parsed = parse(layer());
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

  return {
    path,
    saved,
    atStart: saved(),
    save(values) {
      const next = structuredClone(layer());
      for (const [key, value] of Object.entries(values)) setPath(next, key.split('.'), value);
      const parsed = parse(next);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.map(String).join('.') ?? 'a setting';
        throw new UserSettingsError(`${where} ${issue?.message ?? 'is not valid'}`);
      }
      // Written beside and renamed: a crash never leaves half a file the next start would refuse.
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(temp, path);
    },
  };
}

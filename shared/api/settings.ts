// The settings the UI edits. They are written to the data dir's config.json and take effect at the next
// start; the values' rules are config.ts's (one schema per fact), so here only their keys and kinds.
import { z } from 'zod';

const FRESHNESS_KINDS = [
  'timers',
  'tasks',
  'comments',
  'files',
  'time',
  'activity',
  'projects',
  'people',
  'tags',
  'webhooks',
] as const;

export const SETTING_KEYS = [
  'port',
  'timeZone',
  'limits.budgetTokens',
  'responseCache.maxMb',
  ...FRESHNESS_KINDS.map((k) => `responseCache.freshSeconds.${k}` as const),
  'fileCache.maxMb',
  'fileCache.maxFileMb',
  'fileCache.retentionDays',
  'callLog.retentionDays',
  'callLog.maxRows',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const settingKeySchema = z.enum(SETTING_KEYS);
const settingValueSchema = z.union([z.number(), z.string()]);

export const settingViewSchema = z.strictObject({
  key: settingKeySchema,
  /** What this run uses. */
  value: settingValueSchema,
  /** What config.json says (or the default): what the next start uses. */
  saved: settingValueSchema,
  /** An environment variable or command-line flag set it for this run, over config.json. */
  overridden: z.boolean(),
  /** Saved differs from what runs: a restart applies it. */
  restartNeeded: z.boolean(),
});
export type SettingView = z.infer<typeof settingViewSchema>;

export const settingsViewSchema = z.strictObject({
  settings: z.array(settingViewSchema),
  configFile: z.string(),
  /** Worksection requests per second the scheduler allows (fixed: Worksection's own limit). */
  upstreamRate: z.number().nullable(),
  /** Desktop app only; null in a browser. */
  launchAtLogin: z.boolean().nullable(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const settingsChangeSchema = z.strictObject({
  values: z.partialRecord(settingKeySchema, settingValueSchema),
});
export type SettingsChange = z.infer<typeof settingsChangeSchema>;

export const launchAtLoginSchema = z.strictObject({ enabled: z.boolean() });

// The user's tool settings: switched-off toolsets and tools and read-only mode. It persists in the
// store's settings table (one JSON value) and tells subscribers about every change, so the MCP server
// re-filters tools/list at once and notifies connected clients.
import { z } from 'zod';
import type { SettingsStore } from '../../store/settings.js';
import { TOOLSET_NAMES, type ToolsetName } from '../tools/kit/toolsets.js';
import {
  DEFAULT_WRITE_POLICY,
  stricterPolicy,
  WRITE_POLICIES,
  type WritePolicy,
} from '../tools/kit/write-args.js';

export interface ToolSettings {
  disabledToolsets: ToolsetName[];
  disabledTools: string[];
  readOnly: boolean;
  /** When writes need confirm: true (server/write-guard.ts). */
  writePolicy: WritePolicy;
}

/** What the config locks: the same, but a policy only when the config names one. */
export type LockedToolSettings = Omit<ToolSettings, 'writePolicy'> & { writePolicy?: WritePolicy };

export interface ToolSettingsState {
  get(): ToolSettings;
  /** Applies a partial change, persists it and notifies subscribers (only when something changed). */
  update(patch: Partial<ToolSettings>): ToolSettings;
  /** Returns the unsubscribe function. */
  subscribe(listener: (settings: ToolSettings) => void): () => void;
}

export const DEFAULT_TOOL_SETTINGS: ToolSettings = {
  disabledToolsets: [],
  disabledTools: [],
  readOnly: false,
  writePolicy: DEFAULT_WRITE_POLICY,
};

// The stored key keeps the name of the version that introduced it, so saved settings survive upgrades.
export const TOOL_SETTINGS_KEY = 'mcp.governance';

// Stored values are read leniently: a toolset name from an older version is dropped, not fatal.
const storedShape = z.object({
  disabledToolsets: z
    .array(z.string())
    .catch([])
    .transform((names) => names.filter((n): n is ToolsetName => (TOOLSET_NAMES as string[]).includes(n))),
  disabledTools: z.array(z.string()).catch([]),
  readOnly: z.boolean().catch(false),
  writePolicy: z.enum(WRITE_POLICIES).catch(DEFAULT_WRITE_POLICY),
});

const patchShape = z
  .object({
    disabledToolsets: z.array(z.enum(TOOLSET_NAMES as [ToolsetName, ...ToolsetName[]])),
    disabledTools: z.array(z.string().min(1)),
    readOnly: z.boolean(),
    writePolicy: z.enum(WRITE_POLICIES),
  })
  .partial()
  .strict();

function normalise(s: ToolSettings): ToolSettings {
  const uniqueSorted = <T extends string>(list: T[]): T[] => [...new Set(list)].sort();
  return {
    disabledToolsets: uniqueSorted(s.disabledToolsets),
    disabledTools: uniqueSorted(s.disabledTools),
    readOnly: s.readOnly,
    writePolicy: s.writePolicy,
  };
}

function same(a: ToolSettings, b: ToolSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function createToolSettingsOver(
  load: () => ToolSettings,
  save: (settings: ToolSettings) => void,
): ToolSettingsState {
  let current = normalise(load());
  const listeners = new Set<(settings: ToolSettings) => void>();
  return {
    get: () => current,
    update(patch) {
      const next = normalise({ ...current, ...patchShape.parse(patch) });
      if (same(next, current)) return current;
      save(next);
      current = next;
      for (const listener of listeners) listener(current);
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The settings as stored under TOOL_SETTINGS_KEY (undefined or unreadable: the defaults). */
export function parseSavedToolSettings(stored: unknown): ToolSettings {
  const parsed = storedShape.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_TOOL_SETTINGS;
}

/** ToolSettingsState persisted in the settings table. */
export function createToolSettings(settings: SettingsStore): ToolSettingsState {
  return createToolSettingsOver(
    () => parseSavedToolSettings(settings.get(TOOL_SETTINGS_KEY)),
    (value) => settings.set(TOOL_SETTINGS_KEY, value),
  );
}

/**
 * THE rule for what applies: the user's saved settings plus what the config locks (config file, WSMCP_*
 * variables, flags). Read-only wins; switched-off toolsets and tools add up. The user can never lift a lock.
 */
export function effectiveToolSettings(saved: ToolSettings, locked: LockedToolSettings): ToolSettings {
  const union = <T extends string>(a: T[], b: T[]) => [...new Set([...a, ...b])].sort();
  return {
    readOnly: saved.readOnly || locked.readOnly,
    disabledToolsets: union(saved.disabledToolsets, locked.disabledToolsets),
    disabledTools: union(saved.disabledTools, locked.disabledTools),
    writePolicy: stricterPolicy(saved.writePolicy, locked.writePolicy),
  };
}

/** Tool settings as they apply (effectiveToolSettings on every read); an update changes the saved part. */
export interface LockedToolSettingsState extends ToolSettingsState {
  /** What the user saved, without the locks. */
  saved(): ToolSettings;
  /** What the config locks. */
  readonly locked: LockedToolSettings;
}

export function withConfigLocks(
  inner: ToolSettingsState,
  locked: LockedToolSettings,
): LockedToolSettingsState {
  const get = () => effectiveToolSettings(inner.get(), locked);
  return {
    get,
    saved: () => inner.get(),
    locked,
    update(patch) {
      inner.update(patch);
      return get();
    },
    subscribe: (listener) => inner.subscribe(() => listener(get())),
  };
}

/** ToolSettingsState held in memory only (tests, the stdio bridge without a data dir). */
export function createMemoryToolSettings(initial: Partial<ToolSettings> = {}): ToolSettingsState {
  return createToolSettingsOver(
    () => ({ ...DEFAULT_TOOL_SETTINGS, ...initial }),
    () => undefined,
  );
}

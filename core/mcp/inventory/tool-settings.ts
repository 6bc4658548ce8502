// The user's tool governance: switched-off toolsets and tools and read-only mode. It persists in the
// store's settings table (one JSON value) and tells subscribers about every change, so the MCP server
// re-filters tools/list at once and notifies connected clients.
import { z } from 'zod';
import type { SettingsStore } from '../../store/settings.js';
import { TOOLSET_NAMES, type ToolsetName } from '../tools/kit/toolsets.js';

export interface GovernanceSettings {
  disabledToolsets: ToolsetName[];
  disabledTools: string[];
  readOnly: boolean;
}

export interface Governance {
  get(): GovernanceSettings;
  /** Applies a partial change, persists it and notifies subscribers (only when something changed). */
  update(patch: Partial<GovernanceSettings>): GovernanceSettings;
  /** Returns the unsubscribe function. */
  subscribe(listener: (settings: GovernanceSettings) => void): () => void;
}

export const DEFAULT_GOVERNANCE: GovernanceSettings = {
  disabledToolsets: [],
  disabledTools: [],
  readOnly: false,
};

export const SETTINGS_KEY = 'mcp.governance';

// Stored values are read leniently: a toolset name from an older version is dropped, not fatal.
const storedShape = z.object({
  disabledToolsets: z
    .array(z.string())
    .catch([])
    .transform((names) => names.filter((n): n is ToolsetName => (TOOLSET_NAMES as string[]).includes(n))),
  disabledTools: z.array(z.string()).catch([]),
  readOnly: z.boolean().catch(false),
});

const patchShape = z
  .object({
    disabledToolsets: z.array(z.enum(TOOLSET_NAMES as [ToolsetName, ...ToolsetName[]])),
    disabledTools: z.array(z.string().min(1)),
    readOnly: z.boolean(),
  })
  .partial()
  .strict();

function normalise(s: GovernanceSettings): GovernanceSettings {
  const uniqueSorted = <T extends string>(list: T[]): T[] => [...new Set(list)].sort();
  return {
    disabledToolsets: uniqueSorted(s.disabledToolsets),
    disabledTools: uniqueSorted(s.disabledTools),
    readOnly: s.readOnly,
  };
}

function same(a: GovernanceSettings, b: GovernanceSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function createGovernanceOver(
  load: () => GovernanceSettings,
  save: (settings: GovernanceSettings) => void,
): Governance {
  let current = normalise(load());
  const listeners = new Set<(settings: GovernanceSettings) => void>();
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

/** Governance persisted in the settings table. */
export function createGovernance(settings: SettingsStore): Governance {
  return createGovernanceOver(
    () => {
      const stored = settings.get(SETTINGS_KEY);
      const parsed = storedShape.safeParse(stored ?? {});
      return parsed.success ? parsed.data : DEFAULT_GOVERNANCE;
    },
    (value) => settings.set(SETTINGS_KEY, value),
  );
}

/** Governance held in memory only (tests, the stdio bridge without a data dir). */
export function createMemoryGovernance(initial: Partial<GovernanceSettings> = {}): Governance {
  return createGovernanceOver(
    () => ({ ...DEFAULT_GOVERNANCE, ...initial }),
    () => undefined,
  );
}

// How each setting is presented: its label, unit and group. The rules for valid values are core's (the
// server answers a refused value with the reason), so the form does not repeat them.
import type { SettingKey } from '../../../../shared/api/settings';

export interface FieldInfo {
  label: string;
  unit?: string;
  kind: 'number' | 'text';
  group: string;
}

const fresh = (label: string): FieldInfo => ({ label, unit: 's', kind: 'number', group: 'Freshness' });

export const FIELDS: Record<SettingKey, FieldInfo> = {
  port: { label: 'Port on 127.0.0.1', kind: 'number', group: 'Server' },
  timeZone: { label: 'Time zone (what "today" means)', kind: 'text', group: 'Server' },
  'limits.budgetTokens': { label: 'Budget per answer', unit: 'tokens', kind: 'number', group: 'Server' },
  'responseCache.maxMb': { label: 'Response cache size', unit: 'MB', kind: 'number', group: 'Caches' },
  'fileCache.maxMb': { label: 'File cache size', unit: 'MB', kind: 'number', group: 'Caches' },
  'fileCache.maxFileMb': { label: 'Largest file kept', unit: 'MB', kind: 'number', group: 'Caches' },
  'fileCache.retentionDays': { label: 'Keep files for', unit: 'days', kind: 'number', group: 'Caches' },
  'responseCache.freshSeconds.timers': fresh('Timers'),
  'responseCache.freshSeconds.tasks': fresh('Tasks'),
  'responseCache.freshSeconds.comments': fresh('Comments'),
  'responseCache.freshSeconds.files': fresh('File lists'),
  'responseCache.freshSeconds.time': fresh('Time entries'),
  'responseCache.freshSeconds.activity': fresh('Activity'),
  'responseCache.freshSeconds.projects': fresh('Projects'),
  'responseCache.freshSeconds.people': fresh('People'),
  'responseCache.freshSeconds.tags': fresh('Tags'),
  'responseCache.freshSeconds.webhooks': fresh('Webhooks'),
  'callLog.retentionDays': { label: 'Keep calls for', unit: 'days', kind: 'number', group: 'Call log' },
  'callLog.maxRows': { label: 'Keep at most', unit: 'calls', kind: 'number', group: 'Call log' },
};

export const GROUPS = ['Server', 'Caches', 'Freshness', 'Call log'] as const;

/** What the form sends: a number where one was typed, else the text as it is (the server says why not). */
export function toValue(kind: FieldInfo['kind'], text: string): number | string {
  if (kind === 'text') return text.trim();
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

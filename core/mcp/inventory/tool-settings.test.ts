import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../store/db.js';
import { createSettingsStore } from '../../store/settings.js';
import {
  createToolSettings,
  createMemoryToolSettings,
  DEFAULT_TOOL_SETTINGS,
  effectiveToolSettings,
  parseSavedToolSettings,
  TOOL_SETTINGS_KEY,
  type ToolSettings,
} from './tool-settings.js';

describe('persisted tool settings', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-gov-'));
    db = openDatabase(join(dir, 'store.db'));
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with everything enabled and persists each change', () => {
    const gov = createToolSettings(createSettingsStore(db));
    expect(gov.get()).toEqual(DEFAULT_TOOL_SETTINGS);
    gov.update({ disabledToolsets: ['time', 'files', 'time'], disabledTools: ['post_comment'] });
    gov.update({ readOnly: true });
    gov.update({ writePolicy: 'confirm_all' });
    db.close();
    db = openDatabase(join(dir, 'store.db'));
    expect(createToolSettings(createSettingsStore(db)).get()).toEqual({
      disabledToolsets: ['files', 'time'],
      disabledTools: ['post_comment'],
      readOnly: true,
      writePolicy: 'confirm_all',
    });
  });

  it('notifies subscribers on real changes only, until they unsubscribe', () => {
    const gov = createToolSettings(createSettingsStore(db));
    const seen: ToolSettings[] = [];
    const off = gov.subscribe((s) => seen.push(s));
    gov.update({ readOnly: true });
    gov.update({ readOnly: true });
    gov.update({ disabledTools: [] });
    off();
    gov.update({ readOnly: false });
    expect(seen).toEqual([{ ...DEFAULT_TOOL_SETTINGS, readOnly: true }]);
  });

  it('rejects unknown toolsets and keys, and reads a damaged stored value leniently', () => {
    const settings = createSettingsStore(db);
    const gov = createToolSettings(settings);
    expect(() => gov.update({ disabledToolsets: ['nope' as 'time'] })).toThrow();
    expect(() => gov.update({ readonly: true } as never)).toThrow();
    expect(gov.get()).toEqual(DEFAULT_TOOL_SETTINGS);

    settings.set(TOOL_SETTINGS_KEY, {
      disabledToolsets: ['time', 'retired'],
      disabledTools: 'x',
      readOnly: 1,
    });
    expect(createToolSettings(settings).get()).toEqual({
      ...DEFAULT_TOOL_SETTINGS,
      disabledToolsets: ['time'],
    });
  });
});

describe('tool settings in memory', () => {
  it('holds an initial selection and changes without a store', () => {
    const gov = createMemoryToolSettings({ readOnly: true });
    expect(gov.get().readOnly).toBe(true);
    expect(gov.update({ readOnly: false }).readOnly).toBe(false);
  });
});

describe('the write policy', () => {
  it('defaults to confirming destructive writes; a config lock only makes it stricter', () => {
    const saved = { ...DEFAULT_TOOL_SETTINGS, writePolicy: 'apply' as const };
    const locked = { disabledToolsets: [], disabledTools: [], readOnly: false };
    expect(DEFAULT_TOOL_SETTINGS.writePolicy).toBe('confirm_destructive');
    expect(effectiveToolSettings(saved, locked).writePolicy).toBe('apply');
    expect(effectiveToolSettings(saved, { ...locked, writePolicy: 'confirm_all' }).writePolicy).toBe(
      'confirm_all',
    );
    expect(
      effectiveToolSettings({ ...saved, writePolicy: 'confirm_all' }, { ...locked, writePolicy: 'apply' })
        .writePolicy,
    ).toBe('confirm_all');
    expect(parseSavedToolSettings({ writePolicy: 'nonsense' }).writePolicy).toBe('confirm_destructive');
  });
});

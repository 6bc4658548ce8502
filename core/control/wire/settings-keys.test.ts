// The UI's setting keys are written in shared/ (which cannot import core), so this test holds them to the
// config schema they name: every key is a setting with a value, and the freshness keys are the cache's kinds
// (the config schema's freshSeconds, a Record over upstream/cache-policy.ts's CacheKind).
import { describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../../shared/api/settings.js';
import { getPath } from '../../config-sources.js';
import { settingsSchema } from '../../config.js';

describe('the settings the UI edits', () => {
  it('are settings of the config schema, and the freshness ones are exactly the cache kinds', () => {
    const defaults = settingsSchema.parse({ dataDir: '/tmp/x' });
    for (const key of SETTING_KEYS) {
      const value = getPath(defaults, key.split('.'));
      expect(typeof value === 'number' || typeof value === 'string', key).toBe(true);
    }
    const fresh = SETTING_KEYS.filter((k) => k.startsWith('responseCache.freshSeconds.')).map(
      (k) => k.split('.')[2],
    );
    expect(fresh).toEqual(Object.keys(defaults.responseCache.freshSeconds));
  });
});

// Settings: the view, saving changed values to config.json, and (desktop only) launch at login.
import type { Hono } from 'hono';
import { launchAtLoginSchema, settingsChangeSchema } from '../../../shared/api/settings.js';
import { ControlError } from '../errors.js';
import type { ControlServices } from '../services.js';
import { json, readBody } from '../request.js';

export function registerSettings(api: Hono, s: ControlServices): void {
  api.get('/settings', () => json(s.settings.view()));
  api.patch('/settings', async (c) => json(s.settings.change(await readBody(c, settingsChangeSchema))));
  api.put('/settings/launch-at-login', async (c) => {
    const { enabled } = await readBody(c, launchAtLoginSchema);
    if (!s.settings.setLaunchAtLogin) {
      throw new ControlError('not_found', 'Launch at login is a setting of the desktop app.');
    }
    return json(s.settings.setLaunchAtLogin(enabled));
  });
}

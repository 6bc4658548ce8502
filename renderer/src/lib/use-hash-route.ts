// Which panel is open, kept in the address's #fragment: the back button, reloads and links all work, and
// the server only ever serves one page.
import { useEffect, useState } from 'react';

export const PANELS = {
  overview: 'Overview',
  account: 'Account',
  clients: 'Clients',
  tools: 'Tools',
  cache: 'Cache',
  logs: 'Call log',
  changes: 'Changes',
  settings: 'Settings',
} as const;
export type Panel = keyof typeof PANELS;

const current = (): Panel => {
  const name = window.location.hash.replace(/^#\/?/, '');
  return name in PANELS ? (name as Panel) : 'overview';
};

export const panelHref = (panel: Panel): string => `#/${panel}`;

export function useHashRoute(): Panel {
  const [panel, setPanel] = useState<Panel>(current);
  useEffect(() => {
    const onChange = () => setPanel(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return panel;
}

export function goTo(panel: Panel): void {
  window.location.hash = panelHref(panel);
}

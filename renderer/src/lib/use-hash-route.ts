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

// `#/clients/cursor`: the panel, then what in it (the tray's "Connect another client ▸" links to a card).
const segments = (): string[] => window.location.hash.replace(/^#\/?/, '').split('/');

const current = (): Panel => {
  const name = segments()[0] ?? '';
  return name in PANELS ? (name as Panel) : 'overview';
};

/** What the address names inside the open panel (a client's id on Clients), if anything. */
export const routeDetail = (): string | undefined => segments()[1] || undefined;

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

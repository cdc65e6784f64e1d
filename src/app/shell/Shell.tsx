import { useSuspenseQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useParams } from 'react-router';
import { sessionQueries } from '../../api/session';
import { RouteBoundary } from '../../components/RouteBoundary';
import { CommandPalette } from './CommandPalette';
import { StartHere } from './StartHere';
import { WhoAmI } from './WhoAmI';
import { ZoneSwitcher } from './ZoneSwitcher';

/** Frame of every zone screen: header, navigation, and one boundary per routed page. */
export function Shell() {
  return (
    <RouteBoundary label="Checking your session…" errorTitle="Could not load the console">
      <ShellFrame />
    </RouteBoundary>
  );
}

function ShellFrame() {
  const { zoneId = '' } = useParams();
  const { data: session } = useSuspenseQuery(sessionQueries.current());
  const [paletteOpen, setPaletteOpen] = useState(false);
  // `/` (where sign-in lands) asks for the Start here guide on the first screen. Captured once: the
  // screen may rewrite its URL (dropping history state); leaving that screen retires the guide.
  const { pathname, state } = useLocation();
  const [welcomeAt, setWelcomeAt] = useState(() => ((state as { welcome?: boolean } | null)?.welcome ? pathname : null));
  useEffect(() => {
    if (welcomeAt !== null && welcomeAt !== pathname) setWelcomeAt(null);
  }, [pathname, welcomeAt]);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Caracal</span>
        <ZoneSwitcher zoneId={zoneId} />
        <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)} aria-keyshortcuts="Control+K Meta+K">
          Jump to… <kbd>Ctrl K</kbd>
        </button>
        <WhoAmI session={session} />
      </header>
      <nav className="sidenav" aria-label="Main">
        <NavLink to={`/zones/${encodeURIComponent(zoneId)}/policies`}>Policies</NavLink>
        <NavLink to={`/zones/${encodeURIComponent(zoneId)}/policy-sets`}>Policy Sets</NavLink>
        <NavLink to={`/zones/${encodeURIComponent(zoneId)}/audit`}>Audit</NavLink>
        <NavLink to={`/zones/${encodeURIComponent(zoneId)}/settings`}>Settings</NavLink>
      </nav>
      <main className="page" id="main" tabIndex={-1}>
        {welcomeAt === pathname && <StartHere zoneId={zoneId} />}
        <RouteBoundary label="Loading…">
          <Outlet />
        </RouteBoundary>
      </main>
      <CommandPalette zoneId={zoneId} open={paletteOpen} onOpenChange={setPaletteOpen} />
    </div>
  );
}

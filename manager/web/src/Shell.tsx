import { Suspense, useEffect, useState } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Loading } from './components/States';
import { pageAt, pages } from './pages/routes';
import { Link, navigate, useLocation } from './router';
import { useSession } from './session';
import { applyTheme, initialTheme, type Theme } from './theme';

const sections = [...new Set(pages.map((p) => p.section))];

/** The frame around every page: the menu, the user and theme controls, and the page the hash names. */
export function Shell() {
  const { user, logout } = useSession();
  const location = useLocation();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const page = pageAt(location.path);

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    if (!page) navigate('/dashboard');
  }, [page]);
  useEffect(() => {
    document.title = page ? `${page.title} · Bulwark` : 'Bulwark';
  }, [page]);

  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="logo" aria-hidden="true">◆</span> Bulwark
        </span>
        <span className="spacer" />
        <button type="button" className="ghost" aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
        <span className="user" title={`role ${user.role}`}>
          {user.fullname || user.username}
        </span>
        <button type="button" className="ghost" onClick={() => logout()}>
          Log out
        </button>
      </header>
      <nav className="sidebar" aria-label="Main">
        {sections.map((section) => {
          const items = pages.filter((p) => p.section === section && !p.hidden);
          return (
            <div key={section} className="nav-section">
              {items.length > 1 && <div className="nav-title">{section}</div>}
              {items.map((p) => (
                <Link key={p.path} to={p.path} className={p.path === location.path ? 'nav-item current' : 'nav-item'}>
                  {p.title}
                </Link>
              ))}
            </div>
          );
        })}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {page && (
          <>
            <h1 className="page-title">{page.title}</h1>
            <ErrorBoundary key={page.path}>
              <Suspense fallback={<Loading what="Loading the page" />}>
                <page.component location={location} />
              </Suspense>
            </ErrorBoundary>
          </>
        )}
      </main>
    </div>
  );
}

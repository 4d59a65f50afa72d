// The Lockbox admin console: sign-in, navigation and routing between pages (hash routes, so
// nothing but the page name and its filters ever appears in the URL).
import { api, session, whenUnauthorized } from './api.js';
import { h, clear } from './dom.js';
import { signInPage } from './pages/signin.js';
import { dashboardPage } from './pages/dashboard.js';
import { keysPage } from './pages/keys.js';
import { keyPage } from './pages/key.js';
import { auditPage } from './pages/audit.js';
import { deletionsPage } from './pages/deletions.js';
import { accessPage } from './pages/access.js';

const NAVIGATION = [
  ['dashboard', 'Dashboard'],
  ['keys', 'Keys'],
  ['audit', 'Audit trail'],
  ['deletions', 'Pending deletions'],
  ['access', 'Grants & trusts'],
];

const ROUTES = [
  [/^dashboard$/, dashboardPage],
  [/^keys$/, keysPage],
  [/^keys\/([0-9A-Za-z-]{1,64})$/, keyPage],
  [/^audit$/, auditPage],
  [/^deletions$/, deletionsPage],
  [/^access$/, accessPage],
];

const root = document.getElementById('app');
let caller = null;
let rendering = 0;

export function navigate(page, query = {}) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v != null && v !== '')).toString();
  const hash = `#/${page}${search ? `?${search}` : ''}`;
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

function currentRoute() {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [path, search] = raw.split('?');
  return { path: path || 'dashboard', query: Object.fromEntries(new URLSearchParams(search ?? '')) };
}

function signOut(message) {
  session.clear();
  caller = null;
  showSignIn(message);
}

function showSignIn(message) {
  document.title = 'Sign in · Lockbox console';
  clear(root).append(signInPage({ message, onSignedIn: signedIn }));
}

function signedIn(who) {
  caller = who;
  if (!window.location.hash || window.location.hash === '#/' || window.location.hash === '#') navigate('dashboard');
  else route();
}

function shell(active) {
  const roles = caller.roles.map(r => h('span', { class: 'role' }, r));
  const scope = caller.every_project ? 'every project' : `project ${caller.project_id}`;
  return h('div', { class: 'shell' },
    h('aside', { class: 'sidebar' },
      h('a', { class: 'brand', href: '#/dashboard' }, h('img', { src: 'favicon.svg', alt: '' }),
        h('span', null, 'Lockbox'), h('small', null, 'console')),
      h('nav', { 'aria-label': 'Pages' }, NAVIGATION.map(([page, title]) =>
        h('a', { href: `#/${page}`, class: page === active ? 'active' : null, 'aria-current': page === active ? 'page' : null,
          id: `nav-${page}` }, title))),
      h('div', { class: 'whoami' },
        h('div', { class: 'who', id: 'whoami-user' }, caller.user_name ?? caller.user_id),
        h('div', { class: 'muted small' }, scope),
        h('div', { class: 'roles' }, roles),
        h('button', { class: 'button ghost', type: 'button', id: 'sign-out',
          onclick: () => signOut('You signed out. The token was removed from this tab.') }, 'Sign out'))),
    h('main', { class: 'content', id: 'view', tabindex: '-1' }));
}

async function route() {
  if (!caller) return;
  const { path, query } = currentRoute();
  const ticket = ++rendering;
  for (const [pattern, page] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    const active = path.split('/')[0];
    clear(root).append(shell(active));
    const view = document.getElementById('view');
    const context = { caller, query, params: match.slice(1), navigate, stale: () => ticket !== rendering };
    document.title = `${NAVIGATION.find(([p]) => p === active)?.[1] ?? 'Key'} · Lockbox console`;
    await page(view, context);
    return;
  }
  navigate('dashboard');
}

whenUnauthorized(() => signOut('Your session ended: the server no longer accepts the token (expired or revoked).'
  + ' Sign in again with a fresh token.'));

window.addEventListener('hashchange', route);

async function start() {
  if (!session.token) {
    showSignIn();
    return;
  }
  clear(root).append(h('div', { class: 'state loading boot' }, h('span', { class: 'spinner' }), 'Signing in…'));
  try {
    signedIn(await api('/v1/lockbox/inventory/caller'));
  } catch (error) {
    session.clear();
    showSignIn(error.status === 401 ? undefined : error.description);
  }
}

start();

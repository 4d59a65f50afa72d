// Grants and trusts in force.
import { api } from '../api.js';
import { h, relative, time } from '../dom.js';
import { badge, empty, load, pager, section, table } from '../ui.js';

const PAGE = 20;

export async function accessPage(view, { query, navigate }) {
  const grantsOffset = offsetOf(query.grants_offset);
  const trustsOffset = offsetOf(query.trusts_offset);
  const grants = h('div', { id: 'access-grants' });
  const trusts = h('div', { id: 'access-trusts' });
  view.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Grants & trusts'),
      h('p', { class: 'muted' }, 'What services may do with keys they do not own, and the Keystone trusts Lockbox has seen in force.')),
    section('Grants', { subtitle: 'Access given to a service on a project or a key' }, grants),
    section('Trusts', { subtitle: 'Users acting for others through Keystone trusts' }, trusts));

  await Promise.all([
    load(grants, 'Grants', () => api('/v1/lockbox/grants', { query: { offset: grantsOffset, limit: PAGE } }), page => page.grants.length === 0
      ? empty('No grants', 'No service holds a grant: each reads only what it stored itself.')
      : [table([
        { title: 'Service', cell: g => h('strong', null, g.service) },
        { title: 'Access', cell: g => badge(g.access, g.access === 'write-only' ? 'info' : 'ok') },
        { title: 'Project', cell: g => h('code', null, g.project_id) },
        { title: 'Key', cell: g => g.secret_id ? h('a', { href: `#/keys/${g.secret_id}` }, h('code', null, g.secret_id.slice(0, 8))) : 'every key' },
        { title: 'Grantee', cell: g => g.grantee ? [g.grantee, g.trustor_user_id ? h('span', { class: 'muted small' }, ` for ${g.trustor_user_id}`) : null] : h('span', { class: 'muted' }, 'the service') },
        { title: 'Created by', cell: g => g.created_by ?? '—' },
        { title: 'Created', cell: g => h('span', { title: time(g.created) }, relative(g.created)) },
        { title: 'Expires', cell: g => g.expires_at ? h('span', { title: time(g.expires_at) }, relative(g.expires_at)) : 'never' },
      ], page.grants, { caption: 'Grants' }),
      pager({ offset: grantsOffset, limit: PAGE, total: page.total },
        next => navigate('access', { ...query, grants_offset: next }))]),
    load(trusts, 'Trusts', () => api('/v1/lockbox/trusts', { query: { offset: trustsOffset, limit: PAGE } }), page => page.trusts.length === 0
      ? empty('No trusts seen', 'No trust-scoped token has been used with Lockbox.')
      : [table([
        { title: 'Trustor', cell: t => t.trustor_user_id },
        { title: 'Trustee', cell: t => t.trustee_user_id },
        { title: 'Project', cell: t => h('code', null, t.project_id) },
        { title: 'Impersonation', cell: t => t.impersonation ? badge('yes', 'warn') : badge('no', 'neutral') },
        { title: 'Expires', cell: t => t.expires_at ? h('span', { title: time(t.expires_at) }, relative(t.expires_at)) : 'never' },
        { title: 'Last used', cell: t => t.last_used ? relative(t.last_used) : '—' },
      ], page.trusts, { caption: 'Trusts' }),
      pager({ offset: trustsOffset, limit: PAGE, total: page.total },
        next => navigate('access', { ...query, trusts_offset: next }))]),
  ]);
}

function offsetOf(value) {
  return Math.max(0, Number.parseInt(value ?? '0', 10) || 0);
}

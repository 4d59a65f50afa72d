// One key: metadata, ACLs, consumers, containers, group and its audit history. Never its material.
import { api } from '../api.js';
import { h, clear, number, relative, time } from '../dom.js';
import { badge, definitions, empty, errorBox, failure, load, loading, outcomeBadge, section, statusBadge, table } from '../ui.js';

export async function keyPage(view, { params }) {
  const [id] = params;
  const head = h('div', { class: 'page-head' }, h('a', { href: '#/keys', class: 'back' }, '‹ Keys'),
    h('h1', { id: 'key-title' }, 'Key'), h('p', { class: 'muted' }, h('code', null, id)));
  const body = h('div', { id: 'key-body' }, loading('Loading the key'));
  view.append(head, body);

  let detail;
  try {
    detail = await api(`/v1/lockbox/inventory/secrets/${encodeURIComponent(id)}`);
  } catch (error) {
    clear(body).append(error.status === 404
      ? h('div', { class: 'state error', role: 'alert' }, h('strong', null, 'No such key'),
        h('p', null, 'No key with this id exists that your token may see. It may have been deleted, or belong to another project.'),
        h('p', { class: 'small' }, 'The server said: ', h('q', null, error.description)))
      : errorBox(error, 'The key'));
    return;
  }
  const k = detail.key;
  head.querySelector('h1').replaceChildren(k.name || 'Unnamed key', ' ', statusBadge(k.status));

  const acl = h('div', { id: 'key-acl' });
  const history = h('div', { id: 'key-history' });
  clear(body).append(
    h('div', { class: 'grid two' },
      section('Metadata', {}, definitions([
        ['Id', h('code', null, k.id)],
        ['Project', h('code', null, k.project_id)],
        ['Service', k.service],
        ['Type', k.secret_type],
        ['Algorithm', k.algorithm],
        ['Bit length', k.bit_length],
        ['Mode', k.mode],
        ['Creator', h('code', null, k.creator_id)],
        ['Created', time(k.created)],
        ['Updated', time(k.updated)],
        ['Expires', k.expiration ? `${time(k.expiration)} (${relative(k.expiration)})` : 'never'],
        ['Material', k.has_payload ? badge(`stored, wrapped under KEK v${k.kek_version}`, 'ok') : badge('none yet', 'neutral')],
      ])),
      h('div', { class: 'stack' },
        section('Access control list', { subtitle: 'Users allowed to read this key beyond its project roles' }, acl),
        section('User metadata', {}, Object.keys(detail.metadata).length === 0 ? empty('No user metadata')
          : definitions(Object.entries(detail.metadata).map(([key, value]) => [key, value]))))),
    h('div', { class: 'grid two' },
      section('Consumers', { subtitle: 'Services registered as using this key' }, detail.consumers.length === 0
        ? empty('No consumers', 'No service has registered this key as in use.')
        : table([
          { title: 'Service', cell: c => c.service },
          { title: 'Resource type', cell: c => c.resource_type },
          { title: 'Resource', cell: c => h('code', null, c.resource_id) },
          { title: 'Since', cell: c => h('span', { title: time(c.created) }, relative(c.created)) },
        ], detail.consumers, { caption: 'Consumers' })),
      section('Group and containers', {}, groupAndContainers(detail))),
    section('Audit history', { subtitle: 'Every recorded operation and decision on this key, newest first',
      actions: h('a', { class: 'button small', href: `#/audit?key_id=${encodeURIComponent(k.id)}` }, 'Open in audit trail') }, history));

  acl.append(renderAcl(detail.acl));
  load(history, 'The audit trail', () => api('/v1/lockbox/audit', { query: { key_id: k.id, limit: 20 } }), page =>
    page.events.length === 0 ? empty('No events recorded for this key') : table([
      { title: 'Time', cell: e => h('span', { title: time(e.time) }, time(e.time)) },
      { title: 'Action', cell: e => h('code', null, e.action) },
      { title: 'Outcome', cell: e => outcomeBadge(e.outcome) },
      { title: 'User', cell: e => actor(e) },
      { title: 'Reason', cell: e => e.reason ?? '' },
    ], page.events, { caption: 'Audit history' }));
}

function actor(event) {
  return event.acting_user_id && event.acting_user_id !== event.user_id
    ? `${event.acting_user_id} for ${event.user_id}` : event.user_id ?? '—';
}

function groupAndContainers(detail) {
  const group = detail.group;
  return [
    definitions([['Group', group ? [h('strong', null, group.name || 'unnamed group'), ' ', h('code', { class: 'muted' }, group.id)]
      : h('span', { class: 'muted' }, 'not in a group')]]),
    detail.containers.length === 0 ? empty('In no container')
      : table([
        { title: 'Container', cell: c => c.name || h('em', { class: 'muted' }, 'unnamed') },
        { title: 'Type', cell: c => c.type },
        { title: 'Name in it', cell: c => c.member_name ?? '—' },
      ], detail.containers, { caption: 'Containers' }),
  ];
}

function renderAcl(acl) {
  if (!acl) return empty('No ACL', 'Every reader role of the key\'s project may read it; no one else.');
  return definitions([
    ['Project access', acl.project_access ? badge('project roles may read', 'ok')
      : badge('private: creator, project admins and listed users', 'warn')],
    ['Users also allowed to read', acl.users.length ? acl.users.join(', ') : h('span', { class: 'muted' }, 'none')],
    ['Updated', acl.updated ? `${time(acl.updated)} (${relative(acl.updated)})` : '—'],
  ]);
}

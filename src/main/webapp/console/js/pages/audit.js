// Audit viewer: filters, paging, and verification of the hash chain.
import { api } from '../api.js';
import { h, clear, number, time, shortId } from '../dom.js';
import { empty, errorBox, failure, loading, outcomeBadge, pager, section, table } from '../ui.js';

const PAGE = 25;
const FILTERS = ['key_id', 'project_id', 'user_id', 'outcome', 'action', 'since', 'until'];

export async function auditPage(view, { caller, query, navigate }) {
  const filters = Object.fromEntries(FILTERS.map(f => [f, query[f] ?? '']));
  const offset = Math.max(0, Number.parseInt(query.offset ?? '0', 10) || 0);
  const input = (name, placeholder, type = 'text') => h('input', { id: `audit-${name}`, name, type, value: filters[name],
    placeholder, autocomplete: 'off' });
  const controls = {
    key_id: input('key_id', 'key id'),
    project_id: input('project_id', caller.every_project ? 'any project' : caller.project_id),
    user_id: input('user_id', 'user id'),
    action: input('action', 'e.g. secrets.delete'),
    outcome: h('select', { id: 'audit-outcome', name: 'outcome' }, ['', 'allowed', 'denied', 'failed']
      .map(o => h('option', { value: o, selected: o === filters.outcome }, o || 'any outcome'))),
    since: input('since', 'from (ISO 8601)'),
    until: input('until', 'to (ISO 8601)'),
  };
  const field = (label, control) => h('label', { class: 'field' }, h('span', null, label), control);
  const form = h('form', { class: 'filters', id: 'audit-filters', onsubmit: event => {
    event.preventDefault();
    navigate('audit', Object.fromEntries(FILTERS.map(f => [f, controls[f].value.trim()])));
  } },
  field('Key', controls.key_id), field('Project', controls.project_id), field('User', controls.user_id),
  field('Action', controls.action), field('Outcome', controls.outcome), field('Since', controls.since),
  field('Until', controls.until),
  h('div', { class: 'filter-actions' },
    h('button', { class: 'button primary', type: 'submit', id: 'audit-apply' }, 'Apply'),
    h('button', { class: 'button ghost', type: 'button', onclick: () => navigate('audit') }, 'Reset')));

  const verification = h('div', { id: 'chain-result' },
    h('p', { class: 'muted' }, 'Check that no recorded event was altered, removed or inserted: every event\'s hash covers the one before it.'));
  const verifyButton = h('button', { class: 'button primary', type: 'button', id: 'verify-chain', onclick: verify }, 'Verify chain');
  const results = h('div', { id: 'audit-results' }, loading('Loading events'));

  view.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Audit trail'),
      h('p', { class: 'muted' }, 'Who did what to which key, and every authorization decision. Append-only and hash-chained.')),
    section('Chain verification', { actions: verifyButton }, verification),
    section('Events', { subtitle: 'Newest first', actions: h('button', { class: 'button small', type: 'button',
      id: 'export-cadf', onclick: exportCadf }, 'Export as CADF') }, form, results));

  /** Downloads the filtered events as CADF JSON, what OpenStack's audit tooling reads. */
  async function exportCadf(event) {
    event.target.disabled = true;
    try {
      const events = await api('/v1/lockbox/audit/cadf', { query: { ...filters, offset, limit: 100 } });
      const link = h('a', { href: URL.createObjectURL(new Blob([JSON.stringify(events, null, 2)],
        { type: 'application/json' })), download: `lockbox-audit-${new Date().toISOString().slice(0, 19)}.cadf.json` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (error) {
      results.prepend(failure('CADF export', error));
    } finally {
      event.target.disabled = false;
    }
  }

  async function verify() {
    verifyButton.disabled = true;
    clear(verification).append(loading('Verifying the whole chain'));
    try {
      const result = await api('/v1/lockbox/audit/verification');
      clear(verification).append(result.intact
        ? h('div', { class: 'state ok', id: 'chain-intact' }, h('strong', null, 'Chain intact'),
          h('p', null, `${number(result.events_checked)} events checked at ${time(result.checked_at)}; none was altered, removed or inserted.`))
        : h('div', { class: 'state error', id: 'chain-broken', role: 'alert' }, h('strong', null, 'Chain broken'),
          h('p', null, `First broken event: sequence ${result.first_broken?.sequence} (`, h('code', null, result.first_broken?.id ?? '?'),
            `) — ${result.first_broken?.problem ?? 'no detail'}.`),
          h('p', { class: 'small' }, `${number(result.events_checked)} events checked at ${time(result.checked_at)}.`)));
    } catch (error) {
      clear(verification).append(failure('Chain verification', error));
    } finally {
      verifyButton.disabled = false;
    }
  }

  try {
    const page = await api('/v1/lockbox/audit', { query: { ...filters, offset, limit: PAGE } });
    clear(results);
    if (page.events.length === 0) {
      results.append(empty(Object.values(filters).some(Boolean) ? 'No event matches these filters' : 'No events yet'));
      return;
    }
    results.append(table([
      { title: '#', class: 'num', cell: e => number(e.sequence) },
      { title: 'Time', cell: e => time(e.time) },
      { title: 'Action', cell: e => h('code', null, e.action) },
      { title: 'Outcome', cell: e => [outcomeBadge(e.outcome), e.status ? h('span', { class: 'muted small' }, ` ${e.status}`) : null] },
      { title: 'User', cell: e => e.acting_user_id && e.acting_user_id !== e.user_id
        ? [e.acting_user_id, h('span', { class: 'muted small' }, ` for ${e.user_id}`)] : e.user_id ?? '—' },
      { title: 'Service', cell: e => e.service ?? '—' },
      { title: 'Project', cell: e => e.project_id ? h('code', null, e.project_id) : '—' },
      { title: 'Key', cell: e => e.key_id ? h('a', { href: `#/keys/${e.key_id}`, title: e.key_id }, shortId(e.key_id)) : '—' },
      { title: 'Reason', class: 'wide', cell: e => e.reason ?? '' },
    ], page.events, { caption: 'Audit events', rowClass: e => `outcome-${e.outcome}` }),
    pager({ offset, limit: PAGE, total: page.total }, next => navigate('audit', { ...filters, offset: next })));
  } catch (error) {
    clear(results).append(error.status === 400 ? errorBox(error, 'Filters not accepted') : failure('The audit trail', error));
    if (error.notAvailable) verifyButton.disabled = true;
  }
}

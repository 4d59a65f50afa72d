// Keys browser: filters and paging over the inventory; metadata only.
import { api } from '../api.js';
import { h, clear, number, relative, shortId, time } from '../dom.js';
import { empty, failure, loading, pager, section, statusBadge, table } from '../ui.js';

const PAGE = 20;
const SERVICES = ['default', 'volume', 'object', 'image', 'compute'];
const STATUSES = ['', 'ACTIVE', 'EXPIRED', 'PENDING_DELETION'];

export async function keysPage(view, { caller, query, navigate }) {
  const filters = {
    project_id: query.project_id ?? '', service: query.service ?? '', name: query.name ?? '', status: query.status ?? '',
  };
  const offset = Math.max(0, Number.parseInt(query.offset ?? '0', 10) || 0);

  const field = (label, control) => h('label', { class: 'field' }, h('span', null, label), control);
  const project = h('input', { id: 'filter-project', name: 'project_id', value: caller.every_project ? filters.project_id : caller.project_id,
    placeholder: 'any project', disabled: !caller.every_project, autocomplete: 'off' });
  const service = h('select', { id: 'filter-service', name: 'service' },
    ['', ...SERVICES].map(s => h('option', { value: s, selected: s === filters.service }, s || 'any service')));
  const name = h('input', { id: 'filter-name', name: 'name', value: filters.name, placeholder: 'part of a name', autocomplete: 'off' });
  const status = h('select', { id: 'filter-status', name: 'status' },
    STATUSES.map(s => h('option', { value: s, selected: s === filters.status }, s ? s.replace('_', ' ').toLowerCase() : 'any status')));

  const form = h('form', { class: 'filters', id: 'keys-filters', onsubmit: event => {
    event.preventDefault();
    navigate('keys', { project_id: caller.every_project ? project.value.trim() : '', service: service.value,
      name: name.value.trim(), status: status.value });
  } },
  field('Project', project), field('Service', service), field('Name', name), field('Status', status),
  h('div', { class: 'filter-actions' },
    h('button', { class: 'button primary', type: 'submit', id: 'keys-apply' }, 'Apply'),
    h('button', { class: 'button ghost', type: 'button', onclick: () => navigate('keys') }, 'Reset')));

  const results = h('div', { id: 'keys-results' }, loading('Loading keys'));
  view.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Keys'),
      h('p', { class: 'muted' }, 'Metadata of every key you may see. Key material is never shown here or fetched by the console.')),
    section('Browse', {}, form, results));

  try {
    const page = await api('/v1/lockbox/inventory/secrets', { query: { ...filters,
      project_id: caller.every_project ? filters.project_id : '', offset, limit: PAGE } });
    clear(results);
    if (page.secrets.length === 0) {
      const filtered = Object.values(filters).some(Boolean);
      results.append(empty(filtered ? 'No key matches these filters' : 'No keys yet',
        filtered ? 'Change or reset the filters.' : 'Keys stored through the Barbican API appear here.'));
      return;
    }
    results.append(
      table([
        { title: 'Name', cell: k => h('a', { href: `#/keys/${k.id}`, class: 'key-link' }, k.name || h('em', { class: 'muted' }, 'unnamed')) },
        { title: 'Id', cell: k => h('code', { title: k.id }, shortId(k.id)) },
        { title: 'Project', cell: k => h('code', null, k.project_id) },
        { title: 'Service', cell: k => k.service },
        { title: 'Type', cell: k => [k.secret_type, k.algorithm, k.bit_length ? `${k.bit_length}-bit` : null, k.mode]
          .filter(Boolean).join(' · ') },
        { title: 'Status', cell: k => statusBadge(k.status) },
        { title: 'Consumers', class: 'num', cell: k => number(k.consumers) },
        { title: 'Created', cell: k => h('span', { title: time(k.created) }, relative(k.created)) },
      ], page.secrets, { onOpen: k => navigate(`keys/${k.id}`), caption: 'Keys' }),
      pager({ offset, limit: PAGE, total: page.total }, next => navigate('keys', { ...filters, offset: next })));
  } catch (error) {
    clear(results).append(failure('The key inventory', error));
  }
}

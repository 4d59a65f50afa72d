// Sign in with a token. Only the admin, audit and key-manager:service-admin roles get in; a token
// the server accepts but whose roles do not allow the console gets a clear denial.
import { api, session } from '../api.js';
import { h } from '../dom.js';

export function signInPage({ message, onSignedIn }) {
  const input = h('input', {
    id: 'signin-token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    placeholder: 'Paste a Keystone or development token', 'aria-describedby': 'signin-help',
  });
  const button = h('button', { class: 'button primary', type: 'submit', id: 'signin-submit' }, 'Sign in');
  const outcome = h('div', { id: 'signin-outcome', 'aria-live': 'assertive' },
    message ? h('div', { class: 'state info' }, message) : null);

  async function submit(event) {
    event.preventDefault();
    const token = input.value.trim();
    input.value = '';
    if (!token) {
      outcome.replaceChildren(h('div', { class: 'state error', role: 'alert' }, h('strong', null, 'No token'),
        h('p', null, 'Paste a token first.')));
      return;
    }
    button.disabled = true;
    outcome.replaceChildren(h('div', { class: 'state loading', role: 'status' }, h('span', { class: 'spinner' }),
      'Checking the token…'));
    try {
      const caller = await api('/v1/lockbox/inventory/caller', { token });
      session.store(token);
      onSignedIn(caller);
    } catch (error) {
      outcome.replaceChildren(refusal(error));
    } finally {
      button.disabled = false;
    }
  }

  return h('div', { class: 'signin' },
    h('form', { class: 'signin-card', id: 'signin-form', onsubmit: submit, autocomplete: 'off' },
      h('div', { class: 'brand large' }, h('img', { src: 'favicon.svg', alt: '' }), h('span', null, 'Lockbox'),
        h('small', null, 'console')),
      h('h1', null, 'Sign in'),
      h('label', { for: 'signin-token' }, 'Token'),
      input,
      h('p', { class: 'muted small', id: 'signin-help' },
        'A Keystone token (', h('code', null, 'openstack token issue -f value -c id'), ') or a development token (',
        h('code', null, 'scripts/dev-token'), ') with the ', h('b', null, 'admin'), ', ', h('b', null, 'audit'),
        ' or ', h('b', null, 'key-manager:service-admin'), ' role. It stays in this tab only and is sent to this',
        ' server alone; signing out or closing the tab forgets it.'),
      button,
      outcome));
}

function refusal(error) {
  if (error.status === 403) {
    return h('div', { class: 'state denied', role: 'alert', id: 'signin-denied' },
      h('strong', null, 'Access denied'),
      h('p', null, 'The server accepted the token, but the console is for the admin, audit and',
        ' key-manager:service-admin roles (admin and audit with a project-scoped token).'),
      h('p', { class: 'small' }, 'The server said: ', h('q', null, error.description)));
  }
  if (error.status === 401) {
    return h('div', { class: 'state error', role: 'alert', id: 'signin-invalid' },
      h('strong', null, 'Token not accepted'),
      h('p', null, 'The token is not valid here: it may be mistyped, expired, revoked or from another issuer.'),
      h('p', { class: 'small' }, 'The server said: ', h('q', null, error.description)));
  }
  return h('div', { class: 'state error', role: 'alert' }, h('strong', null, `${error.status || ''} ${error.title}`.trim()),
    h('p', null, error.description));
}

// The console's only way to the API. The token lives in this tab's sessionStorage, is sent as
// X-Auth-Token to this server only, and is never written to the page, the URL or the console log.
// Key material is never requested: payload paths are refused before any request leaves.

const TOKEN_KEY = 'lockbox.console.token';

export class ApiError extends Error {
  constructor(status, title, description) {
    super(`${status} ${title}: ${description}`);
    this.status = status;
    this.title = title;
    this.description = description;
  }

  /** The endpoint does not exist on this server (a feature not deployed), as opposed to a refusal. */
  get notAvailable() {
    return this.status === 404 || this.status === 405;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  store(token) { sessionStorage.setItem(TOKEN_KEY, token); },
  clear() { sessionStorage.removeItem(TOKEN_KEY); },
};

const MATERIAL = /\/payload(?:[/?#]|$)/i;
// The API lives where the console does, less /console/ (the WAR may be deployed under a context root).
const BASE = window.location.pathname.replace(/\/console(?:\/.*)?$/, '');
let onUnauthorized = () => {};

/** Called when a signed-in request is refused with 401 (token expired or revoked). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** Sends one request; answers the parsed JSON body or throws an ApiError carrying the API's JSON error. */
export async function api(path, { method = 'GET', token = session.token, query } = {}) {
  if (MATERIAL.test(path)) {
    throw new ApiError(0, 'Refused', 'The console never reads key material.');
  }
  const url = new URL(BASE + path, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value != null && value !== '') url.searchParams.set(name, value);
  }
  if (url.origin !== window.location.origin) {
    throw new ApiError(0, 'Refused', 'The console only talks to the server it came from.');
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: { Accept: 'application/json', 'X-Auth-Token': token ?? '' },
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    });
  } catch (failure) {
    throw new ApiError(0, 'Network error', 'Lockbox did not answer. Is the server running and reachable?');
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, body?.title ?? response.statusText ?? 'Error',
      body?.description ?? `The server answered ${response.status} without an explanation.`);
    if (response.status === 401 && token === session.token && token) onUnauthorized(error);
    throw error;
  }
  return body;
}

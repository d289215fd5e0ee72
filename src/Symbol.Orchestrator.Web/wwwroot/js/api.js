// The HTTP API (docs/api.md): JSON in and out; POSTs carry the anti-forgery header; a 401 asks for the token once.
import { signIn } from './signin.js';

/** An API answer that was not 2xx: status and the one-line { "error" } the API wrote. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let csrf = null;

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);

async function request(method, path, body, attempt = 0) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-Orchestrator-Csrf'] = await csrfToken();
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'the host does not answer (is orchestrator run still running?)');
  }
  if (response.status === 401 && attempt < 2) {
    await signIn();
    csrf = null;
    return request(method, path, body, attempt + 1);
  }
  // A stale anti-forgery token (the host restarted): fetch a fresh one and send the POST again, once.
  if (response.status === 403 && method !== 'GET' && attempt === 0) {
    csrf = null;
    return request(method, path, body, attempt + 1);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok)
    throw new ApiError(response.status, data?.error ?? `${response.status} ${response.statusText || 'error'} from ${path}`);
  return data;
}

async function csrfToken() {
  if (!csrf) csrf = (await request('GET', '/api/csrf')).token;
  return csrf;
}

/** The path of an API resource with each part encoded: api('runs', id) → /api/runs/a%40b. */
export function api(...parts) {
  return '/api/' + parts.map(encodeURIComponent).join('/');
}

// The public API over fetch, with the signed-in user's bearer token. Nothing here is private to the
// console: every call is an endpoint of /api/openapi.json.
import { session, signOut } from './auth.js';
import { config } from './config.js';

/** An API refusal: the problem details' title, detail, code and field (RFC 9457). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || `HTTP ${status}`;
    this.detail = problem.detail || '';
    this.code = problem.code;
    this.field = problem.field;
  }
}

/** A fresh Idempotency-Key for one user action (a retry of the same action reuses it). */
export const newIdempotencyKey = () => `console-${crypto.randomUUID()}`;

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.append(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Calls the API. Returns { body, etag, response }; throws ApiError with the problem details on refusal. */
export async function call(path, { method = 'GET', body, idempotencyKey, ifMatch, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  const token = session()?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (ifMatch) headers['If-Match'] = ifMatch;
  let response;
  try {
    response = await fetch(config().apiBaseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, { title: 'The API could not be reached', detail: String(error.message ?? error) });
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (!response.ok) {
    const problem = type.includes('json') ? await response.json().catch(() => ({})) : { detail: await response.text().catch(() => '') };
    if (response.status === 401) signOut('Your sign-in has expired or was refused; sign in again.');
    throw new ApiError(response.status, { title: problem.title || response.statusText, ...problem });
  }
  const result = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.text();
  return { body: result, etag: response.headers.get('ETag'), response };
}

export const get = async (path, params = {}) => (await call(path + query(params))).body;
export const post = async (path, body, options = {}) => (await call(path, { method: 'POST', body, ...options })).body;
export const put = async (path, body, options = {}) => (await call(path, { method: 'PUT', body, ...options })).body;
/** Path segment from a value the API gave (ids are validated server-side; this keeps the URL intact). */
export const seg = value => encodeURIComponent(value);

import { vi } from 'vitest';
import { fakeController, Status } from '../test/fakeController';
import { Api, ApiError } from './client';

test('raw sends its own headers beside the session token, and gives the response itself', async () => {
  const sent = fakeController({ 'POST /v1/file/config': () => ({ data: 'x' }) });
  const activity = vi.fn();
  const response = await new Api('tok', { onActivity: activity }).raw('POST', '/v1/file/config', undefined, { 'X-Transaction-ID': 'tid-1' });
  expect(await response.json()).toEqual({ data: 'x' });
  expect(sent[0].headers.get('X-Transaction-ID')).toBe('tid-1');
  expect(sent[0].headers.get('X-Auth-Token')).toBe('tok');
  expect(sent[0].body).toBeUndefined();
  expect(activity).toHaveBeenCalledTimes(1);
});

test("a header of the caller's cannot replace the session token", async () => {
  const sent = fakeController({ 'GET /v1/file/config': () => ({}) });
  await new Api('tok').raw('GET', '/v1/file/config', undefined, { 'X-Auth-Token': 'forged' });
  expect(sent[0].headers.get('X-Auth-Token')).toBe('tok');
});

test('raw refusals are ApiErrors, and a 401 ends the session as for JSON calls', async () => {
  fakeController({
    'POST /v1/file/config': () => {
      throw new Status(401, 'Authentication failed');
    },
  });
  const unauthorized = vi.fn();
  const call = new Api('tok', { onUnauthorized: unauthorized }).raw('POST', '/v1/file/config', new Blob(['x']), { 'Content-Type': 'application/gzip' });
  await expect(call).rejects.toMatchObject({ status: 401, message: 'Authentication failed' });
  expect(unauthorized).toHaveBeenCalledTimes(1);
});

test('an unreachable server is an ApiError of status 0, for raw and JSON calls alike', async () => {
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('Failed to fetch');
  });
  const api = new Api('tok');
  for (const call of [api.raw('GET', '/v1/file/config'), api.get('/v1/user')]) {
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
  }
});

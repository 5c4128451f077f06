import { vi } from 'vitest';
import { Api } from '../../api/client';
import { fakeController, Status } from '../../test/fakeController';
import { importBackup, POLL_LIMIT, taskOf } from './importTask';
import type { ImportTask } from './types';

const task = (extra: Partial<ImportTask>): ImportTask => ({ tid: 'abc', percentage: 0, status: 'importing', triggered_by: 'admin', last_update_time: '', ...extra });
const noWait = async () => undefined;
const file = new Blob([new Uint8Array([0x1f, 0x8b, 0, 0])], { type: 'application/gzip' });

test('follows a task with X-Transaction-ID polls (empty bodies) until it is done', async () => {
  const answers = [task({ percentage: 10 }), task({ percentage: 60, status: 'importing' }), task({ percentage: 100, status: 'done' })];
  const sent = fakeController({ 'POST /v1/file/config': () => ({ data: answers.shift() }) });
  const seen: number[] = [];
  const done = await importBackup(new Api('t'), file, true, (t) => seen.push(t.percentage), noWait);
  expect(done.status).toBe('done');
  expect(seen).toEqual([10, 60, 100]);
  expect(sent[0].query.get('trust')).toBe('true');
  expect(sent[0].body).toBeInstanceOf(Blob);
  expect(sent[0].headers.get('Content-Type')).toBe('application/gzip');
  expect(sent.slice(1).every((s) => s.body === undefined)).toBe(true);
  expect(sent.slice(1).map((s) => s.headers.get('X-Transaction-ID'))).toEqual(['abc', 'abc']);
  expect(sent.every((s) => s.headers.get('X-Auth-Token') === 't')).toBe(true);
});

test('a session that expires while polling ends as any other call would end it', async () => {
  let polls = 0;
  fakeController({
    'POST /v1/file/config': () => {
      if (polls++ === 0) return { data: task({ percentage: 10 }) };
      throw new Status(401, 'Authentication failed');
    },
  });
  const unauthorized = vi.fn();
  await expect(importBackup(new Api('t', { onUnauthorized: unauthorized }), file, false, () => undefined, noWait)).rejects.toThrow('Authentication failed');
  expect(unauthorized).toHaveBeenCalledTimes(1);
});

test("a task that ends with a reason instead of done is the import's failure", async () => {
  fakeController({ 'POST /v1/file/config': () => ({ data: task({ percentage: 100, status: 'the backup is not signed by this cluster' }) }) });
  await expect(importBackup(new Api('t'), file, false, () => undefined, noWait)).rejects.toThrow('The import failed: the backup is not signed by this cluster');
});

test("a refused upload throws the controller's message", async () => {
  fakeController({
    'POST /v1/file/config': () => {
      throw new Status(400, 'not a backup of this controller (gzip JSON expected)');
    },
  });
  await expect(importBackup(new Api('t'), file, false, () => undefined, noWait)).rejects.toThrow('not a backup of this controller');
});

test('gives up on a task that never finishes', async () => {
  const sent = fakeController({ 'POST /v1/file/config': () => ({ data: task({ percentage: 50 }) }) });
  await expect(importBackup(new Api('t'), file, false, () => undefined, noWait)).rejects.toThrow('did not finish');
  expect(sent).toHaveLength(1 + POLL_LIMIT);
});

test('hostile answers: no task, wrong types, no id are refused, never followed', () => {
  expect(() => taskOf(null)).toThrow('without a task');
  expect(() => taskOf({})).toThrow('without a task');
  expect(() => taskOf({ data: 'done' })).toThrow('without a task');
  expect(() => taskOf({ data: { status: 'done', percentage: '100' } })).toThrow('without a task');
  expect(() => taskOf({ data: { status: 7, percentage: 100 } })).toThrow('without a task');
  expect(taskOf({ data: { status: 'done', percentage: 100, tid: { evil: 1 }, extra: 'x'.repeat(1_000_000) } })).toMatchObject({ status: 'done', tid: '[object Object]' });
});

test('a running task without an id cannot be polled and is given up at once', async () => {
  const sent = fakeController({ 'POST /v1/file/config': () => ({ data: task({ tid: '', percentage: 5 }) }) });
  await expect(importBackup(new Api('t'), file, false, () => undefined, noWait)).rejects.toThrow('did not finish');
  expect(sent).toHaveLength(1);
});

import type { Api } from '../../api/client';
import type { ImportTask } from './types';

// NeuVector's import protocol (controller ImportTasks): the upload answers 206 with a task; while the task is
// neither done nor finished, the client posts again with the task's X-Transaction-ID and an empty body. Our
// controller finishes before its first answer, so polling is there for controllers that do not.

export const POLL_MS = 1000;
/** How long an import may run before the console stops waiting for it. */
export const POLL_LIMIT = 600;

export function finished(task: ImportTask): boolean {
  return task.status === 'done' || task.percentage >= 100;
}

/** The task in an answer ({ data: RESTImportTask }); anything else is refused rather than followed. */
export function taskOf(body: unknown): ImportTask {
  const data = (body as { data?: unknown } | null)?.data as Partial<ImportTask> | undefined;
  if (!data || typeof data !== 'object' || typeof data.status !== 'string' || typeof data.percentage !== 'number') {
    throw new Error('The controller answered the import without a task.');
  }
  return {
    tid: String(data.tid ?? ''),
    percentage: data.percentage,
    status: data.status,
    triggered_by: String(data.triggered_by ?? ''),
    last_update_time: String(data.last_update_time ?? ''),
  };
}

/** Uploads a backup; returns its task, or throws the controller's refusal. */
export async function upload(api: Api, file: Blob, trust: boolean): Promise<ImportTask> {
  const path = `/v1/file/config${trust ? '?trust=true' : ''}`;
  const response = await api.raw('POST', path, file, { 'Content-Type': 'application/gzip' });
  return taskOf(await response.json().catch(() => null));
}

/** Asks for a task's progress: the task's id in X-Transaction-ID, no body. */
export async function poll(api: Api, tid: string): Promise<ImportTask> {
  const response = await api.raw('POST', '/v1/file/config', undefined, { 'X-Transaction-ID': tid });
  return taskOf(await response.json().catch(() => null));
}

/** Uploads a backup and follows its task to the end, telling each step; a failed task throws its reason. */
export async function importBackup(
  api: Api,
  file: Blob,
  trust: boolean,
  progress: (task: ImportTask) => void,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => window.setTimeout(r, ms)),
): Promise<ImportTask> {
  let task = await upload(api, file, trust);
  for (let i = 0; !finished(task); i++) {
    if (i >= POLL_LIMIT || !task.tid) throw new Error('The import did not finish; see the controller events for its outcome.');
    progress(task);
    await wait(POLL_MS);
    task = await poll(api, task.tid);
  }
  progress(task);
  if (task.status !== 'done') throw new Error(`The import failed: ${task.status}`);
  return task;
}

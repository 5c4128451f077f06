import { act, renderHook } from '@testing-library/react';
import { REFRESH_MS, useRefreshTick } from './useRefreshTick';

let visibility: DocumentVisibilityState = 'visible';

beforeEach(() => {
  visibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function become(state: DocumentVisibilityState) {
  visibility = state;
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

test('ticks every period while visible, never while hidden, and at once when shown again', () => {
  const { result, unmount } = renderHook(() => useRefreshTick());
  expect(result.current).toBe(0);
  act(() => vi.advanceTimersByTime(REFRESH_MS - 1));
  expect(result.current).toBe(0);
  act(() => vi.advanceTimersByTime(1));
  expect(result.current).toBe(1);

  become('hidden');
  act(() => vi.advanceTimersByTime(REFRESH_MS * 5));
  expect(result.current).toBe(1);

  become('visible');
  expect(result.current).toBe(2);
  act(() => vi.advanceTimersByTime(REFRESH_MS));
  expect(result.current).toBe(3);

  unmount();
  expect(vi.getTimerCount()).toBe(0);
});

test('a page opened hidden waits until it is shown', () => {
  visibility = 'hidden';
  const { result } = renderHook(() => useRefreshTick());
  act(() => vi.advanceTimersByTime(REFRESH_MS * 3));
  expect(result.current).toBe(0);
  become('visible');
  expect(result.current).toBe(1);
});

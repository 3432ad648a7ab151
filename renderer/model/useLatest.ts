/**
 * A ref that always holds the latest value, for handlers registered once (keys, menu commands,
 * files delivered by the host) that must see the window as it is now. It is updated after the
 * render is committed, never during it, so a render that React throws away leaves it unchanged.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';

export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}

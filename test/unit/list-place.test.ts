import { describe, expect, it } from 'vitest';
import { keepPlace } from '../../renderer/model/listPlace';

describe('where the 审核 panel highlight goes after an edit', () => {
  it('stays on a finding that is still there, even when others come before it', () => {
    expect(keepPlace(['a', 'b', 'c'], 'b', ['x', 'a', 'b', 'c'])).toBe('b');
  });

  it('moves to the next finding still there when the highlighted one is fixed, not to a new one', () => {
    expect(keepPlace(['a', 'b', 'c', 'd'], 'b', ['a', 'new', 'd'])).toBe('d');
  });

  it('moves to the one before when nothing after it is left, and to nothing when the list is empty', () => {
    expect(keepPlace(['a', 'b', 'c'], 'c', ['a', 'b'])).toBe('b');
    expect(keepPlace(['a'], 'a', [])).toBeNull();
    expect(keepPlace(['a'], 'z', ['a'])).toBeNull();
  });
});

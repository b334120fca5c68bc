import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PortalCache } from './portal-cache.js';

/** A generation read that answers when the test says so, and counts how often it was asked. */
function heldGeneration(first: number) {
  const state = {
    asked: 0,
    answers: [] as { resolve: (g: number) => void; reject: (e: Error) => void }[],
  };
  const read = () => {
    state.asked += 1;
    if (state.asked === 1) return Promise.resolve(first);
    return new Promise<number>((resolve, reject) => state.answers.push({ resolve, reject }));
  };
  return { state, read };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('what the portal cache holds while its generation is rechecked', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-10-31T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  const filled = async (first: number) => {
    const generation = heldGeneration(first);
    const cache = new PortalCache<string>(generation.read);
    await cache.get('/rating/x', async () => 'страница');
    return { cache, state: generation.state, stands: cache.standing() };
  };

  it('stands while a due recheck runs, asks the database once, and stands on when nothing moved', async () => {
    const { cache, state, stands } = await filled(7);
    expect(stands()).toBe(true);
    expect(state.asked).toBe(1);
    vi.setSystemTime(new Date('2026-10-31T12:00:04.999Z'));
    expect(stands()).toBe(true);
    expect(state.asked).toBe(1);

    vi.setSystemTime(new Date('2026-10-31T12:00:05Z'));
    expect([stands(), stands(), stands()]).toEqual([true, true, true]);
    expect(state.asked).toBe(2);
    state.answers[0]?.resolve(7);
    await settle();
    expect(stands()).toBe(true);
    expect(state.asked).toBe(2);
    expect(await cache.get('/rating/x', async () => 'другая')).toBe('страница');
  });

  it('falls once the recheck finds a new publication', async () => {
    const { cache, state, stands } = await filled(7);
    vi.setSystemTime(new Date('2026-10-31T12:00:06Z'));
    expect(stands()).toBe(true);
    state.answers[0]?.resolve(8);
    await settle();
    expect(stands()).toBe(false);
    expect(await cache.get('/rating/x', async () => 'после публикации')).toBe('после публикации');
    expect(cache.standing()()).toBe(true);
  });

  it('falls when the recheck fails', async () => {
    const { state, stands } = await filled(7);
    vi.setSystemTime(new Date('2026-10-31T12:00:06Z'));
    expect(stands()).toBe(true);
    state.answers[0]?.reject(new Error('база недоступна'));
    await settle();
    expect(stands()).toBe(false);
    expect(state.asked).toBe(2);
  });

  it('falls at once when the answers are dropped', async () => {
    const { cache, state, stands } = await filled(7);
    cache.invalidate();
    expect(stands()).toBe(false);
    expect(state.asked).toBe(1);
  });
});

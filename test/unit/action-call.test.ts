import { describe, expect, it } from 'vitest';
import { callAction, OFFLINE_MESSAGE } from '~/lib/shared/action-call';

describe('callAction', () => {
  it('passes data through', async () => {
    expect(await callAction(async () => ({ data: { runId: 3 } }))).toEqual({ ok: true, data: { runId: 3 } });
  });
  it("keeps the action's own error message", async () => {
    expect(await callAction(async () => ({ error: { message: 'That case does not exist.' } }))).toEqual({ ok: false, message: 'That case does not exist.' });
  });
  it('turns a network failure (the call throws) into the fallback message', async () => {
    expect(await callAction(() => Promise.reject(new TypeError('Failed to fetch')))).toEqual({ ok: false, message: OFFLINE_MESSAGE });
  });
  it('treats an answer with neither data nor error as a failure', async () => {
    expect(await callAction(async () => ({}))).toEqual({ ok: false, message: OFFLINE_MESSAGE });
  });
});
